import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db';
import { clearFailures, isThrottled, recordFailure, signInKeys } from '../../auth/loginThrottle';
import { decoyHash, verifyPassword } from '../../auth/password';
import { createSession, deleteSession, SESSION_COOKIE } from '../../auth/sessions';
import { USER_COLUMNS, type UserRow, userFromRow } from '../../users/user';
import { HttpError } from '../httpError';
import { parseBody } from '../parseBody';
import { requireUser } from '../requestAuth';
import { clearSessionCookie, setSessionCookie } from '../sessionCookie';

/** Sign-in takes any text: the rules of usernames and passwords are for creating them. */
const signInBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** POST /api/session (sign in), GET /api/session (who am I), DELETE /api/session (sign out). */
export function sessionRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/session', async (req, reply) => {
    const { username, password } = parseBody(signInBody, req.body);
    const keys = signInKeys(username, req.ip);
    if (await isThrottled(db, keys))
      throw new HttpError(429, 'too-many-attempts', 'Too many failed sign-ins: wait 15 minutes, or ask an instructor.');
    const rows = await db.query<UserRow & { password_hash: string }>(
      `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE username = $1`,
      [username],
    );
    const row = rows[0];
    const ok = await verifyPassword(password, row ? row.password_hash : await decoyHash());
    if (!row || !ok) {
      await recordFailure(db, keys);
      throw new HttpError(401, 'wrong-credentials', 'The username or the password is wrong.');
    }
    await clearFailures(db, username);
    const session = await createSession(db, userFromRow(row));
    setSessionCookie(req, reply, session.token);
    return { user: session.user, csrfToken: session.csrfToken };
  });

  app.get('/api/session', async (req) => {
    const user = requireUser(req);
    return { user, csrfToken: req.signedIn?.csrfToken };
  });

  app.delete('/api/session', async (req, reply) => {
    requireUser(req);
    await deleteSession(db, req.cookies[SESSION_COOKIE] ?? '');
    clearSessionCookie(reply);
    return reply.status(204).send();
  });
}
