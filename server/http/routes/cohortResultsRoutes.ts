import type { FastifyInstance, FastifyReply } from 'fastify';
import type { LabKey } from '../../attempts/labKey';
import { manageableCohort } from '../../cohorts/cohortAccess';
import type { Db } from '../../db/db';
import { loadAttemptResults, researchCsv, resultsCsv } from '../../results/attemptResults';
import { COHORT_ASSIGNMENTS, cohortResults } from '../../results/cohortResults';
import { requireRole } from '../requestAuth';

/**
 * The attempts of a cohort's exports: its trainees' free practice, and their attempts of the
 * assignments set for the cohort or for them ($1: the cohort).
 */
const COHORT_ATTEMPTS = `u.id IN (SELECT m.user_id FROM cohort_members m WHERE m.cohort_id = $1)
  AND (r.assignment_id IS NULL OR ${COHORT_ASSIGNMENTS})`;

function sendCsv(reply: FastifyReply, name: string, text: string) {
  reply.header('Content-Type', 'text/csv; charset=utf-8');
  reply.header('Content-Disposition', `attachment; filename="${name}"`);
  return reply.send(text);
}

/** GET /api/cohorts/:id/results (the dashboard), results.csv and research.csv: the cohort's owner and admins. */
export function cohortResultsRoutes(app: FastifyInstance, deps: { readonly db: Db; readonly labKey: LabKey }): void {
  const { db } = deps;

  app.get<{ Params: { id: string } }>('/api/cohorts/:id/results', async (req) =>
    cohortResults(db, requireRole(req, 'instructor', 'admin'), req.params.id),
  );

  app.get<{ Params: { id: string } }>('/api/cohorts/:id/results.csv', async (req, reply) => {
    const cohort = await manageableCohort(db, requireRole(req, 'instructor', 'admin'), req.params.id);
    const rows = await loadAttemptResults(db, COHORT_ATTEMPTS, [cohort.id]);
    return sendCsv(reply, `results-${cohort.id}.csv`, resultsCsv(rows));
  });

  app.get<{ Params: { id: string } }>('/api/cohorts/:id/research.csv', async (req, reply) => {
    const cohort = await manageableCohort(db, requireRole(req, 'instructor', 'admin'), req.params.id);
    const rows = await loadAttemptResults(db, COHORT_ATTEMPTS, [cohort.id]);
    return sendCsv(reply, `research-${cohort.id}.csv`, researchCsv(deps.labKey, rows));
  });
}
