import type { LogEntry } from '../core/commands';
import type { Scenario } from '../../levels/scenarioSchema';
import type { TrainingMode } from '../core/trainingMode';

/** The attempt file: everything needed to replay an attempt exactly (docs/attempt-file.md). */
export interface AttemptFile {
  readonly format: 'kyphosim-attempt';
  readonly version: 1;
  readonly appVersion: string;
  readonly scenario: Scenario;
  /** SHA-256 of the scenario's canonical JSON, hex. */
  readonly scenarioHash: string;
  readonly seed: number;
  readonly mode: TrainingMode;
  readonly log: readonly LogEntry[];
  /** The tick the attempt ended on; replay runs to it. */
  readonly endTick: number;
}
