import type { AttemptRecord, AttemptSource } from './attemptRecord';

/** Who and when of an attempt being played: fixed when it starts, kept across a resume. */
export interface RecordMeta {
  readonly id: string;
  /** The trainee's name: the signed-in lab user's display name, or the name typed on the menu. */
  readonly trainee: string;
  /** The lab user's id when a lab server's user plays it (the attempt is uploaded), else null. */
  readonly traineeId: string | null;
  /** The station it was started on (src/settings/stationStore.ts). */
  readonly station: string | null;
  /** Wall-clock ms since the epoch (Date.now()), from the app: the sim keeps no wall clock. */
  readonly startedAt: number;
  readonly source: AttemptSource;
  /** The lab assignment it was started from (its id is then the attempt the server reserved); absent otherwise. */
  readonly assignmentId?: string;
  /**
   * An assigned attempt whose scores the instructor has not released: the app keeps no score of
   * it (no summary in the record, no debrief, no Open in the history) until the lab server shows it.
   */
  readonly scoresWithheld?: true;
}

/** A fresh record id (randomUUID needs a secure context; a time+random id serves elsewhere). */
export function newAttemptId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' && window.isSecureContext)
    return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The who, where and when of a saved attempt, to go on with it (resume). */
export function recordMetaOf(record: AttemptRecord): RecordMeta {
  return {
    id: record.id,
    trainee: record.trainee,
    traineeId: record.traineeId ?? null,
    station: record.station ?? null,
    startedAt: record.startedAt,
    source: record.source,
    ...(record.assignmentId ? { assignmentId: record.assignmentId } : {}),
    ...(record.scoresWithheld ? { scoresWithheld: true as const } : {}),
  };
}
