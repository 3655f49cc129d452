import type { Scenario } from '../../levels/scenarioSchema';
import type { LogEntry } from '../core/commands';
import type { Session } from '../session/sessionTypes';
import type { TrainingMode } from '../core/trainingMode';
import { createSession } from '../session/session';

/** Thrown when a logged command is refused on replay: the log does not belong to this scenario/seed/version. */
export class ReplayError extends Error {}

/** Re-run a command log on a fresh session: each command at its tick, then on to endTick. */
export function replay(
  scenario: Scenario,
  seed: number,
  log: readonly LogEntry[],
  endTick: number,
  mode: TrainingMode = 'practice',
): Session {
  const session = createSession(scenario, seed, { mode });
  log.forEach((entry, i) => {
    if (entry.tick < session.tick)
      throw new ReplayError(`log entry ${i} is at tick ${entry.tick}, but the replay is already at ${session.tick}`);
    session.stepTicks(entry.tick - session.tick);
    const result = session.dispatch(entry.command);
    if (!result.accepted) {
      throw new ReplayError(
        `log entry ${i} (${entry.command.type} at tick ${entry.tick}) was refused on replay: ${result.reason}`,
      );
    }
  });
  if (endTick > session.tick) session.stepTicks(endTick - session.tick);
  return session;
}
