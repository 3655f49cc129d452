import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Scenario, scenarioVersion } from '../../levels/scenarioSchema';
import { scenarioHash } from '../../sim/attempt/index';
import { findPublishedScenario } from '../labScenarios/scenarioCatalogue';
import { MAX_STATION_LENGTH, PLAIN_TEXT_PATTERN } from '../../sim/core/index';
import type { Db } from '../db/db';
import { HttpError } from '../http/httpError';
import { parseBody } from '../http/parseBody';
import type { User } from '../users/user';
import { visibleAssignmentId } from './assignmentAccess';
import { EXAM_STILL_OPEN, NO_ATTEMPTS_LEFT, PAST_DUE, refusalToStart } from './assignmentProgress';
import { drawSeed } from './drawSeed';
import { loadAssignment } from './loadAssignments';
import { grantKey, loadGrants, loadReservations } from './reservation';

const startBody = z.strictObject({
  scenarioId: z.string().max(100),
  station: z
    .string()
    .trim()
    .max(MAX_STATION_LENGTH)
    .regex(PLAIN_TEXT_PATTERN, 'plain text: no control characters, no < or >'),
});

/** The error code of each refusal, for the app to tell them apart. */
const REFUSAL_CODES: Record<string, string> = {
  [NO_ATTEMPTS_LEFT]: 'no-attempts-left',
  [EXAM_STILL_OPEN]: 'exam-attempt-open',
  [PAST_DUE]: 'past-due',
};

/** What the app needs to run a reserved attempt (api17.md). */
export interface StartedAttempt {
  readonly attemptId: string;
  readonly assignmentId: string;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly scenarioHash: string;
  readonly mode: 'practice' | 'exam';
  readonly seed: number;
  /** The pass mark that applies: the assignment's, or the scenario's own pass score. */
  readonly passMark: number;
  /** A scenario stored on this lab (not one the app ships): the app has no copy, so the answer carries it. */
  readonly scenario?: Scenario;
}

/**
 * POST /api/assignments/:id/start: reserve an attempt id for a targeted trainee. The reservation
 * counts against the attempts allowed at once, abandoned or never uploaded. The assignment's row is
 * locked for the transaction, so two stations starting at once count one after the other.
 */
export async function startAssignmentAttempt(
  db: Db,
  user: User,
  rawId: string,
  rawBody: unknown,
  published: readonly Scenario[],
  now = new Date(),
): Promise<StartedAttempt> {
  const body = parseBody(startBody, rawBody);
  return db.transaction(async (tx) => {
    const id = await visibleAssignmentId(tx, user, rawId, { forUpdate: true });
    const assignment = await loadAssignment(tx, id);
    const assigned = assignment.scenarios.find((s) => s.scenarioId === body.scenarioId);
    if (!assigned)
      throw new HttpError(
        400,
        'not-in-assignment',
        `The scenario "${body.scenarioId}" is not one of this assignment's scenarios.`,
      );
    const found = await findPublishedScenario(tx, published, assigned.scenarioId, assigned.version);
    const scenario = found?.scenario;
    if (!scenario || scenarioVersion(scenario) !== assigned.version || scenarioHash(scenario) !== assigned.hash)
      throw new HttpError(
        409,
        'scenario-changed',
        `The scenario ${assigned.scenarioId} v${assigned.version} of this assignment is no longer the one this lab publishes: ask your instructor for a new assignment.`,
      );
    const mine = await loadReservations(tx, 'r.assignment_id = $1 AND r.trainee_id = $2', [id, user.id]);
    const grants = await loadGrants(tx, 'x.assignment_id = $1 AND x.trainee_id = $2', [id, user.id]);
    const refusal = refusalToStart(assignment, mine, grants.get(grantKey(id, user.id)) ?? 0, now);
    if (refusal)
      throw new HttpError(
        409,
        REFUSAL_CODES[refusal] ?? 'cannot-start',
        `${refusal[0].toUpperCase()}${refusal.slice(1)}.`,
      );
    const attemptId = randomUUID();
    const seed = assignment.seedPolicy === 'fixed' && assignment.seed !== null ? assignment.seed : drawSeed();
    await tx.query(
      `INSERT INTO assignment_attempts (attempt_id, assignment_id, trainee_id, scenario_id, seed, station)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [attemptId, id, user.id, assigned.scenarioId, seed, body.station === '' ? null : body.station],
    );
    return {
      attemptId,
      assignmentId: id,
      scenarioId: assigned.scenarioId,
      scenarioVersion: assigned.version,
      scenarioHash: assigned.hash,
      mode: assignment.mode,
      seed,
      passMark: assignment.passMark ?? scenario.scoring.passScore,
      ...(found.source === 'lab' ? { scenario } : {}),
    };
  });
}
