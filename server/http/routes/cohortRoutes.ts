import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db';
import { manageableCohort } from '../../cohorts/cohortAccess';
import { newJoinCode } from '../../cohorts/joinCode';
import { displayNameSchema, USER_COLUMNS, type UserRow, userFromRow } from '../../users/user';
import { parseBody } from '../parseBody';
import { requireRole } from '../requestAuth';

const newCohortBody = z.strictObject({ name: displayNameSchema });

/** GET /api/cohorts, POST /api/cohorts, GET /api/cohorts/:id: instructors their own, admins all. */
export function cohortRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/cohorts', async (req) => {
    const user = requireRole(req, 'instructor', 'admin');
    const rows = await db.query<{ id: string; name: string; join_code: string; members: number }>(
      `SELECT c.id, c.name, c.join_code, (SELECT count(*)::int FROM cohort_members m WHERE m.cohort_id = c.id) AS members
       FROM cohorts c WHERE $1::uuid IS NULL OR c.owner_id = $1 ORDER BY c.created_at, c.name`,
      [user.role === 'admin' ? null : user.id],
    );
    return { cohorts: rows.map((r) => ({ id: r.id, name: r.name, joinCode: r.join_code, memberCount: r.members })) };
  });

  app.post('/api/cohorts', async (req, reply) => {
    const user = requireRole(req, 'instructor', 'admin');
    const { name } = parseBody(newCohortBody, req.body);
    const id = randomUUID();
    const joinCode = newJoinCode();
    await db.query('INSERT INTO cohorts (id, name, join_code, owner_id) VALUES ($1, $2, $3, $4)', [
      id,
      name,
      joinCode,
      user.id,
    ]);
    return reply.status(201).send({ id, name, joinCode });
  });

  app.get<{ Params: { id: string } }>('/api/cohorts/:id', async (req) => {
    const user = requireRole(req, 'instructor', 'admin');
    const cohort = await manageableCohort(db, user, req.params.id);
    const cols = USER_COLUMNS.split(', ')
      .map((c) => `u.${c}`)
      .join(', ');
    const members = await db.query<UserRow>(
      `SELECT ${cols} FROM cohort_members m JOIN users u ON u.id = m.user_id WHERE m.cohort_id = $1 ORDER BY u.display_name, u.username`,
      [cohort.id],
    );
    return { id: cohort.id, name: cohort.name, joinCode: cohort.join_code, members: members.map(userFromRow) };
  });
}
