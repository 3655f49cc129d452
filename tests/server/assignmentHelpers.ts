import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../levels/scenarioSchema';
import { type AttemptFile, toAttemptFile } from '../../sim/attempt/index';
import type { TrainingMode } from '../../sim/core/index';
import { createSession } from '../../sim/session/index';
import { CASE_REVIEW, type Client, type Lab, type Reply } from './labTestServer';

export const SCENARIO_ID = 'l1-osteoporotic-wedge';
export const SCENARIO = parseScenario(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'levels', `${SCENARIO_ID}.json`), 'utf8')),
);

/** A real attempt file on l1-osteoporotic-wedge in the given mode and seed: the first `count` case-review commands. */
export function modeFile(count: number, seed: number, mode: TrainingMode): AttemptFile {
  const session = createSession(SCENARIO, seed, { mode });
  for (const c of CASE_REVIEW.slice(0, count)) {
    session.advance(1);
    if (!session.dispatch(c).accepted) throw new Error(`${c.type} refused`);
  }
  session.advance(1);
  return JSON.parse(
    JSON.stringify(toAttemptFile(session, '0.1.0', { startedAt: '2026-12-03T18:00:00.000Z', station: 'station-1' })),
  );
}

/** A valid POST /api/assignments body for cohort A, with these fields changed. */
export function assignmentBody(lab: Lab, o: Record<string, unknown> = {}) {
  return {
    title: 'Week 1: L1 wedge',
    scenarioIds: [SCENARIO_ID],
    mode: 'practice',
    dueAt: null,
    attemptsAllowed: 3,
    passMark: null,
    seedPolicy: 'fixed',
    seed: 42,
    target: { cohortId: lab.cohortId },
    ...o,
  };
}

/** Create an assignment (201 expected) and return it. */
export async function assign(client: Client, body: unknown): Promise<any> {
  const r = await client.request('POST', '/api/assignments', body);
  if (r.status !== 201) throw new Error(`creating an assignment: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** POST /api/assignments/:id/start for the scenario. */
export function start(client: Client, assignmentId: string, scenarioId = SCENARIO_ID): Promise<Reply> {
  return client.request('POST', `/api/assignments/${assignmentId}/start`, { scenarioId, station: 'station-1' });
}

/** Upload the reserved attempt a start answered: its seed and mode, `count` commands. */
export function uploadReserved(client: Client, started: any, status = 'in-progress', count = 4): Promise<Reply> {
  return client.request('PUT', `/api/attempts/${started.attemptId}`, {
    status,
    station: 'station-1',
    attempt: modeFile(count, started.seed, started.mode),
  });
}
