import { z } from 'zod';

/**
 * What the lab server's answers look like (the HTTP API contract), as zod schemas: every answer is
 * network input and is validated before the app reads a field of it. Objects are not strict (a
 * newer server may add fields); every string and list the app keeps is bounded.
 */

const text = (max: number) => z.string().max(max);
/** Ids are strings in the contract; a server that sends a number id is read as its decimal text. */
const id = z.union([text(200), z.number().int()]).transform(String);
const isoTime = text(40);

export const labUserSchema = z.object({
  id,
  username: text(120),
  displayName: text(200),
  role: z.enum(['admin', 'instructor', 'trainee']),
});
export type LabUser = z.infer<typeof labUserSchema>;

export const healthSchema = z.object({
  service: z.literal('kyphosim-lab'),
  appVersion: text(64),
  simVersion: text(64),
});
export type LabHealth = z.infer<typeof healthSchema>;

export const signedInSchema = z.object({ user: labUserSchema, csrfToken: text(512).min(1) });

export const errorBodySchema = z.object({ error: text(100), message: text(2000) });

export const putAttemptAnswerSchema = z.object({
  id,
  status: z.enum(['in-progress', 'finished', 'abandoned']),
  revision: z.number().int(),
  receivedAt: isoTime,
});
export type PutAttemptAnswer = z.infer<typeof putAttemptAnswerSchema>;

/** The lab server's answer on a signed attempt file: whether its signature checks with the lab's key. */
export const verifyAnswerSchema = z.object({ valid: z.boolean(), reason: text(2000).optional() });
export type VerifyAnswer = z.infer<typeof verifyAnswerSchema>;

export const serverScoreSchema = z.object({
  total: z.number(),
  passed: z.boolean(),
  criticalErrors: z.number().int().min(0),
  simVersion: text(64),
  scoredAt: isoTime,
});
export type ServerScore = z.infer<typeof serverScoreSchema>;

export const attemptSummarySchema = z.object({
  id,
  trainee: z.object({ id, username: text(120), displayName: text(200) }),
  scenarioId: text(200),
  scenarioVersion: z.union([z.number(), text(40)]),
  mode: z.enum(['practice', 'exam']),
  seed: z.number().int(),
  status: z.enum(['in-progress', 'finished', 'abandoned']),
  station: text(120).nullable(),
  startedAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
  updatedAt: isoTime,
  score: serverScoreSchema.nullable(),
  /** null: no scoring job yet (the lab server answers so for an attempt still in progress). */
  scoring: z.enum(['queued', 'running', 'done', 'failed']).nullable(),
  /** The assignment it was reserved for, null for a free attempt; absent from a server before assignments. */
  assignmentId: id.nullable().optional(),
  /** Whether its scores are shown to the trainee: false until the instructor releases the assignment's. */
  released: z.boolean().optional(),
});
export type ServerAttemptSummary = z.infer<typeof attemptSummarySchema>;

/** The most attempts one list answer may hold (a lab's whole term is far below). */
export const MAX_LISTED_ATTEMPTS = 10_000;

export const attemptListSchema = z.object({ attempts: z.array(attemptSummarySchema).max(MAX_LISTED_ATTEMPTS) });

/**
 * One attempt with its file. The file itself is checked by the simulator's own parser
 * (sim/attempt) before it is replayed; the server's report is not read beyond the summary's score.
 */
export const attemptDetailSchema = attemptSummarySchema.extend({
  attempt: z.unknown(),
  report: z.unknown().nullable(),
  scoringError: text(2000).nullable(),
});
export type ServerAttemptDetail = z.infer<typeof attemptDetailSchema>;

/** Where an uploaded attempt stands; the server never takes a score from the client. */
export type UploadStatus = 'in-progress' | 'finished' | 'abandoned';

/** The body of `PUT /api/attempts/:id`: the status, the station and the attempt file (v2, unsigned). */
export interface AttemptUpload {
  readonly status: UploadStatus;
  readonly station: string;
  /** The attempt file (sim/attempt's AttemptFile, format v2), without a signature. */
  readonly attempt: Readonly<Record<string, unknown>>;
}
