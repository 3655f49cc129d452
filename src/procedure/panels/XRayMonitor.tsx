import { memo, useEffect, useRef, useState } from 'react';
import type { View } from '../../../sim/core';
import { createXRayRenderer } from '../../render/createXRayRenderer';
import { noiseSeedFor } from '../../render/seededNoise';
import type { SnapshotStore } from '../loop/snapshotStore';
import { formatClock } from '../../ui/format';
import type { StoredImage } from '../../attempt/attemptTypes';
import type { ImagePoint } from '../input/entryOnImage';

type XRayRenderer = Awaited<ReturnType<typeof createXRayRenderer>>;

/** Quality of the stored JPEG (a 512 px monitor stores in ~40-80 kB). */
const STORED_JPEG_QUALITY = 0.9;

interface Props {
  readonly store: SnapshotStore;
  readonly view: View;
  readonly inverted: boolean;
  readonly sizePx: number;
  /** The beam is on for this view now. */
  readonly live: boolean;
  /** Whole seconds left while the C-arm swings to this view (0: not moving to it). */
  readonly movingS: number;
  /**
   * The C-arm shoots this view now (single plane: the view it is at or swinging to, the other monitor
   * holding the last image stored; biplane: both). Its monitor is marked LIVE in words and by its frame.
   */
  readonly active: boolean;
  /**
   * 'live': this monitor shows its view's live or last-held image. 'reference' (single-plane
   * C-arm, the view the arm is not at): it shows the last image stored of this view, as the
   * OR's second monitor does.
   */
  readonly role: 'live' | 'reference';
  /** The newest stored image of this view (shown in the reference role). */
  readonly stored: StoredImage | null;
  /** Called with the monitor's pixels when the simulation reports image.stored for this view. */
  readonly onStored: (image: StoredImage) => void;
  /** A click on the image, as fractions of its width and height (the AP monitor: choose the skin entry). */
  readonly onImagePoint?: (p: ImagePoint) => void;
  /** A point to mark on the image (the planned skin entry), or null. */
  readonly marker?: ImagePoint | null;
}

/** The planned-entry mark: a small ring, drawn over the image (DOM), never into the pixels. */
const MARKER_STYLE = {
  position: 'absolute',
  width: 14,
  height: 14,
  marginLeft: -7,
  marginTop: -7,
  border: '2px solid #ffb000',
  borderRadius: '50%',
  pointerEvents: 'none',
  boxSizing: 'border-box',
} as const;

/**
 * One OR monitor. Owns one X-ray renderer imperatively: created in an effect, fed every frame by
 * the store's frame listener (never through React state), destroyed on unmount. When the
 * simulation reports `image.stored` for this view, the monitor reads its own canvas back right
 * after rendering that frame (same task, so the WebGL drawing buffer is still intact) and hands
 * the data URL up; in the reference role it shows that stored picture over its renderer.
 */
