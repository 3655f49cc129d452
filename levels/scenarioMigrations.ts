import { ScenarioError } from './scenarioError';

/**
 * Named migrations of the scenario file format, in order. A scenario file carries `schemaVersion`;
 * every loader (bundled levels, the editor's import and its stored drafts, the menu's own
 * scenarios, attempt files' embedded scenarios, the lab server) upgrades an older file through
 * these, one step at a time, before the zod schema (scenarioSchema.ts, the single source of truth)
 * validates it. The schema itself only knows the current version.
 *
 * Each migration also says how to write an upgraded scenario back in its older form (`down`): the
 * scenario's identity (sim/attempt/scenarioHash.ts) is computed on the form of the first version,
 * so upgrading the file format never turns a published case into a different one, and attempts,
 * assignments and signatures recorded before the upgrade still match.
 */

/** A scenario file as JSON, before validation. */
export type ScenarioJson = Record<string, unknown>;

export interface ScenarioMigration {
  /** What the step does, named so that a reader of the list knows without opening it. */
  readonly name: string;
  /** The version it reads; it writes `from + 1`. */
  readonly from: number;
  /** Why the format changed. */
  readonly why: string;
  /** The file at `from` (unvalidated, but an object with that schemaVersion) as `from + 1`. */
  readonly up: (file: ScenarioJson) => ScenarioJson;
  /** A valid `from + 1` scenario written as `from`, as the identity hash reads it; for content whose meaning `from` can express. */
  readonly down: (file: ScenarioJson) => ScenarioJson;
}

const isObject = (v: unknown): v is ScenarioJson => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Version 1 left the indication unwritten when the case was one to operate on: an absent
 * `indication` meant operate. Version 2 writes it in every file, so a file says what the trainee
 * must decide and an instructor reading it, or a reader of the format, needs no rule to know the
 * answer (the schema now requires it).
 */
export const explicitIndication: ScenarioMigration = {
  name: 'explicit indication',
  from: 1,
  why: 'the default indication (operate) was implicit',
  // Only an absent field takes the default: a wrong one (null, a string) is left for the schema to name.
  up: (file) => ({
    ...file,
    schemaVersion: 2,
    indication: file.indication === undefined ? { decision: 'operate' } : file.indication,
  }),
  down: (file) => {
    const { indication, ...rest } = file;
    const operate = isObject(indication) && indication.decision === 'operate' && Object.keys(indication).length === 1;
    return { ...rest, schemaVersion: 1, ...(operate ? {} : { indication }) };
  },
};

/** Every migration, oldest first: migration i reads version i + 1. */
export const SCENARIO_MIGRATIONS: readonly ScenarioMigration[] = [explicitIndication];

/** The version this app writes and the schema validates. */
export const SCENARIO_SCHEMA_VERSION = 1 + SCENARIO_MIGRATIONS.length;

/**
 * Bring a scenario file up to SCENARIO_SCHEMA_VERSION. Refuses, naming the field, a value that is
 * not an object, a missing or non-integer `schemaVersion`, and a version newer than this app reads
 * (a file from a later app: guessing its meaning could change the case). The result is not yet
 * validated: the caller parses it with the schema.
 */
export function upgradeScenarioJson(data: unknown, source = 'scenario'): ScenarioJson {
  if (!isObject(data)) {
    throw new ScenarioError(
      `${source} is not a valid scenario:\n  (root): a scenario is a JSON object, not ${Array.isArray(data) ? 'an array' : data === null ? 'null' : `a ${typeof data}`}`,
    );
  }
  const version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ScenarioError(
      `${source} is not a valid scenario:\n  schemaVersion: must be a whole number from 1 to ${SCENARIO_SCHEMA_VERSION}, not ${JSON.stringify(version) ?? 'absent'}`,
    );
  }
  if (version > SCENARIO_SCHEMA_VERSION) {
    throw new ScenarioError(
      `${source} is not a valid scenario:\n  schemaVersion: ${version} is newer than this app reads (1 to ${SCENARIO_SCHEMA_VERSION}); open it with a newer KyphoSim`,
    );
  }
  let file = data;
  for (const step of SCENARIO_MIGRATIONS.slice(version - 1)) file = step.up(file);
  return file;
}

/**
 * A current scenario written in the first version's form (`down` of each migration, newest first):
 * what the identity hash and the lab's signatures are computed on.
 */
export function scenarioInFirstForm(scenario: object): ScenarioJson {
  let file = { ...(scenario as ScenarioJson) };
  for (const step of [...SCENARIO_MIGRATIONS].reverse()) file = step.down(file);
  return file;
}
