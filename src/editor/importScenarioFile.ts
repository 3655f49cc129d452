import type { Scenario } from '../../levels/scenarioSchema';
import { type FieldErrors, validateScenario } from './fieldErrors';

/** The largest scenario file the editor reads: a shipped scenario is about 3 KB, the longest allowed texts stay far below this. */
export const MAX_SCENARIO_FILE_BYTES = 64 * 1024;

export type ImportResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly message: string; readonly errors?: FieldErrors };

/**
 * Read a scenario file an instructor picked: a hostile file. Too big, not JSON or not a valid
 * scenario is refused with a message (the schema's errors name each field); nothing is stored here.
 */
export function importScenarioText(text: string, sizeBytes: number, fileName: string): ImportResult {
  if (sizeBytes > MAX_SCENARIO_FILE_BYTES)
    return {
      ok: false,
      message: `${fileName} is ${Math.ceil(sizeBytes / 1024)} KB: a scenario file is at most ${MAX_SCENARIO_FILE_BYTES / 1024} KB`,
    };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `${fileName} is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const checked = validateScenario(data);
  if (!checked.ok) return { ok: false, message: `${fileName} is not a valid scenario`, errors: checked.errors };
  return { ok: true, scenario: checked.scenario };
}

/** The text an exported scenario file holds (the schema's own field order, two-space indents). */
export function exportScenarioText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}
