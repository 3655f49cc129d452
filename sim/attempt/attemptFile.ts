import type { z } from 'zod';
import type { AttemptFile, AttemptMetadata } from './types';
import type { Session } from '../session/sessionTypes';
import { ATTEMPT_VERSION, attemptSchema, attemptSchemaV1 } from './attemptSchema';
import { scenarioHash, scenarioHashAsWritten } from './scenarioHash';
import { SCENARIO_SCHEMA_VERSION, upgradeScenarioJson } from '../../levels/scenarioMigrations';
import { ScenarioError } from '../../levels/scenarioError';
import { MAX_ATTEMPT_FILE_BYTES, stripBom, utf8ByteLength } from '../core/bounds';
import { SIM_VERSION } from '../core/version';

/** Thrown for an attempt file that cannot be trusted; the message says what is wrong. */
export class AttemptError extends Error {}

/** What the app knows of an attempt beyond the session: all optional, absent meaning null (simVersion: this model's). */
export type AttemptFileOptions = Partial<AttemptMetadata> & { readonly simVersion?: string };

/** Freeze a session into an attempt file (replayable JSON), with the app's metadata (who, where, when). */
export function toAttemptFile(
  session: Pick<Session, 'scenario' | 'seed' | 'mode' | 'log' | 'tick'>,
  appVersion: string,
  metadata: AttemptFileOptions = {},
): AttemptFile {
  return {
    format: 'kyphosim-attempt',
    version: ATTEMPT_VERSION,
    appVersion,
    simVersion: metadata.simVersion ?? SIM_VERSION,
    trainee: metadata.trainee ?? null,
    station: metadata.station ?? null,
    startedAt: metadata.startedAt ?? null,
    endedAt: metadata.endedAt ?? null,
    scenario: session.scenario,
    scenarioHash: scenarioHash(session.scenario),
    seed: session.seed,
    mode: session.mode,
    log: session.log.map((e) => ({ tick: e.tick, command: e.command })),
    endTick: session.tick,
  };
}

/**
 * Parse the text of an attempt file: its size first (at most MAX_ATTEMPT_FILE_BYTES, before any
 * parsing), a UTF-8 byte-order mark dropped, then JSON and parseAttemptFile.
 */
export function parseAttemptText(text: string): AttemptFile {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short texts need no count.
  if (text.length * 3 > MAX_ATTEMPT_FILE_BYTES && utf8ByteLength(text) > MAX_ATTEMPT_FILE_BYTES) {
    throw new AttemptError(
      `The attempt file is too large: ${utf8ByteLength(text)} bytes, more than the ${MAX_ATTEMPT_FILE_BYTES} an attempt can take.`,
    );
  }
  const body = stripBom(text);
  if (body.trim() === '') throw new AttemptError('The file is empty.');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const detail = err instanceof Error ? ` (${err.message})` : '';
    throw new AttemptError(`The file is not valid JSON: it is truncated or corrupt${detail}.`);
  }
  return parseAttemptFile(data);
}

/** What the app did not record before version 2: no trainee, station or times; the model unknown. */
export const V1_MIGRATION = {
  simVersion: 'unknown',
  trainee: null,
  station: null,
  startedAt: null,
  endedAt: null,
} as const;

/** A version 1 file as version 2: the same replay fields, the metadata it never had as nulls. */
function migrateV1(v1: z.infer<typeof attemptSchemaV1>): AttemptFile {
  const { version: _v1, ...fields } = v1;
  return { ...fields, version: ATTEMPT_VERSION, ...V1_MIGRATION } as AttemptFile;
}

/** An attempt's embedded scenario in the current format, or an AttemptError naming the scenario field. */
function upgradedEmbeddedScenario(embedded: unknown): unknown {
  try {
    return upgradeScenarioJson(embedded, 'the embedded scenario');
  } catch (err) {
    if (err instanceof ScenarioError) {
      throw new AttemptError(`The attempt file is malformed:\n${err.message.replace(/\n {2}/g, '\n  scenario.')}`);
    }
    throw err;
  }
}

/** The schema's parse, or an AttemptError naming the first five paths that are wrong. */
function parseWith<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 5).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AttemptError(`The attempt file is malformed:\n${lines.join('\n')}`);
  }
  return r.data;
}

/**
 * Validate parsed JSON as an attempt file (version 2, or version 1 migrated to 2 with null
 * metadata). Rejects other formats, other versions, schema errors, a scenario whose hash does not
 * match (edited after the attempt) and logs out of tick order.
 */
export function parseAttemptFile(data: unknown): AttemptFile {
  if (data === null || typeof data !== 'object') throw new AttemptError('The attempt file is not a JSON object.');
  const raw = data as Record<string, unknown>;
  if (raw.format !== 'kyphosim-attempt') throw new AttemptError('This is not a KyphoSim attempt file (format field).');
  if (raw.version !== 1 && raw.version !== ATTEMPT_VERSION) {
    throw new AttemptError(
      `Attempt file version ${String(raw.version)} is not supported (this app reads versions 1 and ${ATTEMPT_VERSION}).`,
    );
  }
  // The embedded scenario is upgraded to the current scenario format like any other scenario file.
  const embedded = raw.scenario;
  const o: Record<string, unknown> = { ...raw, scenario: upgradedEmbeddedScenario(embedded) };
  const a: AttemptFile =
    o.version === 1 ? migrateV1(parseWith(attemptSchemaV1, o)) : (parseWith(attemptSchema, o) as AttemptFile);
  const writtenOlder = (embedded as { schemaVersion?: unknown }).schemaVersion !== SCENARIO_SCHEMA_VERSION;
  if (
    scenarioHash(a.scenario) !== a.scenarioHash &&
    !(writtenOlder && scenarioHashAsWritten(embedded as object) === a.scenarioHash)
  ) {
    throw new AttemptError('The scenario in the attempt file does not match its hash: the file was edited.');
  }
  for (let i = 1; i < a.log.length; i++) {
    if (a.log[i].tick < a.log[i - 1].tick) throw new AttemptError(`log.${i}.tick goes back in time.`);
  }
  const last = a.log.length ? a.log[a.log.length - 1].tick : 0;
  if (a.endTick < last) throw new AttemptError('endTick is before the last logged command.');
  return a;
}
