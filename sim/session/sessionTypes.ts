import type { TrainingMode } from '../core/trainingMode';
import type { Command, LogEntry } from '../core/commands';
import type { TimedEvent } from '../core/events';
import type { SimSnapshot } from './snapshot';
import type { Scenario } from '../../levels/scenarioSchema';

export interface DispatchResult {
  readonly accepted: boolean;
  /** Why a command was refused, in words a trainee understands. */
  readonly reason?: string;
}

/** One attempt at one scenario: the single entry point to the simulation. */
export interface Session {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly mode: TrainingMode;
  /** Ask the machine; if allowed, apply to the world and append to the log at the current tick. */
  dispatch(command: Command): DispatchResult;
  /** Let wall or scripted time pass; runs as many fixed steps as fit, keeping the remainder. */
  advance(dtS: number): void;
  /** Run exactly n fixed steps (replays use this to reach a logged tick). */
  stepTicks(n: number): void;
  /** Plain immutable view of the current state. */
  snapshot(): SimSnapshot;
  readonly tick: number;
  readonly log: readonly LogEntry[];
  readonly events: readonly TimedEvent[];
}
