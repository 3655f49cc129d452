import { describe, expect, it } from 'vitest';
import { runPlan } from '../../sim/plan/runPlan';
import type { Plan } from '../../sim/plan/planSchema';
import { loadPlan, loadScenario } from './goldenFixtures';
import { actionForCombo } from '../../src/procedure/input/keymap';

/**
 * Bipedicular kyphoplasty in the real order: both working channels, then both balloons in
 * the body together, inflated alternately, then cement on each side. The two balloons push on one
 * shared endplate (sim/instruments/endplateShare.ts), so together they lift it further than one
 * balloon, each at a lower pressure.
 */
const scenario = loadScenario('levels/l1-osteoporotic-wedge.json');
const bipedicular = { ...scenario, approach: 'bipedicular' as const };
const plan = loadPlan('levels/plans/textbook-kyphoplasty-bipedicular.json');
const uniPlan = loadPlan('levels/plans/textbook-kyphoplasty.json');
const SEED = 42;

/** The plan up to (not including) its first balloon deflation: the balloons at full inflation. */
const untilDeflation = (p: Plan): Plan => ({
  ...p,
  steps: p.steps.slice(
    0,
    p.steps.findIndex((s) => 'do' in s && s.do.type === 'balloon.deflate'),
  ),
});

describe('bipedicular kyphoplasty with two balloons together', () => {
  it('runs to the debrief: both channels, one balloon phase, cement on both sides', () => {
    const session = runPlan(bipedicular, SEED, plan);
    const end = session.snapshot();
    expect(end.finished).toBe(true);
    // The second entry comes before any balloon, and the sides alternate while the balloons inflate.
    const commandTypes = session.log.map((e) => e.command.type);
    expect(commandTypes.lastIndexOf('needle.entry')).toBeLessThan(commandTypes.indexOf('balloon.insert'));
    expect(commandTypes.lastIndexOf('balloon.insert')).toBeLessThan(commandTypes.indexOf('balloon.remove'));
    expect(commandTypes.lastIndexOf('balloon.remove')).toBeLessThan(commandTypes.indexOf('cement.mix'));
    expect(commandTypes.filter((t) => t === 'cement.mix')).toHaveLength(2);
    expect(commandTypes.filter((t) => t === 'side.select').length).toBeGreaterThanOrEqual(6);
    expect(end.trocars.map((t) => t.side)).toEqual(['left', 'right']);
    expect(end.events.filter((e) => e.event.type === 'balloon.ruptured')).toEqual([]);
    // Cement on each side: the total is both batches, and the books balance.
    expect(end.cement.inBodyMl).toBeGreaterThanOrEqual(5);
    expect(end.cement.injectedMl).toBeCloseTo(end.cement.inBodyMl + end.cement.leakedMl + end.cement.inCannulaMl, 9);
  });

  it("has both balloons full in the body at the same tick, each below the single balloon's peak pressure, and lifts the plate further", () => {
    const session = runPlan(bipedicular, SEED, untilDeflation(plan));
    const left = session.snapshot();
    expect(
      session.dispatch({ type: 'side.select', side: left.trocar?.side === 'left' ? 'right' : 'left' }).accepted,
    ).toBe(true);
    const right = session.snapshot();
    expect(right.tick).toBe(left.tick);
    expect(left.trocar?.side).not.toBe(right.trocar?.side);
    for (const s of [left, right]) {
      expect(s.balloon?.inserted).toBe(true);
      expect(s.balloon?.volumeMl ?? 0).toBeGreaterThan(2);
    }

    const single = runPlan(scenario, SEED, untilDeflation(uniPlan)).snapshot();
    const liftOf = (s: typeof single) =>
      (s.height.stages?.peak?.anteriorMm ?? 0) - (s.height.stages?.before.anteriorMm ?? 0);
    // Shared plate: one lift for both balloons, more than one balloon alone reaches.
    expect(liftOf(left)).toBeGreaterThan(liftOf(single));
    expect(left.height.stages?.peak?.wedgeDeg ?? Infinity).toBeLessThan(single.height.stages?.peak?.wedgeDeg ?? 0);
    // Load spread across both: each balloon works at a lower pressure than the single balloon did.
    const singlePeak = single.balloon?.peakPressurePsi ?? 0;
    expect(left.balloon?.peakPressurePsi ?? Infinity).toBeLessThan(singlePeak);
    expect(right.balloon?.peakPressurePsi ?? Infinity).toBeLessThan(singlePeak);
  });

  it('switches the working side by keyboard (Tab or Shift+Tab) once both balloons can be worked', () => {
    const session = runPlan(bipedicular, SEED, untilDeflation(plan));
    const snapshot = session.snapshot();
    const entry = { side: 'left' as const, lateralMm: 0, cranialMm: 0 };
    const other = snapshot.trocar?.side === 'left' ? 'right' : 'left';
    for (const combo of ['Tab', 'Shift+Tab']) {
      expect(actionForCombo(combo)?.perform({ snapshot, entry }).command).toEqual({ type: 'side.select', side: other });
    }
    // In access, Tab still re-sides the planned entry (no trocar yet: the plan only).
    const access = runPlan(bipedicular, SEED, {
      ...plan,
      steps: plan.steps.slice(
        0,
        plan.steps.findIndex((s) => 'do' in s && s.do.type === 'needle.entry'),
      ),
    });
    expect(actionForCombo('Tab')?.perform({ snapshot: access.snapshot(), entry }).entry?.side).toBe('right');
  });

  it('keeps the unipedicular plan refusing a side switch', () => {
    const session = runPlan(scenario, SEED, untilDeflation(uniPlan));
    const result = session.dispatch({ type: 'side.select', side: 'right' });
    expect(result.accepted).toBe(false);
  });
});
