import type { Session } from '../../sim/session/index';
import type { AttemptRecord } from '../record/attemptRecord';
import { replayAttempt } from './replayAttempt';

/**
 * Rebuild an interrupted attempt exactly where its last save left it: same scenario, seed and
 * mode, the saved log replayed to the saved tick. The pedal cannot still be held after a reload,
 * so a beam left on is switched off, as a logged command at the resume tick (the record stays true).
 */
export function resumeSession(record: AttemptRecord): Session {
  const { session } = replayAttempt(record.file);
  if (session.snapshot().carm.exposing) session.dispatch({ type: 'fluoro.expose', on: false });
  return session;
}
