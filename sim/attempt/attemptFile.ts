import type { AttemptFile } from './types';
import type { Session } from '../session/sessionTypes';
import { ATTEMPT_VERSION, attemptSchema } from './attemptSchema';
import { scenarioHash } from './scenarioHash';
import { MAX_ATTEMPT_FILE_BYTES, stripBom, utf8ByteLength } from '../core/bounds';

/** Thrown for an attempt file that cannot be trusted; the message says what is wrong. */
export class AttemptError extends Error {}

/** Freeze a session into an attempt file (replayable JSON). */
export function toAttemptFile(
  session: Pick<Session, 'scenario' | 'seed' | 'mode' | 'log' | 'tick'>,
  appVersion: string,
): AttemptFile {
  return {
    format: 'kyphosim-attempt',
    version: ATTEMPT_VERSION,
    appVersion,
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

/**
 * Validate parsed JSON as an attempt file. Rejects other formats, other versions, schema errors,
 * a scenario whose hash does not match (edited after the attempt) and logs out of tick order.
 */
export function parseAttemptFile(data: unknown): AttemptFile {
  if (data === null || typeof data !== 'object') throw new AttemptError('The attempt file is not a JSON object.');
  const o = data as Record<string, unknown>;
  if (o.format !== 'kyphosim-attempt') throw new AttemptError('This is not a KyphoSim attempt file (format field).');
  if (o.version !== ATTEMPT_VERSION) {
    throw new AttemptError(
      `Attempt file version ${String(o.version)} is not supported (this app reads version ${ATTEMPT_VERSION}).`,
    );
  }
  const r = attemptSchema.safeParse(data);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 5).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AttemptError(`The attempt file is malformed:\n${lines.join('\n')}`);
  }
  const a = r.data as AttemptFile;
  if (scenarioHash(a.scenario) !== a.scenarioHash) {
    throw new AttemptError('The scenario in the attempt file does not match its hash: the file was edited.');
  }
  for (let i = 1; i < a.log.length; i++) {
    if (a.log[i].tick < a.log[i - 1].tick) throw new AttemptError(`log.${i}.tick goes back in time.`);
  }
  const last = a.log.length ? a.log[a.log.length - 1].tick : 0;
  if (a.endTick < last) throw new AttemptError('endTick is before the last logged command.');
  return a;
}
