import { parseScenario, type Scenario } from '../../levels/scenarioSchema';

/** One scenario file from levels/: either a valid scenario or the reason it is not. */
export type ScenarioEntry =
  | { readonly ok: true; readonly file: string; readonly scenario: Scenario }
  | { readonly ok: false; readonly file: string; readonly error: string };

/**
 * Every levels/*.json, bundled at build time and validated with the schema. A malformed file
 * becomes an entry carrying the validation message, so the menu can show it instead of crashing.
 */
export function loadScenarios(): ScenarioEntry[] {
  const files = import.meta.glob<unknown>('../../levels/*.json', { eager: true, import: 'default' });
  return Object.entries(files)
    .map(([path, data]): ScenarioEntry => {
      const file = path.slice(path.lastIndexOf('/') + 1);
      try {
        return { ok: true, file, scenario: parseScenario(data, file) };
      } catch (err) {
        return { ok: false, file, error: err instanceof Error ? err.message : String(err) };
      }
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}
