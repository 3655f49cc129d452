import type { z } from 'zod';
import { HttpError } from './httpError';

/** The body validated by its zod schema, or a 400 naming the first fields that are wrong. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const fields = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  throw new HttpError(400, 'bad-request', `The request body is not valid: ${fields.join('; ')}.`);
}
