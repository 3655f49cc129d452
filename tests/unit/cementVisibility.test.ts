import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runPlan } from '../../sim/plan/runPlan';
import { planSchema, type Plan } from '../../sim/plan/planSchema';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { Session } from '../../sim/session/sessionTypes';
import { Cement } from '../../sim/instruments/cement';
import { mergeCementViews } from '../../sim/instruments/mergeCementViews';
import { cementOutcome } from '../../sim/instruments/cementOutcome';
import type { Opening } from '../../sim/anatomy/types';
import { vec3 } from '../../sim/math/vec3';
import { makeAnatomy } from './fixtures/anatomyFixture';
import { injectThroughDevices } from './fixtures/injectThroughDevices';

const TPS = 60;
const load = (path: string): Scenario => parseScenario(JSON.parse(readFileSync(path, 'utf8')));

/** The textbook plan up to (not including) its cement injection. */
function untilInjection(planPath: string): Plan {
  const plan = planSchema.parse(JSON.parse(readFileSync(planPath, 'utf8')));
  const at = plan.steps.findIndex((s) => 'repeat' in s && s.repeat.type === 'cement.inject');
  return { ...plan, steps: plan.steps.slice(0, at) };
}

function push(s: Session, mL: number): void {
  if (s.snapshot().cement.delivery.loadedMl < mL) expect(s.dispatch({ type: 'cement.load' }).accepted).toBe(true);
  expect(s.dispatch({ type: 'cement.inject', mL }).accepted).toBe(true);
}

describe('cement watched under live fluoroscopy', () => {
  const scenario = load('levels/t12-biconcave-vertebroplasty.json');
  const pre = untilInjection('levels/plans/textbook-vertebroplasty.json');

  it('with the pedal held the whole injection, no cement is pushed unimaged; without any image, all of it is', () => {
    const live = runPlan(scenario, 5, pre);
    expect(live.dispatch({ type: 'fluoro.expose', on: true }).accepted).toBe(true);
    for (let i = 0; i < 4; i++) {
      push(live, 0.5);
      live.advance(3);
    }
    live.dispatch({ type: 'fluoro.expose', on: false });
    const watched = live.snapshot().cement;
    expect(watched.injectedMl).toBeGreaterThan(1.9);
    // One step's push at most (0.75 mL/s over 1/60 s), not the 2 mL pushed during one pedal press.
    expect(watched.maxUnimagedMl).toBeLessThan(0.05);

    const blind = runPlan(scenario, 5, pre);
    for (let i = 0; i < 4; i++) {
      push(blind, 0.5);
      blind.advance(3);
    }
    expect(blind.snapshot().cement.maxUnimagedMl).toBeGreaterThan(1.4);
  });
});

describe('leak-reaction clock of a bipedicular case', () => {
  const defect: Opening = { kind: 'posteriorWallDefect', position: vec3(0, 0, 15), diameterMm: 3 };

  it("measures how long the leaking side's cement kept going, not the other side's planned injection", () => {
    const anatomy = makeAnatomy({ openings: [defect], procedure: 'vertebroplasty' });
    const left = new Cement(anatomy, { roomTempC: 22, preChilled: false });
    const right = new Cement(anatomy, { roomTempC: 22, preChilled: false });
    let tick = 0;
    const step = (c: Cement, image: boolean, tip = vec3(2, 0, 5)) =>
      c.step(1 / TPS, { tick: tick++, cannulaTip: tip, cavityMl: 0, breachOpenings: [], imageAcquired: image });
    left.mix();
    right.mix();
    for (let i = 0; i < 6 * 60 * TPS; i++) {
      step(left, false);
      right.step(1 / TPS, { tick, cannulaTip: null, cavityMl: 0, breachOpenings: [] });
    }
    // Left: push until a leak shows on an image, then push on for 2 s and stop.
    injectThroughDevices(left, 4.5);
    let seenTick: number | null = null;
    for (let i = 0; i < 30 * TPS && seenTick === null; i++) {
      step(left, i % 30 === 0);
      seenTick = left.view().leaks.find((l) => l.seenTick !== null)?.seenTick ?? null;
    }
    expect(seenTick).not.toBeNull();
    for (let i = 0; i < 2 * TPS; i++) step(left, false);
    left.stop();
    for (let i = 0; i < TPS; i++) step(left, false);
    // Right: the planned injection on the other side, a minute later, far from the defect.
    for (let i = 0; i < 60 * TPS; i++) step(right, false, vec3(-3, 2, -8));
    injectThroughDevices(right, 1);
    for (let i = 0; i < 5 * TPS; i++) step(right, false, vec3(-3, 2, -8));
    expect(right.view().injectedMl).toBeGreaterThan(0.9);
    expect(right.view().leaks).toHaveLength(0);

    const merged = mergeCementViews(right.view(), [left.view()]);
    const outcome = cementOutcome(merged, TPS);
    expect(outcome.pushedOnAfterLeakS).not.toBeNull();
    expect(outcome.pushedOnAfterLeakS ?? 0).toBeGreaterThan(1.9);
    expect(outcome.pushedOnAfterLeakS ?? 0).toBeLessThan(2.5);
    expect(outcome.stoppedPromptly).toBe(true);
    // The same side alone gives the same clock.
    expect(cementOutcome(left.view(), TPS).pushedOnAfterLeakS).toBeCloseTo(outcome.pushedOnAfterLeakS ?? 0, 9);
  });
});

