import { describe, expect, it } from 'vitest';
import { loadPlan, loadScenario } from './goldenFixtures';
import type { Scenario } from '../../levels/scenarioSchema';
import type { LogEntry } from '../../sim/core/commands';
import type { Session } from '../../sim/session/sessionTypes';
import { createSession } from '../../sim/session/session';
import { playPlan } from '../../sim/plan/runPlan';
import { replay } from '../../sim/attempt/replay';
import { scoreAttempt } from '../../sim/scoring/score';

/**
 * The world's step shortcuts (sim/session/world.ts, WorldOptions.stepShortcuts) skip work a step
 * cannot use: the breach openings and the balloon's centre while no cement is queued, a cement's
 * full reading between the steps in which it could move, the support's inputs once set cement froze
 * it. Each rests on how another model behaves (a cement moves only what was queued before the step),
 * so if a model changes that, the shortcut must go. These cases play a plan with the shortcuts (as
 * the app, the lab server's replay and the CLI do), replay its log with them off (every step reads
 * everything) and with them on, and want the same state, event for event, number for number.
 */
const CASES = [
  { scenario: 'levels/l1-osteoporotic-wedge.json', plan: 'levels/plans/textbook-kyphoplasty.json', seed: 7 },
  {
    scenario: 'levels/l2-osteoporotic-wedge-bipedicular.json',
    plan: 'levels/plans/textbook-kyphoplasty-bipedicular.json',
    seed: 5,
  },
  {
    scenario: 'levels/l1-myeloma-posterior-wall-defect.json',
    plan: 'levels/plans/textbook-vertebroplasty.json',
    seed: 11,
  },
  // A breach the cement can follow, a ruptured balloon then a venous leak, thin cement that leaks.
  {
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'tests/fixtures/plans/medial-breach-kyphoplasty.json',
    seed: 3,
  },
  {
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'levels/plans/reference/novice/kp-uni-balloon-rupture.json',
    seed: 7,
  },
  {
    scenario: 'levels/t12-biconcave-vertebroplasty.json',
    plan: 'tests/fixtures/plans/liquid-cement-vertebroplasty.json',
    seed: 2,
  },
] as const;

/** replay() with the shortcuts off: each logged command at its tick, then on to endTick. */
function replayWithoutShortcuts(scenario: Scenario, seed: number, log: readonly LogEntry[], endTick: number): Session {
  const session = createSession(scenario, seed, { stepShortcuts: false });
  for (const entry of log) {
    session.stepTicks(entry.tick - session.tick);
    expect(session.dispatch(entry.command)).toEqual({ accepted: true });
  }
  session.stepTicks(endTick - session.tick);
  return session;
}

/** Everything a replay yields that anyone reads: tick, log, events, the final snapshot and the score. */
function outcome(session: Session): string {
  const snapshot = session.snapshot();
  return JSON.stringify({
    tick: session.tick,
    log: session.log,
    events: session.events,
    snapshot,
    report: scoreAttempt(session.scenario, session.log, snapshot),
  });
}

describe.each(CASES)('step shortcuts: $plan on $scenario, seed $seed', (c) => {
  it('give the same outcome as stepping without them, played and replayed', () => {
    const scenario = loadScenario(c.scenario);
    const played = playPlan(scenario, c.seed, loadPlan(c.plan)).session;
    // The plan must get as far as cement for the shortcuts around it to be exercised.
    expect(played.snapshot().cement.injectedMl).toBeGreaterThan(0);
    const reference = outcome(replayWithoutShortcuts(scenario, c.seed, played.log, played.tick));
    expect(outcome(played)).toBe(reference);
    expect(outcome(replay(scenario, c.seed, played.log, played.tick))).toBe(reference);
  });
});
