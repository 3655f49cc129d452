import type { OutboxState } from './outbox';
import type { UploadsSummary } from '../ui/UploadsWaiting';

/** The queue as the upload line shows it: the count and the newest failure's words. */
export function uploadsSummary(uploads: OutboxState): UploadsSummary {
  const last = [...uploads.waiting].reverse().find((e) => e.lastError);
  return { waiting: uploads.waiting.length, lastError: last?.lastError ?? null };
}
