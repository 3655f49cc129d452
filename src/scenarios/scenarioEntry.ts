import type { Scenario } from '../../levels/scenarioSchema';

/** One scenario file from levels/: either a valid scenario or the reason it is not. */
export type ScenarioEntry =
  | { readonly ok: true; readonly file: string; readonly scenario: Scenario }
  | { readonly ok: false; readonly file: string; readonly error: string };
