import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db';
import { manageableCohort } from '../../cohorts/cohortAccess';
import { createUser } from '../../users/createUser';
import { displayNameSchema, passwordSchema, ROLES, usernameSchema } from '../../users/user';
import { HttpError } from '../httpError';
import { parseBody } from '../parseBody';
import { requireRole } from '../requestAuth';

const newUserBody = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  role: z.enum(ROLES),
  cohortId: z.string().max(64).optional(),
});

/** POST /api/users: an admin creates anyone; an instructor creates trainees in their own cohorts. */
export function userRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/users', async (req, reply) => {
    const actor = requireRole(req, 'admin', 'instructor');
    const body = parseBody(newUserBody, req.body);
    if (actor.role === 'instructor') {
      if (body.role !== 'trainee')
        throw new HttpError(403, 'wrong-role', 'An instructor creates trainees only; ask an admin for other roles.');
      if (!body.cohortId)
        throw new HttpError(400, 'bad-request', 'cohortId: an instructor puts a trainee in one of their cohorts.');
    }
    if (body.cohortId && body.role !== 'trainee')
      throw new HttpError(400, 'bad-request', 'cohortId: only trainees belong to cohorts.');
    if (body.cohortId) await manageableCohort(db, actor, body.cohortId);
    const user = await db.transaction((tx) => createUser(tx, body));
    return reply.status(201).send({ user });
  });
}
