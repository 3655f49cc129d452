import { describe, expect, it } from 'vitest';
import { scenarioSchema, type Scenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { treatedAnatomy } from '../../sim/anatomy/treatedAnatomy';
import { createRng } from '../../sim/math/rng';
import { playPlan, type Plan } from '../../sim/plan/index';
import { createSession } from '../../sim/session/index';
import { scoreAttempt } from '../../sim/scoring/index';
import { volumeWindowMl } from '../../sim/scoring/attemptFacts';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * Two fractured levels treated in one procedure (scenario.secondLevel; sim/session/README.md):
 * the second level is a fracture of its own in the anatomy, treated after the first with fresh
 * instruments, and each level's cement is scored in its own window.
 */
const CASE = loadScenario('levels/t12-l1-two-level-vertebroplasty.json');
const PLAN = loadPlan('levels/plans/textbook-vertebroplasty-two-levels.json');

const withoutSecond = (s: Scenario): Scenario => {
  const { secondLevel: _, ...rest } = s;
  return rest;
};

describe('a scenario with a second level', () => {
  it('is refused, naming the field, when the second level is the first, too far, or in a kyphoplasty', () => {
    const bad = (patch: Partial<Scenario>) => scenarioSchema.safeParse({ ...CASE, ...patch });
    const second = CASE.secondLevel;
    if (!second) throw new Error('the case names a second level');
    const same = bad({ secondLevel: { ...second, level: 'T12' } });
    expect(same.success).toBe(false);
    expect(same.error?.issues[0]?.path).toEqual(['secondLevel', 'level']);
    const far = bad({ secondLevel: { ...second, level: 'L3' } });
    expect(far.error?.issues[0]?.message).toMatch(/3 levels from T12/);
    const kypho = bad({ procedure: 'kyphoplasty' });
    expect(kypho.error?.issues.map((i) => i.path.join('.'))).toContain('secondLevel');
    expect(bad({}).success).toBe(true);
  });

  it('fractures both vertebrae, and leaves every draw of the first level as a one-level case has it', () => {
    for (const seed of [1, 2, 3]) {
      const two = buildAnatomy(CASE, createRng(seed));
      const one = buildAnatomy(withoutSecond(CASE), createRng(seed));
      const second = two.secondTarget;
      if (!second) throw new Error('the anatomy has a second target');
      const l1 = two.vertebrae[second.index];
      expect(l1.level).toBe('L1');
      // Genant 1 wedge, 22 % loss: the anterior wall is shorter than the intact body.
      expect(l1.anteriorHeightMm / l1.intactHeightMm).toBeCloseTo(0.78, 1);
      expect(one.vertebrae[second.index].anteriorHeightMm).toBe(one.vertebrae[second.index].intactHeightMm);
      expect(two.vertebrae[two.targetIndex]).toEqual(one.vertebrae[one.targetIndex]);
      expect(two.openings).toEqual(one.openings);
      expect(two.skinZMm).toBe(one.skinZMm);
      // The instruments at the second level see it as their target, in the same frame.
      const view = treatedAnatomy(two, 1);
      expect(view.targetIndex).toBe(second.index);
      expect(view.vertebrae[second.index].isTarget).toBe(true);
      expect(view.vertebrae[two.targetIndex].isTarget).toBe(false);
      expect(view.vertebrae[second.index].centre).toEqual(l1.centre);
      expect(view.openings).toBe(second.openings);
      expect(view.scenario.fracture).toEqual(CASE.secondLevel?.fracture);
    }
  });
});

describe('a two-level procedure', () => {
  it('is treated level by level: each body filled in its own window, the first level’s cement kept in the images', () => {
    const { session, stoppedAt } = playPlan(CASE, 1, PLAN);
    expect(stoppedAt).toBeUndefined();
    const f = session.snapshot();
    expect(f.finished).toBe(true);
    expect(f.levels.map((l) => l.level)).toEqual(['T12', 'L1']);
    const [first, second] = f.levels;
    expect(first.toTick).toBe(second.fromTick);
    for (const l of f.levels) {
      const [lo, hi] = volumeWindowMl(l.level);
      // Within the level's window, unless the plan stopped that level's injection at a leak, as an expert does.
      if (l.cement.leaks.length === 0) expect(l.cement.inBodyMl, l.level).toBeGreaterThanOrEqual(lo);
      else expect(l.cement.inBodyMl, l.level).toBeGreaterThanOrEqual(lo - 0.5);
      expect(l.cement.inBodyMl, l.level).toBeLessThanOrEqual(hi);
      expect(l.trocars).toHaveLength(1);
    }
    // The snapshot's cement is the level being treated; its deposits are both levels' (the images show both).
    expect(f.cement.inBodyMl).toBe(second.cement.inBodyMl);
    expect(f.cement.deposits.length).toBe(first.cement.deposits.length + second.cement.deposits.length);
    // The first level's deposits lie in T12, the second's in L1.
    const centreY = (d: readonly { centre: { y: number } }[]) => d.reduce((s, x) => s + x.centre.y, 0) / d.length;
    const bodies = f.treatedAnatomy.vertebrae;
    const t12 = bodies.find((v) => v.level === 'T12');
    const l1 = bodies.find((v) => v.level === 'L1');
    expect(Math.abs(centreY(first.cement.deposits) - (t12?.centre.y ?? Number.NaN))).toBeLessThan(8);
    expect(Math.abs(centreY(second.cement.deposits) - (l1?.centre.y ?? Number.NaN))).toBeLessThan(8);
    expect(f.trocars).toHaveLength(2);
  });

  it('is scored per level: cement items named by the level, an overnight stay expected, and passes', () => {
    const { session } = playPlan(CASE, 2, PLAN);
    const report = scoreAttempt(CASE, session.log, session.snapshot());
    const cement = report.domains.find((d) => d.id === 'cement');
    const labels = cement?.items.map((i) => i.label) ?? [];
    expect(labels.filter((l) => l.startsWith('T12: ')).length).toBeGreaterThan(2);
    expect(labels.filter((l) => l.startsWith('L1: ')).length).toBeGreaterThan(2);
    expect(labels).toContain('L1: Cement in the body (target 3-6 mL)');
    expect(labels).toContain('T12: Cement in the body (target 2-4 mL)');
    const process = report.domains.find((d) => d.id === 'process');
    const discharge = process?.items.find((i) => i.label.startsWith('Discharge decision'));
    // Two levels are a reason in themselves (with any complication named before them).
    expect(discharge?.label).toMatch(/^Discharge decision \(expected overnight: (.+, )?2 levels\)$/);
    expect(discharge?.points).toBe(0);
    expect(report.criticalErrors).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('costs the same-day discharge that a one-level procedure without complications would expect', () => {
    const sameDay: Plan = {
      ...PLAN,
      steps: PLAN.steps.map((s) =>
        'do' in s && s.do.type === 'discharge.decide' ? { do: { type: 'discharge.decide', decision: 'same-day' } } : s,
      ),
    };
    const { session } = playPlan(CASE, 2, sameDay);
    const process = scoreAttempt(CASE, session.log, session.snapshot()).domains.find((d) => d.id === 'process');
    expect(process?.items.find((i) => i.label.startsWith('Discharge decision'))?.points).toBe(-10);
  });

  it('does not let the procedure end after one level, and a one-level case has no next level', () => {
    const stopAt = PLAN.steps.findIndex((s) => 'do' in s && s.do.type === 'level.next');
    const oneLevelOnly: Plan = { ...PLAN, steps: [...PLAN.steps.slice(0, stopAt), { do: { type: 'phase.next' } }] };
    const { session, stoppedAt } = playPlan(CASE, 3, oneLevelOnly);
    expect(stoppedAt?.reason).toMatch(/second fracture is still to treat/);
    expect(session.snapshot().levels).toHaveLength(1);
    const report = scoreAttempt(CASE, session.log, session.snapshot());
    expect(report.criticalErrors.map((e) => e.id)).toContain('not-completed');

    const single = createSession(withoutSecond(CASE), 3);
    expect(single.dispatch({ type: 'level.next' })).toEqual({
      accepted: false,
      reason: 'This procedure treats one level.',
    });
  });

  it('ends as a wrong-level procedure when the second level is entered over the first (exam mode)', () => {
    // The second level found by not moving the C-arm: the mark lands on T12 again.
    const at = PLAN.steps.findIndex((s) => 'do' in s && s.do.type === 'level.next');
    const steps = PLAN.steps.map((s, i) => (i > at && 'localise' in s ? { do: { type: 'level.mark' as const } } : s));
    const { session } = playPlan(CASE, 4, { ...PLAN, steps }, { mode: 'exam' });
    const wrong = session.snapshot().events.find((e) => e.event.type === 'level.wrongLevel');
    expect(wrong?.event).toEqual({ type: 'level.wrongLevel', marked: 'T12', target: 'L1' });
    const report = scoreAttempt(CASE, session.log, session.snapshot());
    expect(report.criticalErrors.map((e) => e.id)).toContain('wrong-level');
    expect(report.passed).toBe(false);
  });

  it('replays to the same result from the same seed and log', () => {
    const a = playPlan(CASE, 5, PLAN).session;
    const b = createSession(CASE, 5);
    for (const entry of a.log) {
      b.stepTicks(entry.tick - b.tick);
      expect(b.dispatch(entry.command).accepted).toBe(true);
    }
    b.stepTicks(a.tick - b.tick);
    const fa = a.snapshot();
    const fb = b.snapshot();
    expect(fb.levels.map((l) => [l.fromTick, l.toTick, l.cement.inBodyMl])).toEqual(
      fa.levels.map((l) => [l.fromTick, l.toTick, l.cement.inBodyMl]),
    );
    expect(scoreAttempt(CASE, b.log, fb).total).toBe(scoreAttempt(CASE, a.log, fa).total);
  });
});
