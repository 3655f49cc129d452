import { ScenarioError, scenarioSchema, type Scenario } from '../../levels/scenarioSchema';
import { upgradeScenarioJson } from '../../levels/scenarioMigrations';

/** Validation messages by field path ("patient.findings.0.text"; "(root)" for the scenario itself). */
export type FieldErrors = ReadonlyMap<string, readonly string[]>;

export type Validation =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: FieldErrors };

/** The dotted path the form and the messages use for a zod issue path. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(root)';
}

/**
 * A scenario as the form edits it: upgraded to the current format (an imported file or a stored
 * draft written by an older app), or as it is when it cannot be (validateScenario names why).
 */
export function upgradedDraft(data: unknown): unknown {
  try {
    return upgradeScenarioJson(data);
  } catch (err) {
    if (err instanceof ScenarioError) return data;
    throw err;
  }
}

/**
 * Validate an edited scenario as parseScenario does (upgraded from an older format, then the
 * scenario schema) and group its issues by field path, so each message can stand next to its field.
 */
export function validateScenario(data: unknown): Validation {
  let upgraded: unknown;
  try {
    upgraded = upgradeScenarioJson(data);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const field = /\n {2}([^:]+): (.*)$/s.exec(err.message);
    return { ok: false, errors: new Map([[field?.[1] ?? '(root)', [field?.[2] ?? err.message]]]) };
  }
  const result = scenarioSchema.safeParse(upgraded);
  if (result.success) return { ok: true, scenario: result.data };
  const errors = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const key = pathKey(issue.path);
    errors.set(key, [...(errors.get(key) ?? []), issue.message]);
  }
  return { ok: false, errors };
}

/** The messages for one field and the fields below it ("patient.labs" also gets "patient.labs.inr"'s). */
export function errorsUnder(errors: FieldErrors, path: string): string[] {
  const out: string[] = [];
  for (const [key, messages] of errors)
    if (key === path || key.startsWith(`${path}.`))
      out.push(...messages.map((m) => (key === path ? m : `${key}: ${m}`)));
  return out;
}

/** Every error as "path: message" lines, for a button's reason or an import refusal. */
export function errorLines(errors: FieldErrors): string[] {
  return [...errors].flatMap(([key, messages]) => messages.map((m) => `${key}: ${m}`));
}
