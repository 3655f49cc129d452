import type { Queryable } from '../db/db';
import { HttpError } from '../http/httpError';
import { USER_COLUMNS, type User, type UserRow, userFromRow } from './user';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user id from a URL: a UUID, or a 400. */
export function userIdParam(id: string): string {
  if (!UUID.test(id)) throw new HttpError(400, 'bad-user-id', 'The user id must be a UUID.');
  return id.toLowerCase();
}

/** The user of that id (row-locked when `forUpdate`), or a 404. */
export async function findUser(q: Queryable, id: string, forUpdate = false): Promise<User> {
  const rows = await q.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [userIdParam(id)],
  );
  if (!rows[0]) throw new HttpError(404, 'unknown-user', `There is no user with the id "${id.slice(0, 64)}".`);
  return userFromRow(rows[0]);
}

/** How many of the target's cohorts the instructor owns, and how many they are in all told. */
async function cohortsOf(q: Queryable, instructorId: string, targetId: string) {
  const rows = await q.query<{ owned: number; all: number }>(
    `SELECT count(*) FILTER (WHERE c.owner_id = $1)::int AS owned, count(*)::int AS "all"
     FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE m.user_id = $2`,
    [instructorId, targetId],
  );
  return rows[0];
}

/**
 * Whether the actor may read the target's data (GET /api/users/:id/export): the user themself,
 * an instructor of one of the target's cohorts, an admin; else 403.
 */
export async function checkMayExport(q: Queryable, actor: User, target: User): Promise<void> {
  if (actor.role === 'admin' || actor.id === target.id) return;
  if (actor.role === 'instructor' && (await cohortsOf(q, actor.id, target.id)).owned > 0) return;
  throw new HttpError(
    403,
    'not-your-trainee',
    "Only the user themself, their cohort's instructor or an admin may export their data.",
  );
}

/**
 * Whether the actor may delete the target (DELETE /api/users/:id): an admin anyone; an instructor
 * a trainee whose cohorts are all the instructor's own (a trainee also in another instructor's
 * cohort is for an admin to delete); no one else. The last admin is never deleted (409).
 */
export async function checkMayDelete(q: Queryable, actor: User, target: User): Promise<void> {
  if (actor.role === 'instructor') {
    const cohorts = target.role === 'trainee' ? await cohortsOf(q, actor.id, target.id) : null;
    if (!cohorts || cohorts.owned === 0 || cohorts.owned !== cohorts.all)
      throw new HttpError(
        403,
        'not-your-trainee',
        'An instructor deletes only trainees whose cohorts are all their own; ask an admin for anyone else.',
      );
    return;
  }
  if (actor.role !== 'admin') throw new HttpError(403, 'wrong-role', 'Only admins and instructors delete users.');
  if (target.role === 'admin') {
    // Every admin row locked: two admins deleting each other at once cannot leave none.
    const admins = await q.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE`);
    if (admins.length <= 1)
      throw new HttpError(409, 'last-admin', 'This is the last admin: make another admin before deleting this one.');
  }
}
