import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSession } from '../../sim/session/session';
import { runPlan } from '../../sim/plan/runPlan';
import { replay } from '../../sim/attempt/replay';
import { loadPlan, loadScenario } from './goldenFixtures';
import { TICKS_PER_S } from '../../sim/core/constants';
import type { Command } from '../../sim/core/commands';

const scenario = loadScenario('levels/l1-osteoporotic-wedge.json');
const plan = loadPlan('levels/plans/textbook-kyphoplasty.json');
/** The snapshot without the anatomy object (compared separately) as plain JSON. */
const plain = (s: ReturnType<ReturnType<typeof createSession>['snapshot']>) =>
  JSON.stringify({ ...s, anatomy: undefined });

describe('session', () => {
  it('same scenario + seed + plan gives the same final state; another seed gives another patient', () => {
    const a = runPlan(scenario, 11, plan).snapshot();
    const b = runPlan(scenario, 11, plan).snapshot();
    expect(plain(a)).toBe(plain(b));
    expect(JSON.stringify(a.anatomy)).toBe(JSON.stringify(b.anatomy));
    const c = createSession(scenario, 12).snapshot();
    expect(JSON.stringify(c.anatomy)).not.toBe(JSON.stringify(a.anatomy));
  });

  it('replaying the log reproduces the final state exactly', () => {
    const original = runPlan(scenario, 5, plan);
    const replayed = replay(scenario, 5, original.log, original.tick);
    expect(plain(replayed.snapshot())).toBe(plain(original.snapshot()));
  });

  it('refuses what the machine does not allow, says why, and does not log it', () => {
    const s = createSession(scenario, 1);
    const r = s.dispatch({ type: 'cement.inject', mL: 1 });
    expect(r.accepted).toBe(false);
    expect(r.reason).toBeTruthy();
    expect(s.log).toHaveLength(0);
    expect(s.dispatch({ type: 'checklist.tick', item: 'history' }).accepted).toBe(true);
    expect(s.log).toEqual([{ tick: 0, command: { type: 'checklist.tick', item: 'history' } }]);
  });

  it('rejects malformed commands with the field named', () => {
    const s = createSession(scenario, 1);
    const r = s.dispatch({ type: 'needle.advance', mm: Number.NaN } as Command);
    expect(r.accepted).toBe(false);
    expect(r.reason).toMatch(/mm/);
  });

  it('advance() runs fixed steps whatever the frame times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 0.1, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (frames) => {
          const s = createSession(scenario, 1);
          for (const dt of frames) s.advance(dt);
          const total = frames.reduce((x, y) => x + y, 0);
          expect(Math.abs(s.tick - total * TICKS_PER_S)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 30, seed: 7 },
    );
  });

  it('keeps the cement books at the end of a procedure', () => {
    const c = runPlan(scenario, 42, plan).snapshot().cement;
    expect(c.injectedMl).toBeCloseTo(c.inBodyMl + c.leakedMl + c.inCannulaMl, 9);
    expect(c.injectedMl).toBeGreaterThan(3);
  });

  it('time.wait fast-forwards and is logged', () => {
    const s = createSession(scenario, 1);
    expect(s.dispatch({ type: 'time.wait', s: 30 }).accepted).toBe(true);
    expect(s.tick).toBe(30 * TICKS_PER_S);
    expect(s.log[0]).toEqual({ tick: 0, command: { type: 'time.wait', s: 30 } });
  });
});

describe('bipedicular kyphoplasty', () => {
  it('runs both pedicles with their own instruments to the debrief, and keeps both records', () => {
    const bi = { ...scenario, approach: 'bipedicular' as const };
    // Both channels, then both balloons together, then cement on each side (tests/unit/bipedicularBalloons.test.ts).
    const s = runPlan(bi, 42, loadPlan('levels/plans/textbook-kyphoplasty-bipedicular.json'));
    const end = s.snapshot();
    expect(end.finished).toBe(true);
    expect(end.trocars.map((t) => t.side)).toEqual(['left', 'right']);
    expect(end.trocars.every((t) => t.removed && t.milestone === 'target')).toBe(true);
    // Two balloons share the load: neither ruptures, and each meets the endplate.
    expect(end.events.filter((e) => e.event.type === 'balloon.ruptured')).toEqual([]);
    expect(end.events.filter((e) => e.event.type === 'balloon.endplateContact')).toHaveLength(2);
    const c = end.cement;
    expect(c.inBodyMl).toBeGreaterThanOrEqual(5);
    expect(c.injectedMl).toBeCloseTo(c.inBodyMl + c.leakedMl + c.inCannulaMl, 9);
  });
});

describe('the end of an attempt', () => {
  it('freezes the clock once the debrief is reached', () => {
    const s = runPlan(scenario, 42, plan);
    const end = s.tick;
    expect(s.snapshot().finished).toBe(true);
    s.advance(5);
    s.stepTicks(100);
    expect(s.tick).toBe(end);
  });
});