describe('cement approaching a posterior wall defect shows before it leaks', () => {
  const scenario = load('levels/l1-myeloma-posterior-wall-defect.json');
  const pre = untilInjection('levels/plans/textbook-vertebroplasty.json');

  it('an expert who stops when the lateral image shows cement in the posterior quarter (or a leak) keeps the canal clear', () => {
    const canal: number[] = [];
    const reachBeforeCanalLeak: number[] = [];
    for (const seed of [1, 2, 3, 5, 9, 12]) {
      const s = runPlan(scenario, seed, pre);
      let lastImageReach = 0;
      for (let i = 0; i < 16; i++) {
        push(s, 0.5);
        s.advance(2.5);
        s.dispatch({ type: 'fluoro.expose', on: true });
        s.advance(0.5);
        s.dispatch({ type: 'fluoro.expose', on: false });
        const c = s.snapshot().cement;
        const epidural = c.leaks.find((l) => l.location === 'epidural');
        if (epidural) reachBeforeCanalLeak.push(lastImageReach);
        lastImageReach = c.distribution.posteriorReach ?? 0;
        if (c.leaks.length > 0 || lastImageReach >= 0.75) break;
      }
      canal.push(s.snapshot().cement.leaks.find((l) => l.location === 'epidural')?.volumeMl ?? 0);
    }
    for (const ml of canal) expect(ml).toBeLessThan(0.1);
    // Where the canal leaked at all, the image before showed the cement already in the posterior quarter.
    for (const r of reachBeforeCanalLeak) expect(r).toBeGreaterThanOrEqual(0.75);
  });

  it('pushed on blindly, the defect leaks into the canal only after the front has reached the posterior part of the body', () => {
    for (const seed of [2, 5, 9]) {
      const s = runPlan(scenario, seed, pre);
      let reachBefore = 0;
      for (let i = 0; i < 16; i++) {
        push(s, 0.5);
        s.advance(3);
        const c = s.snapshot().cement;
        if (c.leaks.some((l) => l.location === 'epidural')) break;
        reachBefore = c.distribution.posteriorReach ?? 0;
      }
      expect(s.snapshot().cement.leaks.some((l) => l.location === 'epidural')).toBe(true);
      expect(reachBefore).toBeGreaterThanOrEqual(0.75);
    }
  });
});

describe('bipedicular cement shares one body', () => {
  it("the second side's cement cannot fill cells the first side's cement holds", () => {
    const anatomy = makeAnatomy({ procedure: 'kyphoplasty' });
    const centre = vec3(0, 0, 0);
    const sides = [0, 1].map(() => new Cement(anatomy, { roomTempC: 22, preChilled: false }));
    sides[0].shareBodyWith(sides[1]);
    let tick = 0;
    const run = (c: Cement, s: number) => {
      for (let i = 0; i < s * TPS; i++)
        c.step(1 / TPS, { tick: tick++, cannulaTip: centre, cavityMl: 3, cavityCentre: centre, breachOpenings: [] });
    };
    for (const c of sides) c.mix();
    run(sides[0], 6 * 60);
    injectThroughDevices(sides[0], 2.5);
    run(sides[0], 10);
    injectThroughDevices(sides[1], 2.5);
    run(sides[1], 10);
    const [a, b] = sides.map((c) => c.view());
    expect(a.inBodyMl).toBeGreaterThan(1.9);
    expect(b.inBodyMl).toBeGreaterThan(1.9);
    // The first batch stayed in the open cavity; the second found most of that space taken and had
    // to push into the compacted bone around it.
    expect(sides[0].cavityFilledMl).toBeGreaterThan(1.9);
    expect(sides[1].cavityFilledMl).toBeLessThan(1.2);
    expect(b.peakBodyPressureKPa).toBeGreaterThan(3 * a.peakBodyPressureKPa);
  });
});
