import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db';
import { isThrottled, joinKeys, recordFailure } from '../../auth/loginThrottle';
import { createSession } from '../../auth/sessions';
import { normalizeJoinCode } from '../../cohorts/joinCode';
import { createUser } from '../../users/createUser';
import { displayNameSchema, passwordSchema, usernameSchema } from '../../users/user';
import { HttpError } from '../httpError';
import { parseBody } from '../parseBody';
import { setSessionCookie } from '../sessionCookie';

const joinBody = z.strictObject({
  code: z.string().max(40),
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
});

/** POST /api/join: a trainee makes their own account in the cohort whose code the instructor gave out, and is signed in. */
export function joinRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/join', async (req, reply) => {
    const body = parseBody(joinBody, req.body);
    const keys = joinKeys(req.ip);
    if (await isThrottled(db, keys))
      throw new HttpError(429, 'too-many-attempts', 'Too many wrong join codes from this computer: wait 15 minutes.');
    const cohorts = await db.query<{ id: string }>('SELECT id FROM cohorts WHERE join_code = $1', [
      normalizeJoinCode(body.code),
    ]);
    const cohort = cohorts[0];
    if (!cohort) {
      await recordFailure(db, keys);
      throw new HttpError(404, 'unknown-join-code', 'No cohort has this join code: check it with your instructor.');
    }
    const session = await db.transaction(async (tx) => {
      const user = await createUser(tx, { ...body, role: 'trainee', cohortId: cohort.id });
      return createSession(tx, user);
    });
    setSessionCookie(req, reply, session.token);
    return reply.status(201).send({ user: session.user, csrfToken: session.csrfToken });
  });
}
