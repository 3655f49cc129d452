import { parseAttemptFile } from '../../sim/attempt/index';
import type { AttemptFile } from '../../sim/attempt/index';
import { replay, ReplayError } from '../../sim/attempt/index';
import type { Session } from '../../sim/session/index';

/**
 * Validate an attempt file and replay it to its endTick. Throws with a message a trainee can act
 * on: the file's own fault (AttemptError) or a log this simulator refuses (ReplayError).
 */
export function replayAttempt(data: unknown): { readonly file: AttemptFile; readonly session: Session } {
  const file = parseAttemptFile(data);
  try {
    return { file, session: replay(file.scenario, file.seed, file.log, file.endTick, file.mode) };
  } catch (err) {
    if (err instanceof ReplayError)
      throw new Error(`The attempt does not replay on this version of the simulator: ${err.message}.`);
    throw err;
  }
}
