import { FIXED_DT_S } from '../../sim/core';
import type { Session } from '../../sim/session';
import type { AttemptRecord, AttemptStatus, AttemptSummary } from './attemptRecord';
import { sessionAttemptFile } from './sessionAttemptFile';
import type { RecordMeta } from './recordMeta';

/**
 * Freeze a session (its log so far and the tick reached) into an attempt record, its file carrying
 * who played it, on which station and when (attempt file v2); a finished or abandoned one ends now.
 */
export function recordFromSession(
  session: Session,
  meta: RecordMeta,
  status: AttemptStatus,
  nowMs: number,
  summary?: AttemptSummary,
): AttemptRecord {
  const endedAt = status === 'in-progress' ? undefined : nowMs;
  return {
    ...meta,
    scenarioId: session.scenario.id,
    scenarioTitle: session.scenario.title,
    seed: session.seed,
    mode: session.mode,
    status,
    updatedAt: nowMs,
    ...(endedAt === undefined ? {} : { endedAt }),
    simTimeS: session.tick * FIXED_DT_S,
    file: sessionAttemptFile(session, meta, endedAt),
    ...(summary ? { summary } : {}),
  };
}
