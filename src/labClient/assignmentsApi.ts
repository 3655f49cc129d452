import type { LabClient } from './labApi';
import { LabApiError } from './labApiError';
import { labClient } from './labSession';
import {
  type StartedAttempt,
  startedAttemptSchema,
  type TraineeAssignment,
  traineeAssignmentListSchema,
} from './assignmentsApiTypes';

/** A trainee's assignment list: a few hundred of them fit well below this. */
const LIST_ANSWER_BYTES = 2 * 1024 * 1024;

/**
 * A trainee's calls of the lab server's assignment routes, on the app's one client (its CSRF
 * token, bounds and error sentences); every answer is validated with assignmentsApiTypes.ts.
 */
export interface AssignmentsApi {
  /** The assignments that target the signed-in trainee (or their cohorts), each with their standing. */
  listMine(): Promise<readonly TraineeAssignment[]>;
  /**
   * Reserve an attempt of one scenario of an assignment: the server answers with the attempt id
   * to play and upload under, the seed and the mode, or refuses (no attempts left, an exam
   * attempt still open, past due) with its sentence as a LabApiError.
   */
  start(assignmentId: string, scenarioId: string, station: string): Promise<StartedAttempt>;
}

export function createAssignmentsApi(client: LabClient): AssignmentsApi {
  return {
    listMine: async () =>
      (await client.call('GET', '/assignments', traineeAssignmentListSchema, { maxBytes: LIST_ANSWER_BYTES }))
        .assignments,
    start: async (assignmentId, scenarioId, station) => {
      const started = await client.call(
        'POST',
        `/assignments/${encodeURIComponent(assignmentId)}/start`,
        startedAttemptSchema,
        { body: { scenarioId, station } },
      );
      // The reservation is for what was asked: another assignment or scenario would be uploaded under the wrong one.
      if (started.assignmentId !== assignmentId || started.scenarioId !== scenarioId)
        throw new LabApiError(
          0,
          'bad-answer',
          `The lab server reserved an attempt of ${started.assignmentId} / ${started.scenarioId}, not of the assignment and scenario asked for.`,
        );
      return started;
    },
  };
}

/** The session's assignments client (same cookie and CSRF token as the rest of the app). */
export async function assignmentsApi(): Promise<AssignmentsApi> {
  return createAssignmentsApi(await labClient());
}
