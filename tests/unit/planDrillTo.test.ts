import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { distanceToShellMm } from '../../sim/instruments/endplateGeometry';
import { add, scale } from '../../sim/math/vec3';
import { planSchema, playPlan, type Plan, type PlanStep } from '../../sim/plan/index';
import { drillToStepSchema } from '../../sim/plan/drillToStep';
import { replay } from '../../sim/attempt/replay';
import type { Session } from '../../sim/session/sessionTypes';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * The drillTo step (sim/plan/drillToStep.ts): the working channel drilled to a margin short of the
 * anterior cortex along the track, read off the anatomy as an operator reads it off the lateral
 * image, and dispatched as an ordinary channel.drill { mm }. A small thoracic body gets a shorter
 * channel than a large lumbar one.
 */
const expert = loadPlan('levels/plans/reference/expert/kp-uni-height-stop.json');
const drillAt = expert.steps.findIndex((s) => 'drillTo' in s);
const upToDrill = expert.steps.slice(0, drillAt);
const t9 = loadScenario('levels/t9-acute-wedge-kyphoplasty.json');
const l3 = loadScenario('levels/l3-osteoporotic-wedge-obese.json');

const drillPlan = (shortOfCortexMm: number): Plan => ({
  ...expert,
  steps: [
    ...upToDrill,
    { drillTo: { shortOfCortexMm } },
    { waitUntil: { event: 'channel.ready' }, stepS: 1, maxS: 120 },
  ],
});
const drilledMm = (session: Session): number[] =>
  session.log.flatMap((e) => (e.command.type === 'channel.drill' ? [e.command.mm] : []));
/** The room from the channel's end (where the balloon's distal marker goes) to the anterior shell, mm. */
function roomAhead(session: Session): number {
  const snap = session.snapshot();
  const t = snap.trocar;
  if (!t) throw new Error('no trocar');
  const v = snap.treatedAnatomy.vertebrae[snap.treatedAnatomy.targetIndex];
  const h = Math.hypot(t.direction.x, t.direction.z);
  return distanceToShellMm(v, add(t.tip, scale(t.direction, t.channelMm)), t.direction.x / h, t.direction.z / h);
}

describe('plan language: the drillTo step', () => {
  it('the expert plan drills with it, right after the exchange to the working cannula', () => {
    expect(drillAt).toBeGreaterThan(0);
    const before = upToDrill[upToDrill.length - 1] as PlanStep;
    expect('do' in before && before.do.type === 'instrument.exchange').toBe(true);
  });

  it('is part of the plan format, with its bounds, and a bad value is named', () => {
    expect(planSchema.safeParse({ ...expert, steps: [{ drillTo: { shortOfCortexMm: 4 } }] }).success).toBe(true);
    for (const bad of [
      { drillTo: {} },
      { drillTo: { shortOfCortexMm: 0.5 } },
      { drillTo: { shortOfCortexMm: 16 } },
      { drillTo: { shortOfCortexMm: '4' } },
      { drillTo: { shortOfCortexMm: 4, mm: 20 } },
    ]) {
      expect(planSchema.safeParse({ ...expert, steps: [bad] }).success, JSON.stringify(bad)).toBe(false);
      const r = drillToStepSchema.safeParse(bad);
      expect(r.success).toBe(false);
      if (!r.success) expect(z.prettifyError(r.error), JSON.stringify(bad)).toMatch(/shortOfCortexMm|mm/);
    }
    const low = drillToStepSchema.safeParse({ drillTo: { shortOfCortexMm: 0 } });
    expect(low.success).toBe(false);
    if (!low.success) expect(low.error.issues[0]?.path).toEqual(['drillTo', 'shortOfCortexMm']);
  });

  it('stops the channel the margin short of the anterior cortex, as an ordinary channel.drill', () => {
    for (const [scenario, seed] of [
      [t9, 1],
      [t9, 2],
      [l3, 1],
    ] as const)
      for (const margin of [3, 5]) {
        const run = playPlan(scenario, seed, drillPlan(margin), { variation: false });
        expect(run.stoppedAt, `${scenario.id} seed ${seed} margin ${margin}`).toBeUndefined();
        const drills = drilledMm(run.session);
        expect(drills).toHaveLength(1);
        expect(Number.isInteger(drills[0] * 10)).toBe(true);
        // Rounded to 0.1 mm along a track that runs mostly horizontally: within 0.15 mm of the margin.
        expect(Math.abs(roomAhead(run.session) - margin), `${scenario.id} margin ${margin}`).toBeLessThan(0.15);
        // The log replays as it stands: nothing in it knows of the plan step.
        const again = replay(scenario, seed, run.session.log, run.session.tick);
        expect(again.snapshot().trocar?.channelMm).toBe(run.session.snapshot().trocar?.channelMm);
      }
  });

  it('a larger margin drills a shorter channel, and a T9 gets a shorter channel than an L3', () => {
    const mm = (scenario: typeof t9, margin: number) =>
      drilledMm(playPlan(scenario, 1, drillPlan(margin), { variation: false }).session)[0];
    expect(mm(t9, 5)).toBeLessThan(mm(t9, 3) - 1.5);
    const t9mm = mm(t9, 4);
    const l3mm = mm(l3, 4);
    expect(t9mm).toBeLessThan(20);
    expect(l3mm).toBeGreaterThan(t9mm + 3);
  });

  it('needs the working cannula: before the exchange the plan stops and says why', () => {
    const early: Plan = { ...expert, steps: [...upToDrill.slice(0, -4), { drillTo: { shortOfCortexMm: 4 } }] };
    const run = playPlan(t9, 1, early, { variation: false });
    expect(run.stoppedAt?.reason).toMatch(/drillTo needs the working cannula/);
    expect(drilledMm(run.session)).toHaveLength(0);
  });

  it('a channel already within the margin is not drilled again', () => {
    const plan: Plan = {
      ...expert,
      steps: [...drillPlan(3).steps, { drillTo: { shortOfCortexMm: 6 } }],
    };
    const run = playPlan(t9, 1, plan, { variation: false });
    expect(run.stoppedAt?.reason).toMatch(/already ends .* short of the anterior cortex, within the 6 mm margin/);
    expect(drilledMm(run.session)).toHaveLength(1);
  });
});
