import type { Scenario } from '../../levels/scenarioSchema';

/** One scenario file from levels/ (or an instructor's own published scenario): either a valid scenario or the reason it is not. */
export type ScenarioEntry =
  | {
      readonly ok: true;
      readonly file: string;
      readonly scenario: Scenario;
      /** An instructor's own scenario from the editor (src/scenarios/ownScenarioDb.ts), listed after the shipped ones. */
      readonly own?: true;
    }
  | { readonly ok: false; readonly file: string; readonly error: string };
