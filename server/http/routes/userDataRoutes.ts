import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db';
import type { LabKey } from '../../attempts/labKey';
import { checkMayDelete, checkMayExport, findUser } from '../../users/userAccess';
import { deleteUser, exportUser } from '../../users/userData';
import { requireRole, requireUser } from '../requestAuth';

/**
 * A user's own data on request: GET /api/users/:id/export (the user, their cohort's instructor, an
 * admin) and DELETE /api/users/:id (an admin; an instructor for a trainee only in their cohorts).
 */
export function userDataRoutes(app: FastifyInstance, deps: { readonly db: Db; readonly labKey: LabKey }): void {
  const { db } = deps;

  app.get<{ Params: { id: string } }>('/api/users/:id/export', async (req, reply) => {
    const actor = requireUser(req);
    const target = await findUser(db, req.params.id);
    await checkMayExport(db, actor, target);
    reply.header('Content-Disposition', `attachment; filename="kyphosim-user-${target.id}.json"`);
    return exportUser(db, deps.labKey, target);
  });

  app.delete<{ Params: { id: string } }>('/api/users/:id', async (req, reply) => {
    const actor = requireRole(req, 'admin', 'instructor');
    await db.transaction(async (tx) => {
      const target = await findUser(tx, req.params.id, true);
      await checkMayDelete(tx, actor, target);
      await deleteUser(tx, target);
    });
    return reply.status(204).send();
  });
}
