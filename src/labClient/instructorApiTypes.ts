import { z } from 'zod';
import { RATING_ITEMS, type Rating, type RatingItemId } from '../attempt/attemptReview';
import { attemptSummarySchema, MAX_LISTED_ATTEMPTS } from './labApiTypes';

/**
 * The lab server's answers to the instructor's routes (cohorts, assignments, cohort results,
 * ratings) as zod schemas: network input, validated before a field is read. Objects are not strict
 * (a newer server may add fields); every string, number and list kept is bounded.
 */

const text = (max: number) => z.string().max(max);
const id = z.union([text(200), z.number().int()]).transform(String);
const isoTime = text(40);

/** The most rows one answer may hold: a lab's term is far below. */
export const MAX_COHORTS = 1_000;
export const MAX_MEMBERS = 2_000;
export const MAX_ASSIGNMENTS = 2_000;
export const MAX_CELLS = 100_000;
export const MAX_RATINGS = 200;

export const cohortSummarySchema = z.object({
  id,
  name: text(200),
  joinCode: text(64),
  memberCount: z.number().int().min(0).max(1_000_000).optional(),
});
export type CohortSummary = z.infer<typeof cohortSummarySchema>;

export const cohortListSchema = z.object({ cohorts: z.array(cohortSummarySchema).max(MAX_COHORTS) });

export const memberSchema = z.object({
  id,
  username: text(120),
  displayName: text(200),
  role: z.enum(['admin', 'instructor', 'trainee']).optional(),
});
export type CohortMember = z.infer<typeof memberSchema>;

export const cohortDetailSchema = cohortSummarySchema.extend({ members: z.array(memberSchema).max(MAX_MEMBERS) });
export type CohortDetail = z.infer<typeof cohortDetailSchema>;

export const assignmentTargetSchema = z.union([
  z.object({ cohortId: id, cohortName: text(200) }),
  z.object({ traineeId: id, displayName: text(200) }),
]);
export type AssignmentTarget = z.infer<typeof assignmentTargetSchema>;

const score = z.number().min(-1000).max(1000);

export const assignmentSchema = z.object({
  id,
  title: text(200),
  mode: z.enum(['practice', 'exam']),
  dueAt: isoTime.nullable(),
  attemptsAllowed: z.number().int().min(0).max(1000).nullable(),
  passMark: z.number().min(0).max(100).nullable(),
  seedPolicy: z.enum(['fixed', 'fresh']),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .nullable(),
  target: assignmentTargetSchema,
  scenarios: z
    .array(
      z.object({
        scenarioId: text(200),
        version: z.union([z.number().int(), text(40)]),
        hash: text(200),
        title: text(300),
      }),
    )
    .max(12),
  released: z.boolean(),
  releasedAt: isoTime.nullable(),
  // Null once the instructor who made it was removed (the assignment stays).
  createdBy: z.object({ id, displayName: text(200) }).nullable(),
  createdAt: isoTime,
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const assignmentListSchema = z.object({ assignments: z.array(assignmentSchema).max(MAX_ASSIGNMENTS) });

/** The body of `POST /api/assignments` (the contract's fields; the server checks them again). */
export interface NewAssignment {
  readonly title: string;
  readonly scenarioIds: readonly string[];
  readonly mode: 'practice' | 'exam';
  readonly dueAt: string | null;
  readonly attemptsAllowed: number | null;
  readonly passMark: number | null;
  readonly seedPolicy: 'fixed' | 'fresh';
  readonly seed?: number;
  readonly target: { readonly cohortId: string } | { readonly traineeId: string };
  readonly releaseScores?: 'immediately' | 'manually';
}

export const CELL_STATUSES = [
  'not-started',
  'in-progress',
  'submitted',
  'passed',
  'failed',
  'abandoned',
  'overdue',
] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

export const resultCellSchema = z.object({
  traineeId: id,
  assignmentId: id,
  scenarioId: text(200),
  // A status this app does not know yet (a newer server) is kept as text, not refused.
  status: text(40),
  attemptsUsed: z.number().int().min(0).max(100_000),
  bestTotal: score.nullable(),
  latestTotal: score.nullable(),
  passed: z.boolean().nullable(),
  criticalErrors: z.number().int().min(0).max(10_000).nullable(),
  timeSeconds: z.number().min(0).max(1e7).nullable(),
  bestAttemptId: id.nullable(),
  latestAttemptId: id.nullable(),
  /** The attempt open now, to watch live (absent from servers without the live routes). */
  openAttemptId: id.nullable().optional(),
  abandoned: z.number().int().min(0).max(100_000),
});
export type ResultCell = z.infer<typeof resultCellSchema>;

export const cohortResultsSchema = z.object({
  cohort: z.object({ id, name: text(200) }),
  trainees: z.array(z.object({ id, username: text(120), displayName: text(200) })).max(MAX_MEMBERS),
  assignments: z.array(assignmentSchema).max(MAX_ASSIGNMENTS),
  cells: z.array(resultCellSchema).max(MAX_CELLS),
});
export type CohortResults = z.infer<typeof cohortResultsSchema>;
export type ResultTrainee = CohortResults['trainees'][number];

const ratingItemIds = RATING_ITEMS.map((it) => it.id) as [RatingItemId, ...RatingItemId[]];
const ratingValue = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).nullable();

/** One rater's review of an attempt on the lab server. Items this app does not know are dropped. */
export const serverRatingSchema = z.object({
  rater: z.object({ id, displayName: text(200) }),
  plus: text(4000),
  delta: text(4000),
  ratings: z
    .object(Object.fromEntries(ratingItemIds.map((k) => [k, ratingValue.optional()])))
    .transform(
      (r) =>
        Object.fromEntries(ratingItemIds.map((k) => [k, r[k] ?? null])) as Readonly<
          Record<RatingItemId, Rating | null>
        >,
    ),
  total: z.number().min(0).max(1000).nullable(),
  ratedAt: isoTime,
});
export type ServerRating = z.infer<typeof serverRatingSchema>;

/** `GET /api/attempts/:id` as the instructor reads it: the summary, the file, and every rater's rating. */
export const attemptWithRatingsSchema = attemptSummarySchema.extend({
  attempt: z.unknown(),
  ratings: z.array(serverRatingSchema).max(MAX_RATINGS).optional(),
});
export type AttemptWithRatings = z.infer<typeof attemptWithRatingsSchema>;

/** The body of `PUT /api/attempts/:id/ratings/mine`. */
export interface RatingUpload {
  readonly plus: string;
  readonly delta: string;
  readonly ratings: Readonly<Record<RatingItemId, Rating | null>>;
}

/** `GET /api/attempts` as the instructor reads it: each summary with the assignment it was made for. */
export const instructorAttemptSchema = attemptSummarySchema.extend({ assignmentId: id.nullable().optional() });
export type InstructorAttempt = z.infer<typeof instructorAttemptSchema>;
export const instructorAttemptListSchema = z.object({
  attempts: z.array(instructorAttemptSchema).max(MAX_LISTED_ATTEMPTS),
});
