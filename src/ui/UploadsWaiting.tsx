/** What the upload line needs of the queue: how many attempts wait, and the last failure's words. */
export interface UploadsSummary {
  readonly waiting: number;
  readonly lastError: string | null;
}

/** "1 attempt waiting to upload" / "2 attempts waiting to upload". */
export function uploadsWaitingText(n: number): string {
  return `${n} attempt${n === 1 ? '' : 's'} waiting to upload`;
}

/**
 * A line saying how many attempts wait for the lab server (shown on the menu and the procedure
 * screen while any do), with why the last try failed. Nothing is shown when none waits.
 */
export function UploadsWaiting({ summary, compact = false }: { summary: UploadsSummary; compact?: boolean }) {
  if (summary.waiting === 0) return null;
  return (
    <p
      className={compact ? 'uploads-waiting compact' : 'uploads-waiting'}
      role="status"
      data-testid="uploads-waiting"
      data-count={summary.waiting}
      title={summary.lastError ?? undefined}
    >
      {uploadsWaitingText(summary.waiting)}
      {!compact && summary.lastError && <span className="uploads-why"> (last try: {summary.lastError})</span>}
    </p>
  );
}
