import { z } from 'zod';
import { scenarioSchema } from '../../levels/scenarioSchema';
import { commandSchema } from '../core/commandSchema';

/** Current attempt-file version. Bump it (and document the migration) when the format changes. */
export const ATTEMPT_VERSION = 1;

/** zod schema of the attempt file; docs/attempt.schema.json is generated from it (npm run schema). */
export const attemptSchema = z.strictObject({
  format: z.literal('kyphosim-attempt'),
  version: z.literal(ATTEMPT_VERSION),
  appVersion: z.string().min(1),
  scenario: scenarioSchema,
  scenarioHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest'),
  seed: z.number().int().min(0).max(0xffffffff),
  mode: z.enum(['practice', 'exam']),
  log: z.array(z.strictObject({ tick: z.number().int().min(0), command: commandSchema })),
  endTick: z.number().int().min(0),
});
