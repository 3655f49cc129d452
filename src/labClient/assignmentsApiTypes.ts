import { z } from 'zod';

/**
 * The lab server's answers to a trainee's assignment routes (GET /api/assignments with `mine`,
 * POST /api/assignments/:id/start) as zod schemas: network input, validated before a field is
 * read. Objects are not strict (a newer server may add fields); every string, number and list
 * kept is bounded, and what the app acts on (the attempt id it uploads under, the seed and mode
 * it plays) is checked to the contract's ranges.
 */

const text = (max: number) => z.string().max(max);
const id = z.union([text(200).min(1), z.number().int()]).transform(String);
/** An ISO 8601 time the app shows and compares: text that Date reads, bounded. */
const isoTime = text(40).refine((s) => Number.isFinite(Date.parse(s)), 'not an ISO 8601 time');
/** A score total as the debrief shows it (the rubric's 0-100, with room for a rescaled one). */
const total = z.number().min(-1000).max(1000);

/** The most assignments one trainee is shown: a lab's term is far below. */
export const MAX_TRAINEE_ASSIGNMENTS = 500;
/** The contract allows 1..12 scenarios per assignment. */
export const MAX_ASSIGNMENT_SCENARIOS = 12;

/** A scenario's standing for the trainee, as the contract lists them. */
export const ASSIGNMENT_STATUSES = [
  'not-started',
  'in-progress',
  'submitted',
  'passed',
  'failed',
  'abandoned',
  'overdue',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const assignmentScenarioSchema = z.object({
  scenarioId: text(100).min(1),
  version: z.number().int().min(0).max(1_000_000),
  hash: text(200),
  title: text(300),
  /** Stored on the lab server (an instructor's own scenario): the start answers it, the station has no copy. Absent from older servers. */
  stored: z.boolean().optional(),
});
export type AssignmentScenario = z.infer<typeof assignmentScenarioSchema>;

export const traineeStandingSchema = z.object({
  attemptsUsed: z.number().int().min(0).max(100_000),
  canStart: z.boolean(),
  reason: text(2000).nullable(),
  scenarios: z
    .array(
      z.object({
        scenarioId: text(100).min(1),
        status: z.enum(ASSIGNMENT_STATUSES),
        bestTotal: total.nullable(),
        latestTotal: total.nullable(),
      }),
    )
    .max(MAX_ASSIGNMENT_SCENARIOS),
});
export type TraineeStanding = z.infer<typeof traineeStandingSchema>;

export const traineeAssignmentSchema = z.object({
  id,
  title: text(200),
  mode: z.enum(['practice', 'exam']),
  dueAt: isoTime.nullable(),
  attemptsAllowed: z.number().int().min(1).max(50).nullable(),
  passMark: z.number().min(0).max(100).nullable(),
  scenarios: z.array(assignmentScenarioSchema).min(1).max(MAX_ASSIGNMENT_SCENARIOS),
  released: z.boolean(),
  mine: traineeStandingSchema,
});
export type TraineeAssignment = z.infer<typeof traineeAssignmentSchema>;

export const traineeAssignmentListSchema = z.object({
  assignments: z.array(traineeAssignmentSchema).max(MAX_TRAINEE_ASSIGNMENTS),
});

/** `POST /api/assignments/:id/start`: the reserved attempt the app then plays and uploads under its id. */
export const startedAttemptSchema = z.object({
  attemptId: id,
  assignmentId: id,
  scenarioId: text(100).min(1),
  scenarioVersion: z.number().int().min(0).max(1_000_000),
  scenarioHash: text(200),
  mode: z.enum(['practice', 'exam']),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  passMark: z.number().min(0).max(100),
  /** A scenario stored on the lab server: the scenario itself, validated by the caller (startedScenario.ts). */
  scenario: z.unknown().optional(),
});
export type StartedAttempt = z.infer<typeof startedAttemptSchema>;
