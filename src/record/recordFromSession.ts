import { toAttemptFile } from '../../sim/attempt';
import { FIXED_DT_S } from '../../sim/core';
import type { Session } from '../../sim/session';
import { APP_VERSION } from '../../sim/core';
import type { AttemptRecord, AttemptStatus, AttemptSummary } from './attemptRecord';
import type { RecordMeta } from './recordMeta';

/** Freeze a session (its log so far and the tick reached) into an attempt record. */
export function recordFromSession(
  session: Session,
  meta: RecordMeta,
  status: AttemptStatus,
  nowMs: number,
  summary?: AttemptSummary,
): AttemptRecord {
  return {
    ...meta,
    scenarioId: session.scenario.id,
    scenarioTitle: session.scenario.title,
    seed: session.seed,
    mode: session.mode,
    status,
    updatedAt: nowMs,
    ...(status === 'in-progress' ? {} : { endedAt: nowMs }),
    simTimeS: session.tick * FIXED_DT_S,
    file: toAttemptFile(session, APP_VERSION),
    ...(summary ? { summary } : {}),
  };
}
