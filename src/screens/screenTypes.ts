import type { Scenario } from '../../levels/scenarioSchema';
import type { Session, TrainingMode } from '../../sim/sessionTypes';
import type { SimSnapshot } from '../../sim/snapshot';

/** What the menu hands to the procedure: one scenario, one seed, one mode. */
export interface CaseStart {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly mode: TrainingMode;
}

/** A finished attempt, handed from the procedure to the debrief. */
export interface FinishedAttempt {
  readonly session: Session;
  readonly finalSnapshot: SimSnapshot;
}
