import { useSyncExternalStore } from 'react';
import type { SimSnapshot } from '../../../sim/session';
import type { SnapshotStore } from './snapshotStore';

/** React hook: the snapshot as last published by the store (about 10 updates a second). */
export function useSimSnapshot(store: SnapshotStore): SimSnapshot {
  return useSyncExternalStore(store.subscribe, store.published);
}