export const XRayMonitor = memo(function XRayMonitor({
  store,
  view,
  inverted,
  sizePx,
  live,
  movingS,
  active,
  role,
  stored,
  onStored,
  onImagePoint,
  marker,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const renderer = useRef<XRayRenderer | null>(null);
  const invertedRef = useRef(inverted);
  invertedRef.current = inverted;
  const onStoredRef = useRef(onStored);
  onStoredRef.current = onStored;
  const [state, setState] = useState<'starting' | 'ready' | 'failed'>('starting');
  const [error, setError] = useState('');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let unsubscribe: (() => void) | null = null;
    // Only events after the monitor starts count (a remount must not store old images again).
    let seenEvents = store.latest().events.length;
    // Noise seeded by the attempt's seed: a replayed attempt shows the same mottle frame for frame.
    createXRayRenderer(el, { sizePx, noiseSeed: noiseSeedFor(store.latest().seed, view) })
      .then((r) => {
        if (disposed) {
          r.destroy();
          return;
        }
        renderer.current = r;
        r.setInverted(invertedRef.current);
        r.render(store.latest(), view);
        unsubscribe = store.onFrame((s) => {
          r.render(s, view);
          for (; seenEvents < s.events.length; seenEvents++) {
            const { tick, event } = s.events[seenEvents];
            if (event.type !== 'image.stored' || event.view !== view) continue;
            let dataUrl = '';
            try {
              // A monitor still waiting for its first projection holds no image: nothing to keep
              // (the debrief re-makes that image from the log instead).
              if (r.hasImage()) dataUrl = r.canvas.toDataURL('image/jpeg', STORED_JPEG_QUALITY);
            } catch {
              dataUrl = '';
            }
            onStoredRef.current({ view, tick, timeS: s.timeS, dataUrl });
          }
        });
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
  }, [inverted, store, view]);

  const reference = role === 'reference';
  // The live monitor (the view the C-arm shoots) says so in words as well as by its frame; the
  // other holds the last image stored of its view.
  const status = reference
    ? stored
      ? `REFERENCE · STORED ${formatClock(stored.timeS)}`
      : 'REFERENCE'
    : active
      ? 'LIVE'
      : 'LAST IMAGE';
  return (
    <figure
      className={`monitor${live ? ' live' : ''}${active ? ' active' : ''}${reference ? ' reference' : ''}`}
      data-testid={`xray-${view}`}
      data-ready={state === 'ready'}
      data-live={live}
      data-role={role}
      data-stored-tick={stored?.tick ?? ''}
    >
      <figcaption className="monitor-bar">
        <span className="monitor-view">{view === 'AP' ? 'AP' : 'LATERAL'}</span>
        <span
          className={active && !reference ? 'monitor-status live-tag' : 'monitor-status'}
          data-testid={`xray-${view}-status`}
        >
          {status}
        </span>
        {live && <span className="beam-on">● X-RAY</span>}
        {active && !live && movingS === 0 && <span className="monitor-active">C-arm here</span>}
        {movingS > 0 && <span className="monitor-moving">C-arm moving… {movingS} s</span>}
      </figcaption>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the click is a pointer shortcut for choosing the skin entry, which the keymap does from the keyboard (Tab side, Shift+I/J/K/L move, E set); Tab is a keymap key, so a focusable monitor would be no help */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: same pointer shortcut; its keyboard way is the keymap's entry keys, not a key on this element */}
      <div
        className="monitor-screen"
        data-testid={`xray-${view}-screen`}
        style={onImagePoint ? { cursor: 'crosshair' } : undefined}
        title={onImagePoint ? 'Click on the back to choose the skin entry' : undefined}
        onClick={
          onImagePoint &&
          ((e) => {
            const r = e.currentTarget.getBoundingClientRect();
            if (r.width > 0 && r.height > 0)
              onImagePoint({ fx: (e.clientX - r.left) / r.width, fy: (e.clientY - r.top) / r.height });
          })
        }
      >
        {/* The renderer owns this element's children; React never touches them. Its canvas is one
            picture to assistive technology, named by the view and what the monitor shows. */}
        <div className="monitor-host" ref={host} role="img" aria-label={monitorLabel(view, live, reference)} />
        {reference && stored?.dataUrl && (
          <img className="monitor-stored-image" src={stored.dataUrl} alt={`Stored ${view} X-ray`} />
        )}
        {reference && !stored && (
          <div className="monitor-msg reference">
            No stored {view} image. Take one at {view} and store it (K): this monitor keeps it while the C-arm works at
            the other view.
          </div>
        )}
        {marker && (
          <div
            data-testid={`entry-marker-${view}`}
            style={{
              ...MARKER_STYLE,
              left: `${(marker.fx * 100).toFixed(2)}%`,
              top: `${(marker.fy * 100).toFixed(2)}%`,
            }}
          />
        )}
        {state === 'starting' && <div className="monitor-msg">Starting imaging…</div>}
        {state === 'failed' && <div className="monitor-msg error">Imaging unavailable: {error}</div>}
      </div>
    </figure>
  );
});

/** The monitor's picture in words: which view, and whether it is live, held or a stored reference. */
function monitorLabel(view: 'AP' | 'lateral', live: boolean, reference: boolean): string {
  const name = view === 'AP' ? 'AP' : 'Lateral';
  if (reference) return `${name} monitor: the last stored ${name} image`;
  return live ? `${name} monitor: live fluoroscopy` : `${name} monitor: last image held`;
}
