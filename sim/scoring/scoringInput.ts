import type { Scenario } from '../../levels/scenarioSchema';
import type { LogEntry } from '../core/commands';
import type { SimSnapshot } from '../session/snapshot';

/** What every scoring function reads: the scenario, the command log and the final state. */
export interface ScoringInput {
  readonly scenario: Scenario;
  readonly log: readonly LogEntry[];
  readonly final: SimSnapshot;
}

/** Ticks of the log entries of one command type. */
export const commandTicks = (input: ScoringInput, type: string): number[] =>
  input.log.filter((e) => e.command.type === type).map((e) => e.tick);

/** Ticks of the domain events of one type. */
export const eventTicks = (input: ScoringInput, type: string): number[] =>
  input.final.events.filter((e) => e.event.type === type).map((e) => e.tick);

/** Clamp a domain score to 0-100 and round to one decimal. */
export const clampScore = (x: number): number => Math.round(Math.max(0, Math.min(100, x)) * 10) / 10;

/** Format a number with a unit for the report. */
export const fmt = (x: number, unit: string, digits = 1): string => `${x.toFixed(digits)} ${unit}`.trim();
