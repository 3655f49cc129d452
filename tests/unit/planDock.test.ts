import { describe, expect, it } from 'vitest';
import { idealTrajectory, trajectoryAngles, trajectoryDirection } from '../../sim/anatomy/idealTrajectory';
import { dockedOffCourse } from '../../sim/plan/pedicleCourse';
import { pedicleLocal, pedicleOf } from '../../sim/anatomy/landmarks';
import { add, normalize, scale, sub } from '../../sim/math/vec3';
import { createSession } from '../../sim/session';
import { createRng } from '../../sim/math/rng';
import { planSchema, playPlan, varyPlan, type Plan, type PlanStep } from '../../sim/plan/index';
import { parseScenario } from '../../levels/scenarioSchema';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * The dock step (sim/plan/dockStep.ts): hand pushes to the pedicle, and the operator's redirect
 * when a push stalls on the wrong bone. At T11 a trocar aimed 7 deg too lateral meets the rib head
 * and transverse process: the hand stalls there without docking, which a plain
 * "advance until docked" loop cannot get past.
 */
const warfarin = loadScenario('levels/t11-warfarin-uncorrected-inr.json');
// The same T11 patient, indicated: the access is what is tested here, not the decision.
const t11 = parseScenario({ ...warfarin, indication: { decision: 'operate' } });
const textbook = loadPlan('levels/plans/textbook-vertebroplasty.json');
const aimAt = textbook.steps.findIndex((s) => 'aimIdeal' in s);
const upToAim = textbook.steps.slice(0, aimAt);

const pushLoop: PlanStep = {
  repeat: { type: 'needle.advance', mm: 5 },
  everyS: 1,
  until: { event: 'needle.docked' },
  max: 40,
};
const dock = (extra: Partial<{ redirects: number; withdrawMm: number; recentre: boolean }> = {}): PlanStep => ({
  dock: { mm: 5, everyS: 1, max: 40, ...extra },
});
const accessPlan = (medialOffsetDeg: number, last: PlanStep): Plan => ({
  ...textbook,
  steps: [...upToAim, { aimIdeal: true, medialOffsetDeg }, last],
});
const types = (run: ReturnType<typeof playPlan>) => run.session.snapshot().events.map((e) => e.event.type);

