import type { Scenario } from '../../levels/scenarioSchema';
import type { LogEntry } from '../core/commands';
import type { Session } from '../session/sessionTypes';
import type { TrainingMode } from '../core/trainingMode';
import { createSession } from '../session/session';
import { MAX_PROCEDURE_S, MAX_PROCEDURE_TICKS, REPLAY_CHECK_EVERY_TICKS } from '../core/bounds';

/** Thrown when a logged command is refused on replay: the log does not belong to this scenario/seed/version. */
export class ReplayError extends Error {}

/**
 * Thrown when a replay is not run, or stopped: the attempt reaches beyond the longest procedure
 * (refused before a single step), or the caller's budget ran out (ReplayOptions.shouldContinue).
 */
export class ReplayLimitError extends Error {}

/** The ReplayLimitError of a replay stopped because its caller's budget ran out. */
export class ReplayBudgetError extends ReplayLimitError {}

export interface ReplayOptions {
  /**
   * Asked before every REPLAY_CHECK_EVERY_TICKS ticks, with the tick the replay is at: false stops
   * the replay with a ReplayLimitError. The engine reads no clock: a caller with a time budget
   * answers from its own (the replay worker, the CLI).
   */
  readonly shouldContinue?: (tick: number) => boolean;
}

/**
 * Refuse, before any stepping, an attempt that reaches beyond the longest procedure
 * (sim/core/bounds.ts): its replay would run for hours, or forever.
 */
export function checkReplayBounds(log: readonly LogEntry[], endTick: number): void {
  const limit = `the longest procedure (${MAX_PROCEDURE_TICKS} ticks, ${MAX_PROCEDURE_S / 3600} h)`;
  if (!Number.isInteger(endTick) || endTick < 0 || endTick > MAX_PROCEDURE_TICKS)
    throw new ReplayLimitError(`The attempt ends at tick ${endTick}, beyond ${limit}: it is not replayed.`);
  log.forEach((entry, i) => {
    if (!Number.isInteger(entry.tick) || entry.tick < 0 || entry.tick > MAX_PROCEDURE_TICKS)
      throw new ReplayLimitError(`Log entry ${i} is at tick ${entry.tick}, beyond ${limit}: it is not replayed.`);
  });
}

/**
 * Step the session to the target tick in chunks of REPLAY_CHECK_EVERY_TICKS, asking shouldContinue
 * before each. Chunked steps are the same steps (stepTicks is a loop of single steps), so the
 * result is bit-identical to one stepTicks call.
 */
export function stepWithin(
  session: Session,
  target: number,
  endTick: number,
  shouldContinue: ((tick: number) => boolean) | undefined,
): void {
  while (session.tick < target) {
    if (shouldContinue && !shouldContinue(session.tick)) {
      throw new ReplayBudgetError(
        `The replay ran out of its time budget at tick ${session.tick} of ${endTick} and was stopped.`,
      );
    }
    const before = session.tick;
    session.stepTicks(Math.min(REPLAY_CHECK_EVERY_TICKS, target - session.tick));
    if (session.tick === before) return; // the procedure is over: its clock has stopped
  }
}

/**
 * The budget check of a replay that steps one tick at a time (the trace, the film): asks
 * shouldContinue every REPLAY_CHECK_EVERY_TICKS ticks and stops the replay when it says no.
 */
export function budgetCheck(
  shouldContinue: ((tick: number) => boolean) | undefined,
  endTick: number,
): (tick: number) => void {
  return (tick) => {
    if (shouldContinue && tick % REPLAY_CHECK_EVERY_TICKS === 0 && !shouldContinue(tick))
      throw new ReplayBudgetError(
        `The replay ran out of its time budget at tick ${tick} of ${endTick} and was stopped.`,
      );
  };
}

/** Re-run a command log on a fresh session: each command at its tick, then on to endTick. */
export function replay(
  scenario: Scenario,
  seed: number,
  log: readonly LogEntry[],
  endTick: number,
  mode: TrainingMode = 'practice',
  options: ReplayOptions = {},
): Session {
  checkReplayBounds(log, endTick);
  const session = createSession(scenario, seed, { mode });
  log.forEach((entry, i) => {
    if (entry.tick < session.tick)
      throw new ReplayError(`log entry ${i} is at tick ${entry.tick}, but the replay is already at ${session.tick}`);
    stepWithin(session, entry.tick, endTick, options.shouldContinue);
    const result = session.dispatch(entry.command);
    if (!result.accepted) {
      throw new ReplayError(
        `log entry ${i} (${entry.command.type} at tick ${entry.tick}) was refused on replay: ${result.reason}`,
      );
    }
  });
  if (endTick > session.tick) stepWithin(session, endTick, endTick, options.shouldContinue);
  return session;
}
