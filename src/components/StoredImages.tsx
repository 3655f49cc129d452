import type { StoredImage } from '../screens/screenTypes';
import { formatClock } from '../game/format';

interface Props {
  readonly images: readonly StoredImage[];
}

/** The images the trainee stored during the procedure, oldest first, each with its view and sim time. */
export function StoredImages({ images }: Props) {
  return (
    <section className="stored-images" data-testid="stored-images" data-count={images.length}>
      <h2>Stored images</h2>
      {images.length === 0 ? (
        <p className="muted">No image was stored. During the procedure K stores the image on the live monitor.</p>
      ) : (
        <ol>
          {images.map((img) => (
            <li key={`${img.view}:${img.tick}`} data-testid="stored-image" data-view={img.view} data-tick={img.tick}>
              {img.dataUrl ? (
                <img src={img.dataUrl} alt={`${img.view} image stored at ${formatClock(img.timeS)}`} />
              ) : (
                <div className="stored-missing">image not readable</div>
              )}
              <span>
                {img.view === 'AP' ? 'AP' : 'Lateral'} · {formatClock(img.timeS)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
