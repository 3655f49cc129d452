import type { Queryable } from '../db/db';
import { HttpError } from '../http/httpError';
import type { User } from '../users/user';

export interface CohortRow {
  id: string;
  name: string;
  join_code: string;
  owner_id: string;
}

/**
 * The cohort if this user may manage it: an admin any, an instructor their own. 404 for an unknown
 * (or malformed) id, 403 for another instructor's cohort or any other role.
 */
export async function manageableCohort(q: Queryable, user: User, cohortId: string): Promise<CohortRow> {
  if (user.role === 'trainee') throw new HttpError(403, 'wrong-role', 'Only instructors and admins manage cohorts.');
  const rows = /^[0-9a-f-]{36}$/i.test(cohortId)
    ? await q.query<CohortRow>('SELECT id, name, join_code, owner_id FROM cohorts WHERE id = $1', [cohortId])
    : [];
  const cohort = rows[0];
  if (!cohort) throw new HttpError(404, 'unknown-cohort', `There is no cohort with the id "${cohortId.slice(0, 64)}".`);
  if (user.role === 'instructor' && cohort.owner_id !== user.id)
    throw new HttpError(403, 'not-your-cohort', 'This cohort belongs to another instructor.');
  return cohort;
}
