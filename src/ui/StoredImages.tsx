import { Children, type ReactNode } from 'react';
import type { StoredImage } from '../attempt/attemptTypes';
import { formatClock } from './format';

interface Props {
  readonly images: readonly StoredImage[];
  /** Images re-made from the log, shown when the attempt carries no pixels (opened from the record). */
  readonly children?: ReactNode;
  /** The image re-made from the log for a stored image whose pixels could not be kept, if ready. */
  readonly remade?: (image: StoredImage) => ReactNode;
}

/** The images the trainee stored during the procedure, oldest first, each with its view and sim time. */
export function StoredImages({ images, children, remade: remadeFor }: Props) {
  const remade = Children.toArray(children);
  if (images.length === 0 && remade.length > 0) {
    return (
      <section className="stored-images" data-testid="stored-images" data-count={remade.length} data-remade="true">
        <h2>Stored images</h2>
        <p className="muted">Re-made from the log (the record keeps the attempt, not its pixels).</p>
        <div className="remade">{remade}</div>
      </section>
    );
  }
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
                <img src={img.dataUrl} alt={`${img.view} X-ray stored at ${formatClock(img.timeS)}`} />
              ) : (
                (remadeFor?.(img) ?? <div className="stored-missing">image not readable</div>)
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