describe('plan language: the dock step', () => {
  it('is part of the plan format, with its bounds', () => {
    const ok = { ...textbook, steps: [dock({ redirects: 1, withdrawMm: 4 })] };
    expect(planSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { dock: { mm: 5, everyS: 1 } },
      { dock: { mm: -5, everyS: 1, max: 40 } },
      { dock: { mm: 5, everyS: 1, max: 40, redirects: 9 } },
      { dock: { mm: 5, everyS: 1, max: 40, extra: true } },
    ])
      expect(planSchema.safeParse({ ...textbook, steps: [bad] }).success, JSON.stringify(bad)).toBe(false);
  });

  it('a push aimed 7 deg lateral at T11 stalls off the pedicle: the plain loop never docks, the dock step redirects and docks', () => {
    for (const seed of [1, 2, 3]) {
      const loop = playPlan(t11, seed, accessPlan(-7, pushLoop), { variation: false });
      expect(loop.stoppedAt?.reason, `seed ${seed}`).toMatch(/needle\.docked.*not reached/);
      expect(types(loop)).toContain('needle.stalled');
      expect(types(loop)).not.toContain('needle.docked');

      const run = playPlan(t11, seed, accessPlan(-7, dock()), { variation: false });
      expect(run.stoppedAt, `seed ${seed}`).toBeUndefined();
      expect(types(run)).toContain('needle.docked');
      expect(types(run)).not.toContain('needle.breach');
      // One redirect: pull back 5 mm, an AP look, then the aim at the pedicle (from the textbook skin entry: the textbook aim).
      const log = run.session.log.map((l) => l.command);
      const back = log.findIndex((c) => c.type === 'needle.advance' && c.mm < 0);
      expect(back).toBeGreaterThan(0);
      expect(log.filter((c) => c.type === 'needle.advance' && c.mm < 0)).toEqual([{ type: 'needle.advance', mm: -5 }]);
      const after = log.slice(back);
      const look = after.findIndex((c) => c.type === 'fluoro.expose' && c.on);
      const reaim = after.findIndex((c) => c.type === 'needle.aim');
      expect(look).toBeGreaterThan(0);
      expect(reaim).toBeGreaterThan(look);
      const aim = after[reaim];
      const ideal = idealTrajectory(run.session.snapshot().anatomy, 'left');
      if (aim.type !== 'needle.aim') throw new Error('aim');
      expect(aim.medialDeg).toBeCloseTo(ideal.medialDeg, 6);
      // The look is an AP image taken after the pull-back.
      const backTick = run.session.log[back].tick;
      expect(
        run.session
          .snapshot()
          .events.some((e) => e.event.type === 'image.acquired' && e.event.view === 'AP' && e.tick > backTick),
      ).toBe(true);
    }
  });

  it('from a skin entry off the textbook one the redirect aims at the pedicle’s entry, not parallel to the textbook path', () => {
    const offEntry = accessPlan(-7, dock());
    const at = offEntry.steps.findIndex((s) => 'do' in s && s.do.type === 'needle.entry');
    const steps = offEntry.steps.map((s, i) =>
      i === at ? { do: { type: 'needle.entry' as const, side: 'left' as const, lateralMm: 4, cranialMm: 0 } } : s,
    );
    const run = playPlan(t11, 1, { ...offEntry, steps }, { variation: false });
    expect(run.stoppedAt).toBeUndefined();
    expect(types(run)).toContain('needle.docked');
    const log = run.session.log.map((l) => l.command);
    const back = log.findIndex((c) => c.type === 'needle.advance' && c.mm < 0);
    const aim = log.slice(back).find((c) => c.type === 'needle.aim');
    if (back < 0 || aim?.type !== 'needle.aim') throw new Error('no redirect');
    const snap = run.session.snapshot();
    if (!snap.trocar) throw new Error('no trocar');
    const ideal = idealTrajectory(snap.anatomy, 'left');
    const expected = trajectoryAngles('left', normalize(sub(ideal.boneEntry, snap.trocar.entry)));
    expect(aim.medialDeg).toBeCloseTo(expected.medialDeg, 6);
    expect(aim.caudalDeg).toBeCloseTo(expected.caudalDeg, 6);
    expect(Math.abs(aim.medialDeg - ideal.medialDeg)).toBeGreaterThan(1);
  });

  it('without redirects left the plan stops at the stall and says so', () => {
    const run = playPlan(t11, 1, accessPlan(-7, dock({ redirects: 0 })), { variation: false });
    expect(run.stoppedAt?.reason).toMatch(/stalled off the pedicle after 0 redirection/);
    expect(types(run)).not.toContain('needle.docked');
  });

  it('where no push stalls off the pedicle it sends exactly what the plain loop sends', () => {
    const l1 = loadScenario('levels/l1-osteoporotic-wedge.json');
    for (const [scenario, seed] of [
      [l1, 42],
      [t11, 2],
    ] as const) {
      const loop = playPlan(scenario, seed, accessPlan(0, pushLoop), { variation: false });
      const run = playPlan(scenario, seed, accessPlan(0, dock()), { variation: false });
      expect(loop.stoppedAt).toBeUndefined();
      expect(run.session.log).toEqual(loop.session.log);
    }
  });

  it('varies like the loop it replaces: push length and pace move, the steps after it draw the same', () => {
    const after: PlanStep = { waitS: 10 };
    const variation = { aimDeg: 1, timingPct: 20, stepPct: 15, volumePct: 10 };
    const a = varyPlan({ ...textbook, variation, steps: [pushLoop, after] }, createRng(7).fork('plan.variation'));
    const b = varyPlan({ ...textbook, variation, steps: [dock(), after] }, createRng(7).fork('plan.variation'));
    const [loop, loopAfter] = a.steps;
    const [docked, dockAfter] = b.steps;
    if (!('repeat' in loop) || loop.repeat.type !== 'needle.advance' || !('dock' in docked)) throw new Error('steps');
    expect(docked.dock.mm).toBe(loop.repeat.mm);
    expect(docked.dock.everyS).toBe(loop.everyS);
    expect(docked.dock.mm).not.toBe(5);
    expect(dockAfter).toEqual(loopAfter);
  });

  describe('recentre: the course judged on the AP look after docking', () => {
    // L4, the lumbar bipedicular case: a hand that starts 2 mm lateral on the skin and aims 2.5 deg
    // less medial docks on the oval's lateral margin, its course running into the lateral cortex.
    const l4 = loadScenario('levels/l4-biconcave-bipedicular.json');
    const marginal = (last: PlanStep, seed: number) => {
      const plan = accessPlan(-2.5, last);
      const at = plan.steps.findIndex((s) => 'do' in s && s.do.type === 'needle.entry');
      const steps: PlanStep[] = plan.steps.map((s, i) =>
        i === at ? { do: { type: 'needle.entry' as const, side: 'left' as const, lateralMm: 2, cranialMm: 0 } } : s,
      );
      const taps: PlanStep = {
        repeat: { type: 'needle.tap' },
        everyS: 1,
        until: { event: 'needle.pastPosteriorWall' },
        max: 60,
      };
      return playPlan(l4, seed, { ...plan, steps: [...steps, { waitS: 1 }, taps] }, { variation: false });
    };
    // The plain run never re-aims: its course is the line from its skin entry, judged where it meets the pedicle.
    const courseAtDock = (run: ReturnType<typeof playPlan>) => {
      const snap = run.session.snapshot();
      const t = snap.trocars[0];
      const p = pedicleOf(snap.treatedAnatomy.vertebrae[snap.treatedAnatomy.targetIndex], 'left');
      for (let d = 0; d < 200; d += 0.25) {
        const q = add(t.entry, scale(t.direction, d));
        if (pedicleLocal(p, q).t <= p.len) return dockedOffCourse(snap.treatedAnatomy, 'left', q, t.direction);
      }
      throw new Error('the course never reaches the pedicle');
    };

    it('a needle docked on the margin is pulled back, re-aimed through the core, and taps in without a breach', () => {
      for (const seed of [1, 2, 3]) {
        const plain = marginal(dock(), seed);
        const centred = marginal(dock({ recentre: true }), seed);
        expect(plain.stoppedAt, `seed ${seed}`).toBeUndefined();
        expect(centred.stoppedAt, `seed ${seed}`).toBeUndefined();
        // As docked, the plain course runs to the lateral cortex; the recentred one stays in the core.
        expect(courseAtDock(plain), `seed ${seed}: the plain course is marginal`).toBe(true);
        expect(types(centred), `seed ${seed}`).not.toContain('needle.breach');
        const log = centred.session.log.map((l) => l.command);
        expect(log.filter((c) => c.type === 'needle.advance' && c.mm < 0)).toEqual([
          { type: 'needle.advance', mm: -5 },
        ]);
        // The re-aim comes after an AP look and aims more medially than the hand did.
        const back = log.findIndex((c) => c.type === 'needle.advance' && c.mm < 0);
        const aims = log.filter((c) => c.type === 'needle.aim');
        const reaim = log.slice(back).find((c) => c.type === 'needle.aim');
        if (reaim?.type !== 'needle.aim' || aims[0]?.type !== 'needle.aim') throw new Error('no re-aim');
        expect(reaim.medialDeg).toBeGreaterThan(aims[0].medialDeg + 0.5);
      }
    });

    it('a central docking is left alone: the same commands as without the check', () => {
      const l1 = loadScenario('levels/l1-osteoporotic-wedge.json');
      for (const [scenario, seed] of [
        [l1, 42],
        [t11, 2],
      ] as const) {
        const plain = playPlan(scenario, seed, accessPlan(0, dock()), { variation: false });
        const centred = playPlan(scenario, seed, accessPlan(0, dock({ recentre: true })), { variation: false });
        expect(centred.session.log).toEqual(plain.session.log);
      }
    });

    it('judges the course, not the tip alone: from the textbook entry the textbook line is on course, one 12 deg less medial is not', () => {
      const anatomy = createSession(l4, 1).snapshot().treatedAnatomy;
      const ideal = idealTrajectory(anatomy, 'left');
      const dir = normalize(sub(ideal.target, ideal.boneEntry));
      expect(dockedOffCourse(anatomy, 'left', ideal.boneEntry, dir)).toBe(false);
      // L4's pedicle is about 10 mm wide: 12 deg more medial still runs in it, 12 deg less medial runs out to its lateral cortex.
      const lateral = trajectoryDirection('left', ideal.medialDeg - 12, ideal.caudalDeg);
      expect(dockedOffCourse(anatomy, 'left', ideal.boneEntry, lateral)).toBe(true);
      const medial = trajectoryDirection('left', ideal.medialDeg + 12, ideal.caudalDeg);
      expect(dockedOffCourse(anatomy, 'left', ideal.boneEntry, medial)).toBe(false);
      // A tip stalled elsewhere (here 25 mm lateral to the pedicle's entry, over the transverse process) is off course whatever its line.
      expect(dockedOffCourse(anatomy, 'left', { ...ideal.boneEntry, x: ideal.boneEntry.x + 25 }, dir)).toBe(true);
    });
  });
});
