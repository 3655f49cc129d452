import type { SimSnapshot } from '../../../sim/session';

/**
 * Holds the latest simulation snapshot outside React. The game loop pushes one per frame;
 * frame listeners (the X-ray renderers) get every one, imperatively; React subscribers are
 * notified at most once per `publishIntervalMs` (about 10 times a second), or at once after a
 * command so that key presses feel immediate. React never re-renders per frame.
 */
export interface SnapshotStore {
  /** The newest snapshot (per frame). */
  latest(): SimSnapshot;
  /** The snapshot last published to React (stable between publications, for useSyncExternalStore). */
  published(): SimSnapshot;
  /** Record a new snapshot: frame listeners run now, React subscribers when the interval has passed. */
  push(snapshot: SimSnapshot): void;
  /** Publish the newest snapshot to React now (after a command). */
  publishNow(): void;
  /** React subscription (throttled). */
  subscribe(listener: () => void): () => void;
  /** Per-frame subscription for imperative renderers. */
  onFrame(listener: (snapshot: SimSnapshot) => void): () => void;
}

/** Create a store seeded with the first snapshot; `now` is injectable for tests. */
export function createSnapshotStore(
  initial: SimSnapshot,
  publishIntervalMs = 100,
  now: () => number = () => performance.now(),
): SnapshotStore {
  let latest = initial;
  let published = initial;
  let lastPublishMs = -Infinity;
  const listeners = new Set<() => void>();
  const frameListeners = new Set<(s: SimSnapshot) => void>();

  const publish = () => {
    published = latest;
    lastPublishMs = now();
    for (const l of listeners) l();
  };

  return {
    latest: () => latest,
    published: () => published,
    push(snapshot) {
      latest = snapshot;
      for (const l of frameListeners) l(snapshot);
      if (now() - lastPublishMs >= publishIntervalMs) publish();
    },
    publishNow: publish,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
  };
}
