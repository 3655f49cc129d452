import { memo, useEffect, useRef, useState } from 'react';
import type { View } from '../../sim/commands';
import { createXRayRenderer } from '../render/createXRayRenderer';
import type { SnapshotStore } from '../game/snapshotStore';

type XRayRenderer = Awaited<ReturnType<typeof createXRayRenderer>>;

interface Props {
  readonly store: SnapshotStore;
  readonly view: View;
  readonly inverted: boolean;
  readonly sizePx: number;
  /** The beam is on for this view now. */
  readonly live: boolean;
  /** Whole seconds left while the C-arm swings to this view (0: not moving to it). */
  readonly movingS: number;
  /** The C-arm currently sits at this view (single plane: the other monitor holds the last image). */
  readonly active: boolean;
}

/**
 * One OR monitor. Owns one X-ray renderer imperatively: created in an effect, fed every frame by
 * the store's frame listener (never through React state), destroyed on unmount.
 */
export const XRayMonitor = memo(function XRayMonitor({ store, view, inverted, sizePx, live, movingS, active }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const renderer = useRef<XRayRenderer | null>(null);
  const invertedRef = useRef(inverted);
  invertedRef.current = inverted;
  const [state, setState] = useState<'starting' | 'ready' | 'failed'>('starting');
  const [error, setError] = useState('');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let unsubscribe: (() => void) | null = null;
    createXRayRenderer(el, { sizePx })
      .then((r) => {
        if (disposed) {
          r.destroy();
          return;
        }
        renderer.current = r;
        r.setInverted(invertedRef.current);
        r.render(store.latest(), view);
        unsubscribe = store.onFrame((s) => r.render(s, view));
        setState('ready');
      })
      .catch((err: unknown) => {
        if (disposed) return;
        setError(err instanceof Error ? err.message : String(err));
        setState('failed');
      });
    return () => {
      disposed = true;
      unsubscribe?.();
      renderer.current?.destroy();
      renderer.current = null;
    };
  }, [store, view, sizePx]);

  useEffect(() => {
    const r = renderer.current;
    if (!r) return;
    r.setInverted(inverted);
    r.render(store.latest(), view);
  }, [inverted, store, view, state]);

  return (
    <figure
      className={`monitor${live ? ' live' : ''}${active ? ' active' : ''}`}
      data-testid={`xray-${view}`}
      data-ready={state === 'ready'}
      data-live={live}
    >
      <figcaption className="monitor-bar">
        <span className="monitor-view">{view === 'AP' ? 'AP' : 'LATERAL'}</span>
        {live && <span className="beam-on">● X-RAY</span>}
        {active && !live && movingS === 0 && <span className="monitor-active">C-arm here</span>}
        {movingS > 0 && <span className="monitor-moving">C-arm moving… {movingS} s</span>}
      </figcaption>
      <div className="monitor-screen">
        {/* The renderer owns this element's children; React never touches them. */}
        <div className="monitor-host" ref={host} />
        {state === 'starting' && <div className="monitor-msg">Starting imaging…</div>}
        {state === 'failed' && <div className="monitor-msg error">Imaging unavailable: {error}</div>}
      </div>
    </figure>
  );
});
