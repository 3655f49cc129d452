import { z } from 'zod';
import { scenarioSchema } from '../../levels/scenarioSchema';
import { commandSchema } from '../core/commandSchema';
import {
  MAX_APP_VERSION_LENGTH,
  MAX_LOG_ENTRIES,
  MAX_PROCEDURE_TICKS,
  MAX_SEED,
  MAX_STATION_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_TRAINEE_ID_LENGTH,
  MIN_SEED,
  PLAIN_TEXT_PATTERN,
} from '../core/bounds';

/** Current attempt-file version. Bump it (and document the migration) when the format changes. */
export const ATTEMPT_VERSION = 2;

/** The fields every version has: what a replay needs. */
const replayFields = {
  format: z.literal('kyphosim-attempt'),
  appVersion: z.string().min(1).max(MAX_APP_VERSION_LENGTH),
  scenario: scenarioSchema,
  scenarioHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest'),
  seed: z.number().int().min(MIN_SEED).max(MAX_SEED),
  mode: z.enum(['practice', 'exam']),
  /** At most MAX_LOG_ENTRIES commands, each at a tick within the longest procedure (sim/core/bounds.ts). */
  log: z
    .array(z.strictObject({ tick: z.number().int().min(0).max(MAX_PROCEDURE_TICKS), command: commandSchema }))
    .max(MAX_LOG_ENTRIES),
  endTick: z.number().int().min(0).max(MAX_PROCEDURE_TICKS),
};

/** One line of plain text (no control characters, no markup), 1..max characters. */
const plainLine = (max: number) =>
  z.string().min(1).max(max).regex(PLAIN_TEXT_PATTERN, 'plain text: no control characters, no < or >');

/** A wall-clock instant as ISO 8601 in UTC ("2026-12-03T18:04:05.000Z"); the sim never reads it. */
const utcInstant = z.iso.datetime({ offset: false });

/** zod schema of the attempt file, version 2; docs/attempt.schema.json is generated from it (npm run schema). */
export const attemptSchema = z.strictObject({
  ...replayFields,
  version: z.literal(ATTEMPT_VERSION),
  simVersion: z.string().min(1).max(MAX_APP_VERSION_LENGTH),
  trainee: z
    .strictObject({ id: plainLine(MAX_TRAINEE_ID_LENGTH).nullable(), name: plainLine(MAX_TITLE_LENGTH) })
    .nullable(),
  station: plainLine(MAX_STATION_LENGTH).nullable(),
  startedAt: utcInstant.nullable(),
  endedAt: utcInstant.nullable(),
  signature: z
    .strictObject({
      alg: z.literal('HMAC-SHA256'),
      keyId: z.string().regex(/^[0-9a-f]{1,64}$/, 'a hex key id'),
      value: z.string().regex(/^[0-9a-f]{64}$/, 'an HMAC-SHA256 hex digest'),
    })
    .optional(),
});

/** zod schema of the attempt file, version 1 (no metadata); still read, and migrated to version 2. */
export const attemptSchemaV1 = z.strictObject({ ...replayFields, version: z.literal(1) });
