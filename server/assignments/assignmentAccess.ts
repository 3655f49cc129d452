import type { Queryable } from '../db/db';
import { HttpError } from '../http/httpError';
import type { User } from '../users/user';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An assignment id from a URL: a UUID, or a 404 (no assignment can have another id). */
export function assignmentIdParam(id: string): string {
  if (!UUID.test(id))
    throw new HttpError(404, 'unknown-assignment', `There is no assignment with the id "${id.slice(0, 64)}".`);
  return id.toLowerCase();
}

/**
 * Which assignments a user sees, as a SQL condition on `g` with the user's id as $1: a trainee
 * those targeting them or a cohort of theirs; an instructor those they created or that target
 * their cohorts or their cohorts' trainees; an admin all.
 */
export function visibleAssignments(user: User): string {
  if (user.role === 'admin') return '($1::uuid IS NOT NULL)';
  if (user.role === 'trainee')
    return '(g.trainee_id = $1 OR g.cohort_id IN (SELECT m.cohort_id FROM cohort_members m WHERE m.user_id = $1))';
  return `(g.created_by = $1 OR g.cohort_id IN (SELECT c.id FROM cohorts c WHERE c.owner_id = $1)
    OR g.trainee_id IN (SELECT m.user_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE c.owner_id = $1))`;
}

/**
 * The id of an assignment this user may see: 404 unknown, 403 not theirs (a trainee it does not
 * target, another instructor's). `forUpdate` locks the row for the caller's transaction, so two
 * starts of the same assignment count attempts one after the other.
 */
export async function visibleAssignmentId(
  q: Queryable,
  user: User,
  rawId: string,
  o: { forUpdate?: boolean } = {},
): Promise<string> {
  const id = assignmentIdParam(rawId);
  const rows = await q.query<{ visible: boolean }>(
    `SELECT (${visibleAssignments(user)}) AS visible FROM assignments g WHERE g.id = $2${o.forUpdate ? ' FOR UPDATE' : ''}`,
    [user.id, id],
  );
  if (!rows[0]) throw new HttpError(404, 'unknown-assignment', `There is no assignment with the id "${id}".`);
  if (!rows[0].visible)
    throw new HttpError(
      403,
      'not-your-assignment',
      user.role === 'trainee'
        ? 'This assignment is not set for you.'
        : 'This assignment belongs to another instructor and targets none of your cohorts.',
    );
  return id;
}

/** The trainees an assignment targets (its cohort's members, or its one trainee), as a SQL subquery on $N. */
export function targetedTrainees(assignmentParam: string): string {
  return `(SELECT m.user_id FROM assignments g JOIN cohort_members m ON m.cohort_id = g.cohort_id WHERE g.id = ${assignmentParam}
    UNION SELECT g.trainee_id FROM assignments g WHERE g.id = ${assignmentParam} AND g.trainee_id IS NOT NULL)`;
}
