import { useEffect, useRef } from 'react';
import { PREVIEW_PX } from './previewImage';
import type { PreviewState } from './usePreview';
import { greyImageData } from '../ui/greyImage';

function GreyCanvas({
  grey,
  label,
  testId,
}: {
  readonly grey: Uint8Array | null;
  readonly label: string;
  readonly testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !grey) return;
    ctx.putImageData(greyImageData(ctx, grey, PREVIEW_PX), 0, 0);
  }, [grey]);
  return (
    <figure className="editor-preview-image">
      <canvas
        ref={canvas}
        width={PREVIEW_PX}
        height={PREVIEW_PX}
        data-testid={testId}
        aria-label={`${label} preview`}
      />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/** The edited patient's first true AP and lateral images, with the seed box that picks the patient. */
export function PreviewPanel({
  preview,
  seedText,
  seedError,
  onSeedText,
  invalid,
}: {
  readonly preview: PreviewState;
  readonly seedText: string;
  readonly seedError: string | null;
  readonly onSeedText: (text: string) => void;
  readonly invalid: boolean;
}) {
  return (
    <section
      className="editor-preview"
      aria-label="Preview"
      data-testid="editor-preview"
      data-generation={preview.image?.generation ?? 0}
      data-pending={preview.pending}
    >
      <h2>Preview</h2>
      <label className="editor-field">
        Seed (the patient drawn for it)
        <input
          type="text"
          inputMode="numeric"
          data-testid="editor-seed"
          value={seedText}
          onChange={(e) => onSeedText(e.target.value)}
        />
      </label>
      {seedError && <p className="editor-error">{seedError}</p>}
      <div className="editor-preview-images">
        <GreyCanvas grey={preview.image?.ap ?? null} label="AP" testId="preview-ap" />
        <GreyCanvas grey={preview.image?.lateral ?? null} label="Lateral" testId="preview-lateral" />
      </div>
      <p className="editor-note">
        {preview.pending
          ? 'Making the images…'
          : invalid
            ? 'The scenario is not valid: the images show its last valid state.'
            : 'True AP and lateral views centred on the level, as the first images of the case.'}
      </p>
      {preview.error && <p className="editor-error">{preview.error}</p>}
    </section>
  );
}
