import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, goldenPath, loadPlan, loadScenario } from './goldenFixtures';
import { runPlan } from '../../sim/plan/runPlan';
import { replay } from '../../sim/replay';
import { parseAttemptFile } from '../../sim/attempt/attemptFile';
import { scoreAttempt } from '../../sim/scoring/score';

/**
 * Golden replays (matter-js style): scenario + seed + log must give exactly the recorded outcome.
 * Any drift fails; if it was intended, re-record with `npx tsx scripts/updateGolden.ts` and commit
 * the new golden files with the reason.
 */
describe.each(GOLDEN_CASES)('golden replay $name', (c) => {
  const golden = JSON.parse(readFileSync(goldenPath(c.name), 'utf8'));

  it('replaying the recorded log gives the recorded final score and metrics', () => {
    const attempt = parseAttemptFile(golden.attempt);
    const session = replay(attempt.scenario, attempt.seed, attempt.log, attempt.endTick);
    expect(session.tick).toBe(golden.expected.endTick);
    const report = scoreAttempt(session.scenario, session.log, session.snapshot());
    expect(report).toEqual(golden.expected.report);
  });

  it('running the plan today records the same log', () => {
    const session = runPlan(loadScenario(c.scenario), c.seed, loadPlan(c.plan));
    expect(session.log).toEqual(golden.attempt.log);
  });

  it('the textbook attempt completes; it passes unless its cement reached the canal', () => {
    const r = golden.expected.report;
    expect(r.metrics.finished).toBe(true);
    expect(r.passed).toBe(c.passes);
    if (c.passes) expect(r.criticalErrors).toEqual([]);
    else expect(r.criticalErrors.map((e: { id: string }) => e.id)).toContain('canal-leak');
  });

  it(`pins its cement outcome: ${c.cement}`, () => {
    const m = golden.expected.report.metrics;
    const leaks = ['Epidural', 'Foraminal', 'Venous', 'Paravertebral', 'Intradiscal', 'Tract'].filter((loc) => m[`leak${loc}Ml`] > 0);
    if (c.cement === 'clean fill') {
      expect(leaks).toEqual([]);
      expect(m.cementInBodyMl).toBeGreaterThanOrEqual(4);
    } else if (c.cement === 'disc leak') expect(leaks).toEqual(['Intradiscal']);
    else expect(leaks).toEqual(['Epidural']);
  });
});
