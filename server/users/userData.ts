import type { AttemptFile } from '../../sim/attempt/index';
import type { Queryable } from '../db/db';
import { ATTEMPT_COLUMNS, type AttemptRow, attemptSummary } from '../attempts/attemptRow';
import { signAttempt } from '../attempts/attemptSignature';
import type { LabKey } from '../attempts/labKey';
import { HttpError } from '../http/httpError';
import { type Rating, ratingsOf } from '../ratings/attemptRatings';
import type { User } from './user';

/** A user's data as GET /api/users/:id/export gives it: everything the lab holds of them but secrets. */
export interface UserExport {
  readonly exportedAt: string;
  readonly user: User & { readonly createdAt: string };
  /** Cohorts they are in (member) or run (owner). */
  readonly cohorts: { readonly id: string; readonly name: string; readonly relation: 'member' | 'owner' }[];
  /** Their attempts: the summary, the signed file (as /file serves it), the server's report. */
  readonly attempts: (ReturnType<typeof attemptSummary> & { attempt: AttemptFile; report: unknown })[];
  /** Ratings of their attempts, and those they gave as a rater. */
  readonly ratings: (Rating & { readonly attemptId: string })[];
}

/** The export of one user (the caller checked who may ask). Passwords and session tokens are never in it. */
export async function exportUser(q: Queryable, labKey: LabKey, user: User): Promise<UserExport> {
  const [created] = await q.query<{ created_at: Date }>('SELECT created_at FROM users WHERE id = $1', [user.id]);
  const cohorts = await q.query<{ id: string; name: string; relation: 'member' | 'owner' }>(
    `SELECT c.id, c.name, 'member' AS relation FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE m.user_id = $1
     UNION ALL SELECT c.id, c.name, 'owner' AS relation FROM cohorts c WHERE c.owner_id = $1
     ORDER BY relation, name, id`,
    [user.id],
  );
  const attempts = await q.query<AttemptRow & { file_json: string; report: unknown }>(
    `SELECT ${ATTEMPT_COLUMNS}, a.file_json, a.report FROM attempts a JOIN users u ON u.id = a.trainee_id
     WHERE a.trainee_id = $1 ORDER BY a.created_at, a.id`,
    [user.id],
  );
  const given = await q.query<{ attempt_id: string }>('SELECT attempt_id FROM ratings WHERE rater_id = $1', [user.id]);
  const ratedIds = [...new Set([...attempts.map((a) => a.id), ...given.map((g) => g.attempt_id)])];
  const ratings = [...(await ratingsOf(q, ratedIds)).entries()].flatMap(([attemptId, list]) =>
    list
      .filter((r) => r.rater.id === user.id || attempts.some((a) => a.id === attemptId))
      .map((r) => ({ attemptId, ...r })),
  );
  return {
    exportedAt: new Date().toISOString(),
    user: { ...user, createdAt: new Date(created.created_at).toISOString() },
    cohorts,
    attempts: attempts.map((row) => ({
      ...attemptSummary(row),
      attempt: signAttempt(labKey, JSON.parse(row.file_json) as AttemptFile),
      report: row.report ?? null,
    })),
    ratings,
  };
}

/** PostgreSQL's foreign_key_violation: a row elsewhere still points at the user. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Remove the user and everything of theirs, inside the caller's transaction: their attempts with
 * what hangs on them (scoring jobs, ratings of them, xAPI statements not yet sent or sent, and
 * other tables' rows through ON DELETE CASCADE), the ratings they gave, their sessions, cohort
 * memberships and sign-in counters, then the user. A user something else still needs (an
 * instructor who owns cohorts) is refused with 409 and nothing is removed.
 */
export async function deleteUser(q: Queryable, user: User): Promise<void> {
  const owned = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM cohorts WHERE owner_id = $1', [user.id]);
  if (owned[0].n > 0)
    throw new HttpError(
      409,
      'owns-cohorts',
      `${user.displayName} owns ${owned[0].n} cohort(s): their trainees' records hang on them, so this account is kept.`,
    );
  const theirs = 'SELECT id FROM attempts WHERE trainee_id = $1';
  await q.query(`DELETE FROM xapi_outbox WHERE attempt_id IN (${theirs})`, [user.id]);
  await q.query(`DELETE FROM ratings WHERE attempt_id IN (${theirs}) OR rater_id = $1`, [user.id]);
  await q.query(`DELETE FROM scoring_jobs WHERE attempt_id IN (${theirs})`, [user.id]);
  await q.query('DELETE FROM attempts WHERE trainee_id = $1', [user.id]);
  await q.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
  await q.query('DELETE FROM cohort_members WHERE user_id = $1', [user.id]);
  await q.query('DELETE FROM rate_limits WHERE key = $1', [`user:${user.username}`]);
  try {
    await q.query('DELETE FROM users WHERE id = $1', [user.id]);
  } catch (e) {
    if ((e as { code?: unknown }).code === FOREIGN_KEY_VIOLATION)
      throw new HttpError(
        409,
        'user-still-referenced',
        `${user.displayName} is still referred to by other records (${(e as Error).message}); nothing was deleted.`,
      );
    throw e;
  }
}
