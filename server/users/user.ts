import { z } from 'zod';

export const ROLES = ['admin', 'instructor', 'trainee'] as const;
export type Role = (typeof ROLES)[number];

/** A user as the API shows it (api.md): never the password hash. */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

/** A users row as SELECTed by USER_COLUMNS. */
export type UserRow = { id: string; username: string; display_name: string; role: Role };

/** The columns every user query selects, for userFromRow. */
export const USER_COLUMNS = 'id, username, display_name, role';

export function userFromRow(r: UserRow): User {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role };
}

/** Usernames: 3-40 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit (stored lower-case). */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '3 to 40 letters, digits, dots, dashes or underscores');

/** A display name: one line of plain text, 1-120 characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[^\p{Cc}\p{Cs}<>]*$/u, 'plain text: no control characters, no < or >');

/** Passwords: 10-200 characters (a passphrase fits; the upper bound keeps a hash request cheap). */
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);
