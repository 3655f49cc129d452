import type { OutboxState } from './outbox';
import type { UploadsSummary } from '../ui/UploadsWaiting';

/**
 * The queue as the upload line shows it: the attempts that are really held up (a try failed, or
 * their trainee is not the one signed in, or nobody is), and the newest failure's words. A body
 * that merely waits its few seconds to be coalesced, or is being sent, is not counted.
 */
export function uploadsSummary(uploads: OutboxState, signedInId: string | null): UploadsSummary {
  const held = uploads.waiting.filter((e) => e.failures > 0 || e.lastError !== undefined || e.ownerId !== signedInId);
  const last = [...held].reverse().find((e) => e.lastError);
  return { waiting: held.length, lastError: last?.lastError ?? null };
}
