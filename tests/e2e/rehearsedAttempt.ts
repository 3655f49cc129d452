import { readFileSync } from 'node:fs';
import type { Scenario } from '../../levels/scenarioSchema';
import { scenarioHash } from '../../sim/attempt/scenarioHash';
import { type Plan, playPlan } from '../../sim/plan';
import type { Session } from '../../sim/session';

/** The sim version attempts are written with, read from sim/core/version.ts (which Playwright cannot import). */
const SIM_VERSION = /SIM_VERSION = '([^']+)'/.exec(readFileSync('sim/core/version.ts', 'utf8'))?.[1] ?? '';

/**
 * A plan played in Node (a rehearsal), and the attempt file the app would write for it, to seed
 * the record database with an attempt to resume or to open in the debrief (seedRecord.ts). The file
 * is built here as sim/attempt/attemptFile.ts toAttemptFile builds it, which Playwright cannot
 * import (its version reaches package.json).
 */
export function rehearsedAttempt(scenario: Scenario, seed: number, plan: Plan) {
  const { session, stoppedAt } = playPlan(scenario, seed, plan);
  if (stoppedAt) throw new Error(`the rehearsal stopped: ${stoppedAt.reason}`);
  return { file: attemptFileOf(scenario, seed, session), session, simTimeS: session.snapshot().timeS };
}

function attemptFileOf(scenario: Scenario, seed: number, session: Session) {
  return {
    format: 'kyphosim-attempt',
    version: 2,
    appVersion: 'e2e',
    simVersion: SIM_VERSION,
    trainee: null,
    station: null,
    startedAt: null,
    endedAt: null,
    scenario,
    scenarioHash: scenarioHash(scenario),
    seed,
    mode: session.mode,
    log: session.log.map((e) => ({ tick: e.tick, command: e.command })),
    endTick: session.tick,
  };
}
