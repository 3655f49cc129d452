import type { Queryable } from '../db/db';
import { USER_COLUMNS, type User, type UserRow, userFromRow } from '../users/user';
import { randomToken, tokenHash } from './tokens';

/** The session cookie (api.md). */
export const SESSION_COOKIE = 'kyphosim_session';

/** A session lasts 12 hours: a lab day, after which the station asks for the password again. */
export const SESSION_TTL_S = 12 * 60 * 60;

export interface SignedIn {
  readonly user: User;
  readonly csrfToken: string;
}

/** Start a session: the token goes to the cookie, only its hash to the database. */
export async function createSession(q: Queryable, user: User): Promise<SignedIn & { token: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await q.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [tokenHash(token), user.id, csrfToken, SESSION_TTL_S],
  );
  // Expired sessions of anyone are dropped here, so the table never grows without bound.
  await q.query('DELETE FROM sessions WHERE expires_at < now()');
  return { token, user, csrfToken };
}

/** The user and CSRF token of a live session, or null (unknown, expired or no token). */
export async function findSession(q: Queryable, token: string | undefined): Promise<SignedIn | null> {
  if (!token) return null;
  const cols = USER_COLUMNS.split(', ')
    .map((c) => `u.${c}`)
    .join(', ');
  const rows = await q.query<UserRow & { csrf_token: string }>(
    `SELECT ${cols}, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [tokenHash(token)],
  );
  const r = rows[0];
  return r ? { user: userFromRow(r), csrfToken: r.csrf_token } : null;
}

/** End a session. */
export async function deleteSession(q: Queryable, token: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
}
