import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { procedureCement, scenarioProfiles } from '../../scripts/calibrate-cement';
import { runPlan } from '../../sim/plan';
import { scoreAttempt } from '../../sim/scoring';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * The library's promise to an instructor, checked on every shipped scenario: its expert plan
 * completes and passes on ten patients with no critical error, and its leaks stay where the cement
 * calibration puts that kind of case (scripts/calibrate-cement.ts `scenarioProfiles`, the same
 * figures `npm run calibrate:cement` prints on 20-40 patients). Ten patients cannot pin a rate, so
 * the check is the statistical one: the published range must lie within reach of what ten patients
 * showed (it must overlap the 95 % Wilson interval of the observed share). Cases to decline: the
 * expert declines and passes, and operating on them is a critical error.
 */
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
const files = readdirSync('levels').filter((f) => f.endsWith('.json'));
const profiles = scenarioProfiles();

/** 95 % Wilson score interval of k successes in n, as percentages. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half) * 100, Math.min(1, centre + half) * 100];
}
const overlaps = ([a, b]: readonly [number, number], [c, d]: readonly [number, number]): boolean => a <= d && c <= b;

describe('the scenario library', () => {
  it('the Wilson interval is what the check relies on', () => {
    const [lo0, hi0] = wilson(0, 10);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(27.75, 1);
    const [lo5, hi5] = wilson(5, 10);
    expect(lo5).toBeCloseTo(23.66, 1);
    expect(hi5).toBeCloseTo(76.34, 1);
    // 9 leaks in 10 patients is out of reach of a 5-25 % case: the check can fail.
    expect(overlaps(wilson(9, 10), [5, 25])).toBe(false);
  });

  for (const file of files) {
    const scenario = loadScenario(`levels/${file}`);
    const expertPlan = scenario.scoring.expertPlan ?? '';
    const plan = loadPlan(`levels/plans/${expertPlan}.json`);

    if (scenario.indication?.decision === 'decline') {
      it(`${scenario.id}: the expert declines for the case's reason and passes; operating is a critical error`, () => {
        for (const seed of SEEDS.slice(0, 3)) {
          const s = runPlan(scenario, seed, plan);
          const report = scoreAttempt(s.scenario, s.log, s.snapshot());
          expect(report.decision?.chosen, `seed ${seed}`).toBe('decline');
          expect(report.decision?.reasonCorrect, `seed ${seed}`).toBe(true);
          expect(report.passed, `seed ${seed}`).toBe(true);
        }
        const operate = loadPlan(
          scenario.procedure === 'kyphoplasty'
            ? 'levels/plans/textbook-kyphoplasty.json'
            : 'levels/plans/textbook-vertebroplasty.json',
        );
        let s: ReturnType<typeof runPlan> | null = null;
        try {
          s = runPlan(scenario, 1, operate);
        } catch {
          // A plan may stop on this patient after the decision to operate: the log so far is scored below.
        }
        if (!s) return;
        const report = scoreAttempt(s.scenario, s.log, s.snapshot());
        expect(report.criticalErrors.map((e) => e.id)).toContain('operated-not-indicated');
        expect(report.passed).toBe(false);
      });
      continue;
    }

    it(`${scenario.id}: ${expertPlan} completes and passes on ten patients, with leaks in the case's range`, () => {
      const profile = profiles.find((p) => p.scenario(1).id === scenario.id);
      if (!profile) throw new Error(`${scenario.id} has no profile in scripts/calibrate-cement.ts scenarioProfiles`);
      expect(profile.plan, 'the calibration runs the scenario’s own expert plan').toEqual(plan);
      let leaked = 0;
      let canal = 0;
      let passed = 0;
      const failures: string[] = [];
      for (const seed of SEEDS) {
        const s = runPlan(scenario, seed, plan);
        const report = scoreAttempt(s.scenario, s.log, s.snapshot());
        expect(
          report.criticalErrors.map((e) => e.id),
          `seed ${seed}`,
        ).toEqual([]);
        if (report.passed) passed++;
        else failures.push(`seed ${seed}: total ${report.total} against ${report.passScore}`);
        const leaks = procedureCement(s.snapshot()).leaks;
        if (leaks.length > 0) leaked++;
        if (leaks.some((l) => l.location === 'epidural' || l.location === 'foraminal')) canal++;
      }
      // No critical error on any patient, and a pass on at least nine of ten: an expert's hand varies
      // (plan.variation: skin entry about 1 mm, aim about 0.7 deg), and a patient whose target zone the
      // cannula just misses, or whose lift stays small, may end a point or two under the mark
      // (docs/validity.md: experts pass in the reference set, not on every patient).
      expect(passed, failures.join('; ')).toBeGreaterThanOrEqual(SEEDS.length - 1);
      expect(
        overlaps(wilson(leaked, SEEDS.length), profile.anyLeakPct),
        `${leaked}/10 leaked against ${profile.anyLeakPct.join('-')} %`,
      ).toBe(true);
      expect(
        overlaps(wilson(canal, SEEDS.length), profile.canalLeakPct),
        `${canal}/10 canal leaks against ${profile.canalLeakPct.join('-')} %`,
      ).toBe(true);
    });
  }
});
