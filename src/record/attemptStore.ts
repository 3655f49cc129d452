import type { AttemptRecord } from './attemptRecord';
import type { AttemptReview } from '../attempt/attemptReview';
import { recordDb } from './recordDb';
import { attemptFileV2 } from './attemptFileV2';

/** Write (insert or replace) one attempt record. */
export async function putAttempt(record: AttemptRecord): Promise<void> {
  await (await recordDb()).put('attempts', record);
}

export async function getAttempt(id: string): Promise<AttemptRecord | undefined> {
  return (await recordDb()).get('attempts', id);
}

/** A trainee's attempts, oldest first. */
export async function attemptsOf(trainee: string): Promise<AttemptRecord[]> {
  const rows = await (await recordDb()).getAllFromIndex('attempts', 'trainee', trainee);
  return rows.sort((a, b) => a.startedAt - b.startedAt);
}

/** The most recently saved attempt still in progress (the one a reload or crash interrupted), if any. */
export async function latestInProgress(): Promise<AttemptRecord | undefined> {
  const rows = await (await recordDb()).getAllFromIndex('attempts', 'status', 'in-progress');
  return rows.sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

/**
 * Keep an attempt but mark it abandoned (the trainee left it, or declined to resume it). Returns
 * the record as it now stands (abandoned), or undefined when there was no attempt in progress.
 */
export async function abandonAttempt(id: string, nowMs: number): Promise<AttemptRecord | undefined> {
  const db = await recordDb();
  const tx = db.transaction('attempts', 'readwrite');
  const row = await tx.store.get(id);
  let abandoned: AttemptRecord | undefined;
  if (row && row.status === 'in-progress') {
    abandoned = { ...row, status: 'abandoned', updatedAt: nowMs, endedAt: nowMs };
    abandoned = { ...abandoned, file: attemptFileV2(abandoned) };
    await tx.store.put(abandoned);
  }
  await tx.done;
  return abandoned;
}

/** Every attempt of this browser that came from an attempt file, whoever played it. */
export async function importedAttempts(): Promise<AttemptRecord[]> {
  const rows = await (await recordDb()).getAll('attempts');
  return rows.filter((r) => r.source === 'imported');
}

/** Save the debrief's review with its attempt (a record that no longer exists is left alone). */
export async function saveReview(id: string, review: AttemptReview, nowMs: number): Promise<void> {
  const db = await recordDb();
  const tx = db.transaction('attempts', 'readwrite');
  const row = await tx.store.get(id);
  if (row) await tx.store.put({ ...row, review, updatedAt: nowMs });
  await tx.done;
}
