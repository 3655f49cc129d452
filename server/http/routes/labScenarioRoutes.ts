import type { FastifyInstance } from 'fastify';
import type { Scenario } from '../../../levels/scenarioSchema';
import type { Db } from '../../db/db';
import { labScenarioParams, readableLabScenario } from '../../labScenarios/labScenarioAccess';
import {
  LAB_SCENARIO_COLUMNS,
  LAB_SCENARIO_FROM,
  labScenarioOf,
  type LabScenarioRow,
  labScenarioSummary,
} from '../../labScenarios/labScenarioRows';
import { publishLabScenario } from '../../labScenarios/publishLabScenario';
import { MAX_LAB_SCENARIO_BYTES, saveLabScenario } from '../../labScenarios/saveLabScenario';
import { requireRole, requireUser } from '../requestAuth';

export interface LabScenarioRouteDeps {
  readonly db: Db;
  readonly published: readonly Scenario[];
}

type VersionParams = { Params: { id: string; version: string } };

/**
 * Scenarios instructors keep on the lab server (server/labScenarios/): list, store a draft, publish,
 * read a version. Drafts are their owner's (and an admin's); published versions every instructor
 * sees, and a trainee those an assignment set for them names.
 */
export function labScenarioRoutes(app: FastifyInstance, deps: LabScenarioRouteDeps): void {
  const { db } = deps;

  app.get('/api/scenarios', async (req) => {
    const user = requireRole(req, 'instructor', 'admin');
    const rows = await db.query<LabScenarioRow>(
      `SELECT ${LAB_SCENARIO_COLUMNS} FROM ${LAB_SCENARIO_FROM}
       WHERE $1::uuid IS NOT NULL AND ($2::boolean OR s.owner_id = $1 OR s.status = 'published')
       ORDER BY s.id, s.version`,
      [user.id, user.role === 'admin'],
    );
    return { scenarios: rows.map(labScenarioSummary) };
  });

  app.put<VersionParams>(
    '/api/scenarios/:id/versions/:version',
    // The scenario's own bound, with room for the body's wrapping.
    { bodyLimit: MAX_LAB_SCENARIO_BYTES + 1024 },
    async (req, reply) => {
      const user = requireRole(req, 'instructor', 'admin');
      const { id, version } = labScenarioParams(req.params.id, req.params.version);
      const { created, summary } = await saveLabScenario(db, user, id, version, req.body, deps.published);
      return reply.status(created ? 201 : 200).send(summary);
    },
  );

  app.post<VersionParams>('/api/scenarios/:id/versions/:version/publish', async (req) => {
    const user = requireRole(req, 'instructor', 'admin');
    const { id, version } = labScenarioParams(req.params.id, req.params.version);
    return publishLabScenario(db, user, id, version);
  });

  app.get<VersionParams>('/api/scenarios/:id/versions/:version', async (req) => {
    const user = requireUser(req);
    const { id, version } = labScenarioParams(req.params.id, req.params.version);
    const row = await readableLabScenario(db, user, id, version);
    return { ...labScenarioSummary(row), scenario: labScenarioOf(row) };
  });
}
