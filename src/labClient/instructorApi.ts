import { z } from 'zod';
import { MAX_ATTEMPT_FILE_BYTES } from '../../sim/core';
import {
  type Assignment,
  assignmentListSchema,
  assignmentSchema,
  type AttemptWithRatings,
  attemptWithRatingsSchema,
  type CohortDetail,
  type CohortResults,
  type CohortSummary,
  cohortDetailSchema,
  cohortListSchema,
  cohortResultsSchema,
  type InstructorAttempt,
  instructorAttemptListSchema,
  cohortSummarySchema,
  type NewAssignment,
  type RatingUpload,
  type ServerRating,
  serverRatingSchema,
} from './instructorApiTypes';
import type { LabClient } from './labApi';
import { labClient } from './labSession';

/** A list or a cohort's results: a lab's whole term fits well below this. */
const LIST_ANSWER_BYTES = 16 * 1024 * 1024;
/** An attempt with its file, its report and its ratings. */
const ATTEMPT_ANSWER_BYTES = MAX_ATTEMPT_FILE_BYTES + 4 * 1024 * 1024;

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

/**
 * The instructor's calls of the lab server (cohorts, assignments, results, ratings), on the same
 * client as the rest of the app (its CSRF token, its bounds, its error sentences). Every answer is
 * validated with the schemas of instructorApiTypes.ts before it is read.
 */
export interface InstructorApi {
  listCohorts(): Promise<readonly CohortSummary[]>;
  createCohort(name: string): Promise<CohortSummary>;
  getCohort(cohortId: string): Promise<CohortDetail>;
  listAssignments(): Promise<readonly Assignment[]>;
  createAssignment(body: NewAssignment): Promise<Assignment>;
  releaseScores(assignmentId: string): Promise<Assignment>;
  allowRestart(assignmentId: string, traineeId: string): Promise<void>;
  cohortResults(cohortId: string): Promise<CohortResults>;
  /** Every attempt the instructor may see (their cohorts' trainees), each with its assignment. */
  listAttempts(): Promise<readonly InstructorAttempt[]>;
  /** The attempt file as the server serves it (signed); checked by the simulator's parser by the caller. */
  attemptFile(attemptId: string): Promise<unknown>;
  /** The attempt's summary, file and every rater's rating. */
  attemptWithRatings(attemptId: string): Promise<AttemptWithRatings>;
  saveMyRating(attemptId: string, rating: RatingUpload): Promise<ServerRating>;
}

export function createInstructorApi(client: LabClient): InstructorApi {
  return {
    listCohorts: async () =>
      (await client.call('GET', '/cohorts', cohortListSchema, { maxBytes: LIST_ANSWER_BYTES })).cohorts,
    createCohort: (name) => client.call('POST', '/cohorts', cohortSummarySchema, { body: { name } }),
    getCohort: (cohortId) =>
      client.call('GET', `/${path('cohorts', cohortId)}`, cohortDetailSchema, { maxBytes: LIST_ANSWER_BYTES }),
    listAssignments: async () =>
      (await client.call('GET', '/assignments', assignmentListSchema, { maxBytes: LIST_ANSWER_BYTES })).assignments,
    createAssignment: (body) => client.call('POST', '/assignments', assignmentSchema, { body }),
    releaseScores: (assignmentId) =>
      client.call('POST', `/${path('assignments', assignmentId, 'release')}`, assignmentSchema, { body: {} }),
    allowRestart: async (assignmentId, traineeId) => {
      await client.call('POST', `/${path('assignments', assignmentId, 'restarts')}`, null, { body: { traineeId } });
    },
    cohortResults: (cohortId) =>
      client.call('GET', `/${path('cohorts', cohortId, 'results')}`, cohortResultsSchema, {
        maxBytes: LIST_ANSWER_BYTES,
      }),
    listAttempts: async () =>
      (await client.call('GET', '/attempts', instructorAttemptListSchema, { maxBytes: LIST_ANSWER_BYTES })).attempts,
    attemptFile: (attemptId) =>
      client.call('GET', `/${path('attempts', attemptId, 'file')}`, z.unknown(), {
        maxBytes: MAX_ATTEMPT_FILE_BYTES,
      }),
    attemptWithRatings: (attemptId) =>
      client.call('GET', `/${path('attempts', attemptId)}`, attemptWithRatingsSchema, {
        maxBytes: ATTEMPT_ANSWER_BYTES,
      }),
    saveMyRating: (attemptId, rating) =>
      client.call('PUT', `/${path('attempts', attemptId, 'ratings', 'mine')}`, serverRatingSchema, { body: rating }),
  };
}

/** The instructor's calls on the signed-in session of this page. */
export async function instructorApi(): Promise<InstructorApi> {
  return createInstructorApi(await labClient());
}

/** Where the browser downloads a cohort's results as CSV (the session cookie goes with a same-origin link). */
export const resultsCsvUrl = (cohortId: string) => `/api/${path('cohorts', cohortId, 'results.csv')}`;
/** Where the browser downloads every attempt file of an assignment as one zip. */
export const assignmentArchiveUrl = (assignmentId: string) => `/api/${path('assignments', assignmentId, 'archive')}`;
