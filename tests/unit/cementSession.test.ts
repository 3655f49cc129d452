import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runPlan } from '../../sim/plan/runPlan';
import { planSchema, type Plan } from '../../sim/plan/planSchema';
import { parseScenario } from '../../levels/scenarioSchema';

/** The textbook plan up to and including cement.mix. */
function untilMixed(planPath: string): Plan {
  const plan = planSchema.parse(JSON.parse(readFileSync(planPath, 'utf8')));
  const mix = plan.steps.findIndex((s) => 'do' in s && s.do.type === 'cement.mix');
  return { ...plan, steps: plan.steps.slice(0, mix + 1) };
}

describe('cement delivery through a session', () => {
  it('vertebroplasty: the syringe is filled on mixing; tack test and load reach the world', () => {
    const scenario = parseScenario(JSON.parse(readFileSync('levels/t12-biconcave-vertebroplasty.json', 'utf8')));
    const s = runPlan(scenario, 3, untilMixed('levels/plans/textbook-vertebroplasty.json'));
    s.advance(1);
    expect(s.snapshot().cement.delivery).toEqual({ device: 'syringe', loadedMl: 1, batchLeftMl: 9, devicesUsed: 1 });
    expect(s.snapshot().allowed).toEqual(expect.arrayContaining(['cement.tackTest', 'cement.load']));
    expect(s.dispatch({ type: 'cement.tackTest' }).accepted).toBe(true);
    s.advance(1);
    const tacks = s.snapshot().events.filter((e) => e.event.type === 'cement.tack');
    expect(tacks).toHaveLength(1);
    expect(tacks[0].event).toEqual({ type: 'cement.tack', feel: 'wet' });
    expect(s.snapshot().cement.lastTack?.feel).toBe('wet');
    expect(s.dispatch({ type: 'cement.load' }).accepted).toBe(true);
    expect(s.snapshot().cement.delivery.devicesUsed).toBe(2);
    expect(s.log.map((e) => e.command.type).slice(-2)).toEqual(['cement.tackTest', 'cement.load']);
  });

  it('kyphoplasty: bone fillers; a push beyond the device reports it empty once', () => {
    const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
    const s = runPlan(scenario, 42, untilMixed('levels/plans/textbook-kyphoplasty.json'));
    s.advance(6 * 60);
    expect(s.snapshot().cement.delivery.device).toBe('boneFiller');
    expect(s.dispatch({ type: 'cement.inject', mL: 1.5 }).accepted).toBe(true);
    expect(s.dispatch({ type: 'cement.inject', mL: 0.5 }).accepted).toBe(true);
    s.advance(10);
    const v = s.snapshot().cement;
    expect(v.injectedMl).toBeCloseTo(1.5, 9);
    expect(Math.abs(v.injectedMl - v.inBodyMl - v.leakedMl - v.inCannulaMl)).toBeLessThan(1e-9);
    expect(s.snapshot().events.filter((e) => e.event.type === 'cement.deviceEmpty')).toHaveLength(1);
  });
});
