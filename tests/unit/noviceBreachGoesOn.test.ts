import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { planSchema } from '../../sim/plan/index';
import { playReference } from '../../sim/standard/index';
import { loadScenario } from './goldenFixtures';

/**
 * A reference novice who breaches the pedicle wall on the way in keeps tapping to the vertebral
 * body, as a novice does, and the attempt goes on to be scored as a whole procedure. When the plans
 * stopped tapping at the breach, the trocar never crossed the posterior wall and the attempt ended
 * in the access phase ("Advance the trocar past the posterior wall first"), so the reference set
 * held unfinished attempts in place of what a careless operator actually produces.
 * These are the patients on which each plan breached and used to stop.
 */
const cases = [
  { plan: 'kp-uni-skipped-checks', scenario: 'l1-osteoporotic-wedge', seed: 1 },
  { plan: 'vp-liquid-blind', scenario: 'l1-myeloma-posterior-wall-defect', seed: 3 },
  { plan: 'kp-bi-liquid-blind', scenario: 'l2-osteoporotic-wedge-bipedicular', seed: 1 },
];

for (const c of cases) {
  it(`${c.plan} on ${c.scenario} patient ${c.seed}: breaches, taps on and finishes the procedure`, () => {
    const plan = planSchema.parse(JSON.parse(readFileSync(`levels/plans/reference/novice/${c.plan}.json`, 'utf8')));
    const played = playReference(
      loadScenario(`levels/${c.scenario}.json`),
      { id: c.plan, group: 'novice', plan },
      c.seed,
    );
    expect(played.final.events.some((e) => e.event.type === 'needle.breach')).toBe(true);
    expect(played.stoppedAt).toBeUndefined();
    expect(played.final.events.some((e) => e.event.type === 'needle.pastPosteriorWall')).toBe(true);
    expect(played.final.cement.inBodyMl).toBeGreaterThan(0);
  });
}
