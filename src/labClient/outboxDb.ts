import { recordDb } from '../record/recordDb';
import type { OutboxEntry, OutboxStore } from './outbox';

/**
 * The upload queue in the record database's `outbox` store (added by the record database's
 * version 2 migration), so what waits for the lab server survives a reload or a closed browser.
 * Each step is one readwrite transaction with no other await inside, so two tabs never
 * interleave an upsert and a settle of the same attempt.
 */
export const indexedDbOutboxStore: OutboxStore = {
  async all() {
    return (await recordDb()).getAll('outbox');
  },
  async upsert(attemptId, make) {
    const db = await recordDb();
    const tx = db.transaction('outbox', 'readwrite');
    const next = make(await tx.store.get(attemptId));
    await tx.store.put(next);
    await tx.done;
    return next;
  },
  async settle(attemptId, revision, next: OutboxEntry | null) {
    const db = await recordDb();
    const tx = db.transaction('outbox', 'readwrite');
    const current = await tx.store.get(attemptId);
    const same = current?.revision === revision;
    if (same) {
      if (next) await tx.store.put(next);
      else await tx.store.delete(attemptId);
    }
    await tx.done;
    return same;
  },
};
