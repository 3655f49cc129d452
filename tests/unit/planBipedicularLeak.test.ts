import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { planSchema, runPlan, type PlanStep } from '../../sim/plan';

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

/**
 * A bipedicular cement phase holds both sides' batches. A leak on the first side stops that side's
 * injection; it must not count against the second side's "stop at a leak", or the second side is
 * never cemented and the plan ends refused (and the calibration silently drops the patient).
 */
it('a leak on the first side of a bipedicular kyphoplasty does not stop the second side', () => {
  const scenario = parseScenario(
    read('levels/l2-osteoporotic-wedge-bipedicular.json'),
    'l2-osteoporotic-wedge-bipedicular',
  );
  const plan = planSchema.parse(read('levels/plans/textbook-kyphoplasty-bipedicular.json'));
  // Liquid cement pushed on to 4.5 mL on the first side: it leaks there (seed 2).
  let inject = 0;
  const steps = plan.steps.map((s): PlanStep => {
    if ('waitUntil' in s && 'cementPhase' in s.waitUntil) return { waitS: 60 };
    if ('repeat' in s && s.repeat.type === 'cement.inject')
      return { ...s, until: { cementInBodyMl: inject++ === 0 ? 4.5 : 6 } };
    return s;
  });
  const f = runPlan(scenario, 2, { ...plan, steps }).snapshot();
  const ticks = (type: string): number[] => f.events.filter((e) => e.event.type === type).map((e) => e.tick);
  const [leak] = ticks('cement.leak');
  const delivered = ticks('cement.delivered');
  expect(leak).toBeDefined();
  expect(delivered).toHaveLength(2);
  expect(delivered[1]).toBeGreaterThan(leak);
});
