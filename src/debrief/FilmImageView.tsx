import { useEffect, useRef } from 'react';
import type { View } from '../../sim/core';
import type { ReplayClient } from '../replay/replayClient';
import type { FilmImage } from '../replay/filmImager';
import { REVEAL_VIEWBOX } from '../replay/revealViewbox';
import { formatClock } from '../ui/format';
import { useFilmImage } from './useFilmImage';
import { greyImageData } from '../ui/greyImage';

interface Props {
  readonly client: ReplayClient | null;
  /** The film's image to show, or null when none of this view was taken yet. */
  readonly index: number | null;
  readonly view: View;
  readonly timeS: number | null;
  readonly reveal: boolean;
  readonly size?: number;
}

function paint(canvas: HTMLCanvasElement, image: FilmImage): void {
  const n = image.sizePx;
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.putImageData(greyImageData(ctx, image.grey, n), 0, 0);
}

/** The reveal layer: anatomy outline, ideal trajectories, cement and leak boundaries (revealOverlay.ts). */
function Reveal({ image }: { image: FilmImage }) {
  const r = image.reveal;
  return (
    <svg
      className="reveal"
      viewBox={`0 0 ${REVEAL_VIEWBOX} ${REVEAL_VIEWBOX}`}
      data-testid="reveal-overlay"
      aria-hidden="true"
    >
      <path className="reveal-body" d={r.body} />
      <path className="reveal-pedicles" d={r.pedicles} />
      {r.trajectories.map((t) => (
        <g key={t.side} className="reveal-trajectory">
          <path d={t.path} />
          {t.boneEntry && <circle cx={t.boneEntry[0]} cy={t.boneEntry[1]} r={9} />}
          {t.target && <circle className="reveal-target" cx={t.target[0]} cy={t.target[1]} r={14} />}
        </g>
      ))}
      <path className="reveal-cement" d={r.cement} />
      <path className="reveal-leaks" d={r.leaks} />
    </svg>
  );
}

/**
 * One image of the attempt, re-made from its log by the replay worker (src/replay/filmImager.ts),
 * with the reveal layer drawn over it when reveal mode is on.
 */
export function FilmImageView({ client, index, view, timeS, reveal, size = 320 }: Props) {
  const state = useFilmImage(client, index);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (state.status === 'ready' && canvas.current) paint(canvas.current, state.image);
  }, [state]);
  const label = `${view === 'AP' ? 'AP' : 'Lateral'}${timeS !== null ? ` · ${formatClock(timeS)}` : ''}`;
  return (
    <figure
      className="film-image"
      data-testid={`film-image-${view}`}
      data-index={index ?? ''}
      data-status={state.status}
      style={{ width: size }}
    >
      <div className="film-frame" style={{ width: size, height: size }}>
        {index === null ? (
          <div className="film-none">no {view === 'AP' ? 'AP' : 'lateral'} image yet</div>
        ) : (
          <>
            <canvas ref={canvas} role="img" aria-label={`${label}, re-made from the log`} />
            {reveal && state.status === 'ready' && <Reveal image={state.image} />}
            {state.status === 'building' && <div className="film-busy">making the image…</div>}
            {state.status === 'failed' && <div className="film-none status-refused">{state.error}</div>}
          </>
        )}
      </div>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
