import type { AttemptRecord } from './attemptRecord';

/** How many attempts a list holds, by where each stands: every attempt started counts, not only the finished. */
export interface AttemptCounts {
  readonly total: number;
  readonly finished: number;
  readonly abandoned: number;
  /** Still in progress: being played, or interrupted (a reload, a crash) and not resumed. */
  readonly inProgress: number;
}

export function attemptCounts(records: readonly AttemptRecord[]): AttemptCounts {
  const of = (status: AttemptRecord['status']) => records.filter((r) => r.status === status).length;
  return { total: records.length, finished: of('finished'), abandoned: of('abandoned'), inProgress: of('in-progress') };
}

/** The counts in words, e.g. "5 attempts: 3 finished, 1 abandoned, 1 in progress or interrupted". */
export function attemptCountsText(c: AttemptCounts): string {
  const parts = [
    `${c.finished} finished`,
    ...(c.abandoned ? [`${c.abandoned} abandoned`] : []),
    ...(c.inProgress ? [`${c.inProgress} in progress or interrupted`] : []),
  ];
  return `${c.total} attempt${c.total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/**
 * The attempt file's download name: an attempt that did not finish says so in its name (the file
 * itself records when it ended, not why), so an abandoned or interrupted attempt is never mistaken
 * for a finished one.
 */
export function attemptFileName(r: Pick<AttemptRecord, 'scenarioId' | 'seed' | 'id' | 'status'>): string {
  const state = r.status === 'finished' ? '' : `-${r.status}`;
  return `attempt-${r.scenarioId}-${r.seed}-${r.id.slice(0, 8)}${state}.json`;
}
