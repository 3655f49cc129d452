import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db';
import { hashPassword } from '../auth/password';
import { HttpError } from '../http/httpError';
import type { Role, User } from './user';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: Role;
  /** The cohort a trainee joins, if any. */
  readonly cohortId?: string;
}

/** Insert a user (and its cohort membership); 409 when the username is taken. */
export async function createUser(q: Queryable, u: NewUser): Promise<User> {
  const taken = await q.query('SELECT 1 FROM users WHERE username = $1', [u.username]);
  if (taken.length > 0) throw new HttpError(409, 'username-taken', `The username "${u.username}" is already taken.`);
  const id = randomUUID();
  const hash = await hashPassword(u.password);
  await q.query('INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)', [
    id,
    u.username,
    u.displayName,
    u.role,
    hash,
  ]);
  if (u.cohortId) await q.query('INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2)', [u.cohortId, id]);
  return { id, username: u.username, displayName: u.displayName, role: u.role };
}
