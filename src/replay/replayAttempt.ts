import { parseAttemptFile } from '../../sim/attempt/index';
import type { AttemptFile, ReplayOptions } from '../../sim/attempt/index';
import { replay, ReplayError } from '../../sim/attempt/index';
import type { Session } from '../../sim/session/index';

/**
 * Validate an attempt file and replay it to its endTick. Throws with a message a trainee can act
 * on: the file's own fault (AttemptError), a log this simulator refuses (ReplayError) or a replay
 * stopped by the caller's budget (ReplayLimitError, passed on as it is).
 */
export function replayAttempt(
  data: unknown,
  options: ReplayOptions = {},
): { readonly file: AttemptFile; readonly session: Session } {
  const file = parseAttemptFile(data);
  try {
    return { file, session: replay(file.scenario, file.seed, file.log, file.endTick, file.mode, options) };
  } catch (err) {
    if (err instanceof ReplayError)
      throw new Error(`The attempt does not replay on this version of the simulator: ${err.message}.`);
    throw err;
  }
}
