import { z } from 'zod';
import { scenarioSchema } from '../../levels/scenarioSchema';
import { commandSchema } from '../core/commandSchema';
import { MAX_APP_VERSION_LENGTH, MAX_LOG_ENTRIES, MAX_PROCEDURE_TICKS, MAX_SEED, MIN_SEED } from '../core/bounds';

/** Current attempt-file version. Bump it (and document the migration) when the format changes. */
export const ATTEMPT_VERSION = 1;

/** zod schema of the attempt file; docs/attempt.schema.json is generated from it (npm run schema). */
export const attemptSchema = z.strictObject({
  format: z.literal('kyphosim-attempt'),
  version: z.literal(ATTEMPT_VERSION),
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
});
