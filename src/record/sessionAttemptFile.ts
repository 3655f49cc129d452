import { type AttemptFile, toAttemptFile } from '../../sim/attempt';
import { APP_VERSION } from '../../sim/core';
import type { Session } from '../../sim/session';
import type { AttemptRecord } from './attemptRecord';
import { attemptMetadata } from './attemptFileV2';

/** A session frozen into an attempt file (format v2) with its who, where and when. */
export function sessionAttemptFile(
  session: Pick<Session, 'scenario' | 'seed' | 'mode' | 'log' | 'tick'>,
  who: Pick<AttemptRecord, 'trainee' | 'traineeId' | 'station' | 'startedAt'>,
  endedAtMs?: number,
): AttemptFile {
  return toAttemptFile(session, APP_VERSION, attemptMetadata(who, endedAtMs));
}
