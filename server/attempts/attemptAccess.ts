import type { Queryable } from '../db/db';
import { HttpError } from '../http/httpError';
import type { User } from '../users/user';
import { ATTEMPT_COLUMNS, type AttemptRow } from './attemptRow';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An attempt id from a URL: a UUID, or a 400. */
export function attemptIdParam(id: string): string {
  if (!UUID.test(id)) throw new HttpError(400, 'bad-attempt-id', 'The attempt id must be a UUID made by the app.');
  return id.toLowerCase();
}

/**
 * Which attempts a user sees, as a SQL condition on `a` with the user's id as $1: a trainee their
 * own, an instructor those of the trainees in their cohorts, an admin all.
 */
export function visibleAttempts(user: User): string {
  if (user.role === 'admin') return '($1::uuid IS NOT NULL)';
  if (user.role === 'trainee') return 'a.trainee_id = $1';
  return `a.trainee_id IN (SELECT m.user_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE c.owner_id = $1)`;
}

/** One attempt the user may read, with its file; 404 unknown, 403 someone else's. */
export async function readableAttempt(
  q: Queryable,
  user: User,
  id: string,
): Promise<AttemptRow & { file_json: string; report: unknown }> {
  const rows = await q.query<AttemptRow & { file_json: string; report: unknown; visible: boolean }>(
    `SELECT ${ATTEMPT_COLUMNS}, a.file_json, a.report, (${visibleAttempts(user)}) AS visible
     FROM attempts a JOIN users u ON u.id = a.trainee_id WHERE a.id = $2`,
    [user.id, attemptIdParam(id)],
  );
  const row = rows[0];
  if (!row) throw new HttpError(404, 'unknown-attempt', `There is no attempt with the id "${id}".`);
  if (!row.visible) throw new HttpError(403, 'not-your-attempt', 'This attempt belongs to a trainee you do not teach.');
  return row;
}
