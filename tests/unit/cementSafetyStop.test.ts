import { describe, expect, it } from 'vitest';
import { runPlan } from '../../sim/plan';
import { scoreAttempt } from '../../sim/scoring';
import type { SimSnapshot } from '../../sim/session/snapshot';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * A short fill is not a technique error when the operator stopped because the technique demands it:
 * a leak seen on the image after the last push, or the front at the posterior limit on the lateral
 * view. On the myeloma case, patient 6, the expert's cement leaks into the paravertebral space with
 * 0.84 mL in the body and the front already in the posterior quarter; the expert stops, as taught.
 */
const scenario = loadScenario('levels/l1-myeloma-posterior-wall-defect.json');
const session = runPlan(scenario, 6, loadPlan('levels/plans/expert-vertebroplasty-wall-defect.json'));
const final = session.snapshot();
const volumeItem = (snap: SimSnapshot) =>
  scoreAttempt(scenario, session.log, snap)
    .domains.find((d) => d.id === 'cement')
    ?.items.find((i) => i.label.startsWith('Cement in the body'));

describe('cement volume short of the window', () => {
  it('costs nothing when the injection stopped at a leak the operator saw', () => {
    expect(final.cement.inBodyMl).toBeLessThan(2);
    expect(final.cement.leaks.some((l) => l.seenTick !== null)).toBe(true);
    const item = volumeItem(final);
    expect(item?.points).toBe(0);
    expect(item?.value).toMatch(/stopped for safety: a leak on the image/);
  });

  it('costs nothing when the lateral view showed the front at the posterior limit and nothing leaked', () => {
    // Patient 6's front stopped at 0.62 of the depth; a lateral image after the last push showing it at 0.8 is the posterior quarter.
    const atLimit = { ...final.cement.distribution, posteriorReach: 0.8 };
    const noLeak = { ...final, cement: { ...final.cement, leaks: [], distribution: atLimit } } as SimSnapshot;
    expect(volumeItem(noLeak)?.value).toMatch(/the front at the posterior limit/);
    expect(volumeItem(noLeak)?.points).toBe(0);
  });

  it('costs 15 points per mL when neither holds: stopping early for no reason is underfilling', () => {
    const noReason = {
      ...final,
      cement: { ...final.cement, leaks: [], distribution: { ...final.cement.distribution, posteriorReach: 0.4 } },
    } as SimSnapshot;
    const item = volumeItem(noReason);
    expect(item?.points).toBeLessThan(-20);
    expect(item?.value).not.toMatch(/stopped for safety/);
  });
});
