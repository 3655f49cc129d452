import type { Queryable } from '../db/db';
import type { User } from '../users/user';
import { manageableCohort } from '../cohorts/cohortAccess';
import { loadAssignments } from '../assignments/loadAssignments';
import { assignmentProgress } from '../assignments/assignmentProgress';
import { grantKey, loadGrants, loadReservations } from '../assignments/reservation';

/** The assignments a cohort's dashboard shows: those set for the cohort or for one of its trainees ($1: the cohort). */
export const COHORT_ASSIGNMENTS = `(g.cohort_id = $1 OR g.trainee_id IN (SELECT m.user_id FROM cohort_members m WHERE m.cohort_id = $1))`;

/**
 * GET /api/cohorts/:id/results: the dashboard's data. One cell per trainee, assignment set for
 * them and scenario of it, with scores whether released or not (an instructor always sees them).
 */
export async function cohortResults(q: Queryable, user: User, cohortId: string, now = new Date()) {
  const cohort = await manageableCohort(q, user, cohortId);
  const trainees = await q.query<{ id: string; username: string; display_name: string }>(
    `SELECT u.id, u.username, u.display_name FROM cohort_members m JOIN users u ON u.id = m.user_id
     WHERE m.cohort_id = $1 AND u.role = 'trainee' ORDER BY u.display_name, u.username`,
    [cohort.id],
  );
  const assignments = await loadAssignments(q, COHORT_ASSIGNMENTS, [cohort.id]);
  const members = 'IN (SELECT m.user_id FROM cohort_members m WHERE m.cohort_id = $1)';
  const reservations = await loadReservations(q, `r.trainee_id ${members}`, [cohort.id]);
  const grants = await loadGrants(q, `x.trainee_id ${members}`, [cohort.id]);
  const cells = assignments.flatMap((a) =>
    trainees
      .filter((t) => ('cohortId' in a.target ? a.target.cohortId === cohort.id : a.target.traineeId === t.id))
      .flatMap((t) => {
        const mine = reservations.filter((r) => r.assignment_id === a.id && r.trainee_id === t.id);
        const progress = assignmentProgress(a, mine, grants.get(grantKey(a.id, t.id)) ?? 0, now, true);
        return progress.scenarios.map((s) => ({ traineeId: t.id, assignmentId: a.id, ...s }));
      }),
  );
  return {
    cohort: { id: cohort.id, name: cohort.name },
    trainees: trainees.map((t) => ({ id: t.id, username: t.username, displayName: t.display_name })),
    assignments,
    cells,
  };
}
