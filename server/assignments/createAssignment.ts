import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Scenario, scenarioVersion } from '../../levels/scenarioSchema';
import { scenarioHash } from '../../sim/attempt/index';
import { findPublishedScenario } from '../labScenarios/scenarioCatalogue';
import { manageableCohort } from '../cohorts/cohortAccess';
import type { Db, Queryable } from '../db/db';
import { HttpError } from '../http/httpError';
import { parseBody } from '../http/parseBody';
import type { User } from '../users/user';
import { drawSeed, MAX_SEED } from './drawSeed';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const newAssignmentBody = z
  .strictObject({
    title: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\p{Cc}\p{Cs}<>]*$/u, 'plain text: no control characters, no < or >'),
    /**
     * Each a shipped scenario's id, or a scenario stored on this lab: its id (the newest published
     * version) or `{ id, version }` (that published version).
     */
    scenarioIds: z
      .array(
        z.union([
          z.string().max(100),
          z.strictObject({ id: z.string().max(100), version: z.number().int().min(1).max(1_000_000) }),
        ]),
      )
      .min(1)
      .max(12),
    mode: z.enum(['practice', 'exam']),
    dueAt: z.iso.datetime({ offset: true }).nullable(),
    attemptsAllowed: z.number().int().min(1).max(50).nullable(),
    passMark: z.number().min(0).max(100).nullable(),
    seedPolicy: z.enum(['fixed', 'fresh']),
    seed: z.number().int().min(0).max(MAX_SEED).optional(),
    target: z.union([
      z.strictObject({ cohortId: z.string().regex(UUID, 'a cohort id (UUID)') }),
      z.strictObject({ traineeId: z.string().regex(UUID, 'a user id (UUID)') }),
    ]),
    releaseScores: z.enum(['immediately', 'manually']).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.mode === 'exam' && b.attemptsAllowed === null)
      ctx.addIssue({ code: 'custom', path: ['attemptsAllowed'], message: 'an exam needs a number of attempts' });
    if (b.seedPolicy === 'fresh' && b.seed !== undefined)
      ctx.addIssue({ code: 'custom', path: ['seed'], message: 'a "fresh" policy draws a new seed per attempt' });
    if (b.mode === 'exam' && b.releaseScores === 'immediately')
      ctx.addIssue({
        code: 'custom',
        path: ['releaseScores'],
        message: "an exam's scores are released by its instructor (manually)",
      });
    if (new Set(b.scenarioIds.map(scenarioIdOf)).size !== b.scenarioIds.length)
      ctx.addIssue({ code: 'custom', path: ['scenarioIds'], message: 'a scenario is listed twice' });
  });

/** The id an assignment's scenario entry names. */
const scenarioIdOf = (entry: string | { id: string }): string => (typeof entry === 'string' ? entry : entry.id);

/** The trainee an assignment may target: 404 unknown or not a trainee, 403 not in the instructor's cohorts. */
async function targetTrainee(q: Queryable, user: User, traineeId: string): Promise<string> {
  const rows = await q.query<{ role: string; taught: boolean }>(
    `SELECT u.role, EXISTS (SELECT 1 FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
       WHERE m.user_id = u.id AND c.owner_id = $2) AS taught
     FROM users u WHERE u.id = $1`,
    [traineeId, user.id],
  );
  const row = rows[0];
  if (row?.role !== 'trainee')
    throw new HttpError(404, 'unknown-trainee', `There is no trainee with the id "${traineeId}".`);
  if (user.role === 'instructor' && !row.taught)
    throw new HttpError(403, 'not-your-trainee', 'This trainee is in none of your cohorts.');
  return traineeId.toLowerCase();
}

/**
 * POST /api/assignments: check the body, the target (an instructor's own cohort or one of their
 * trainees) and that every scenario is published (shipped, or stored and published on this lab), then store the assignment with each scenario's
 * published version and content hash, the hash every upload of it must carry. Returns the new id.
 */
export async function createAssignment(
  db: Db,
  user: User,
  rawBody: unknown,
  published: readonly Scenario[],
): Promise<string> {
  const body = parseBody(newAssignmentBody, rawBody);
  const scenarios: Scenario[] = [];
  for (const entry of body.scenarioIds) {
    const id = scenarioIdOf(entry);
    const version = typeof entry === 'string' ? undefined : entry.version;
    const found = await findPublishedScenario(db, published, id, version);
    if (!found)
      throw new HttpError(
        400,
        'unknown-scenario',
        `The scenario "${id.slice(0, 100)}"${version === undefined ? '' : ` v${version}`} is not one this lab publishes (levels/*.json, or published on this lab).`,
      );
    scenarios.push(found.scenario);
  }
  const id = randomUUID();
  const released = (body.releaseScores ?? (body.mode === 'practice' ? 'immediately' : 'manually')) === 'immediately';
  const seed = body.seedPolicy === 'fixed' ? (body.seed ?? drawSeed()) : null;
  await db.transaction(async (tx) => {
    const cohortId = 'cohortId' in body.target ? (await manageableCohort(tx, user, body.target.cohortId)).id : null;
    const traineeId = 'traineeId' in body.target ? await targetTrainee(tx, user, body.target.traineeId) : null;
    await tx.query(
      `INSERT INTO assignments (id, title, mode, due_at, attempts_allowed, pass_mark, seed_policy, seed, cohort_id,
         trainee_id, released, released_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $11::boolean THEN now() END, $12)`,
      [
        id,
        body.title,
        body.mode,
        body.dueAt,
        body.attemptsAllowed,
        body.passMark,
        body.seedPolicy,
        seed,
        cohortId,
        traineeId,
        released,
        user.id,
      ],
    );
    for (const [position, s] of scenarios.entries())
      await tx.query(
        `INSERT INTO assignment_scenarios (assignment_id, position, scenario_id, scenario_version, scenario_hash, title)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, position, s.id, scenarioVersion(s), scenarioHash(s), s.title],
      );
  });
  return id;
}
