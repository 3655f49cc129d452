import type { FastifyInstance } from 'fastify';
import type { Scenario } from '../../../levels/scenarioSchema';
import type { LabKey } from '../../attempts/labKey';
import { visibleAssignmentId } from '../../assignments/assignmentAccess';
import { createAssignment } from '../../assignments/createAssignment';
import { grantRestart } from '../../assignments/grantRestart';
import { loadAssignment, visibleAssignmentList } from '../../assignments/loadAssignments';
import { releaseScores } from '../../assignments/releaseScores';
import { startAssignmentAttempt } from '../../assignments/startAssignmentAttempt';
import { withTraineeStanding } from '../../assignments/traineeAssignments';
import type { Db } from '../../db/db';
import { assignmentArchive } from '../../results/assignmentArchive';
import { requireRole, requireUser } from '../requestAuth';

export interface AssignmentRouteDeps {
  readonly db: Db;
  readonly published: readonly Scenario[];
  readonly labKey: LabKey;
  /** Called after a restart queued an abandoned attempt for scoring. */
  readonly onQueued: () => void;
}

/** The assignment routes of api17.md: create, list, read, start, restarts, release and the archive. */
export function assignmentRoutes(app: FastifyInstance, deps: AssignmentRouteDeps): void {
  const { db } = deps;

  app.post('/api/assignments', async (req, reply) => {
    const user = requireRole(req, 'instructor', 'admin');
    const id = await createAssignment(db, user, req.body, deps.published);
    return reply.status(201).send(await loadAssignment(db, id));
  });

  app.get('/api/assignments', async (req) => {
    const user = requireUser(req);
    const assignments = await visibleAssignmentList(db, user);
    if (user.role !== 'trainee') return { assignments };
    return { assignments: await withTraineeStanding(db, user, assignments) };
  });

  app.get<{ Params: { id: string } }>('/api/assignments/:id', async (req) => {
    const user = requireUser(req);
    const assignment = await loadAssignment(db, await visibleAssignmentId(db, user, req.params.id));
    if (user.role !== 'trainee') return assignment;
    return (await withTraineeStanding(db, user, [assignment]))[0];
  });

  app.post<{ Params: { id: string } }>('/api/assignments/:id/start', async (req, reply) => {
    const user = requireRole(req, 'trainee');
    return reply.status(201).send(await startAssignmentAttempt(db, user, req.params.id, req.body, deps.published));
  });

  app.post<{ Params: { id: string } }>('/api/assignments/:id/restarts', async (req) => {
    const user = requireRole(req, 'instructor', 'admin');
    const { queued, ...result } = await grantRestart(db, user, req.params.id, req.body);
    if (queued) deps.onQueued();
    return result;
  });

  app.post<{ Params: { id: string } }>('/api/assignments/:id/release', async (req) => {
    const user = requireRole(req, 'instructor', 'admin');
    return releaseScores(db, user, req.params.id);
  });

  app.get<{ Params: { id: string } }>('/api/assignments/:id/archive', async (req, reply) => {
    const user = requireRole(req, 'instructor', 'admin');
    const id = await visibleAssignmentId(db, user, req.params.id);
    const zip = await assignmentArchive(db, deps.labKey, id);
    reply.header('Content-Type', 'application/zip');
    reply.header('Content-Disposition', `attachment; filename="assignment-${id}.zip"`);
    return reply.send(Buffer.from(zip));
  });
}
