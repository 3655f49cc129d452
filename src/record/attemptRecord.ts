import type { AttemptReview } from '../attempt/attemptReview';
import type { AttemptFile } from '../../sim/attempt';
import type { TrainingMode } from '../../sim/core';
import type { DomainId } from '../../sim/scoring';

/** Where an attempt stands: being played, played to the end, or left (Menu, or a declined resume). */
export type AttemptStatus = 'in-progress' | 'finished' | 'abandoned';

/** Played in this browser, or brought in from an attempt file. */
export type AttemptSource = 'played' | 'imported';

/**
 * What the history list shows of a finished attempt. Always recomputed by this app (scoreAttempt
 * on the replayed or final state), never read from a file: attempt files carry no score. The
 * debrief re-scores by replay again rather than trusting this copy.
 */
export interface AttemptSummary {
  readonly total: number;
  readonly passScore: number;
  readonly passed: boolean;
  readonly domains: Readonly<Partial<Record<DomainId, number>>>;
  readonly criticalErrorIds: readonly string[];
}

/** One row of the IndexedDB `attempts` store. */
export interface AttemptRecord {
  readonly id: string;
  readonly trainee: string;
  readonly scenarioId: string;
  readonly scenarioTitle: string;
  readonly seed: number;
  readonly mode: TrainingMode;
  readonly status: AttemptStatus;
  readonly source: AttemptSource;
  /** The lab user's id (attempts played signed in to a lab server); absent or null otherwise. */
  readonly traineeId?: string | null;
  /** The lab assignment it was started from (the attempt id is the server's reservation); absent otherwise. */
  readonly assignmentId?: string;
  /** Scores withheld until the instructor releases them on the lab server (RecordMeta.scoresWithheld). */
  readonly scoresWithheld?: true;
  /** The station it was played on; absent in records saved before stations were recorded. */
  readonly station?: string | null;
  /** Wall-clock ms since the epoch (Date.now()). */
  readonly startedAt: number;
  readonly updatedAt: number;
  /** Wall-clock ms when it was finished or abandoned; absent while in progress (and in older records). */
  readonly endedAt?: number;
  /** Sim time reached at the last save, for the resume offer (the file's endTick says the same in ticks). */
  readonly simTimeS: number;
  /** The replayable attempt: its log so far and the tick reached. */
  readonly file: AttemptFile;
  /** Present once finished. */
  readonly summary?: AttemptSummary;
  /** The instructor's review from the debrief (plus/delta notes, global rating), saved with the attempt. */
  readonly review?: AttemptReview;
}

/** A finished attempt with its score summary: the attempts that results and progress count. */
export type ScoredRecord = AttemptRecord & { readonly summary: AttemptSummary };

export function isScored(r: AttemptRecord): r is ScoredRecord {
  return r.status === 'finished' && Boolean(r.summary);
}
