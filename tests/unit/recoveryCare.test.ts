import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { type Plan, type PlanStep, planSchema, runPlan } from '../../sim/plan/index';
import { type ScoreReport, scoreAttempt } from '../../sim/scoring/index';
import { counselOwed, recoveryStart } from '../../sim/scoring/recoveryCare';

/**
 * Recovery care in the process domain (sim/scoring/README.md, "Recovery and discharge"): an hour
 * observed before the decision, a neurological examination in recovery, and the counselling the
 * patient is owed, routine and from the history.
 */

const SCENARIO: Scenario = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'levels/l1-osteoporotic-wedge.json',
);
const TEXTBOOK: Plan = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));

/** The plans' recovery steps: the examination, 60 + 30 min observed, the counselling. */
const isRecoveryStep = (s: PlanStep): boolean =>
  ('do' in s && (s.do.type === 'neuro.examine' || s.do.type === 'counsel.give')) ||
  ('waitS' in s && (s.waitS === 3600 || s.waitS === 1800));

function report(plan: Plan): ScoreReport {
  const s = runPlan(SCENARIO, 42, plan);
  return scoreAttempt(SCENARIO, s.log, s.snapshot());
}

const processItems = (r: ScoreReport) => r.domains.find((d) => d.id === 'process')?.items ?? [];

describe('recovery care', () => {
  it('the textbook plan observes an hour and a half, examines and counsels on every routine topic: nothing lost', () => {
    const r = report(TEXTBOOK);
    const items = processItems(r);
    const observed = items.find((i) => i.label.startsWith('Observed in recovery'));
    expect(observed?.value).toBe('90 min');
    expect(items.find((i) => i.label === 'Neurological examination and pain score in recovery')?.value).toBe('done');
    const counselled = items.filter((i) => i.label.startsWith('Counselled'));
    expect(counselled).toHaveLength(7);
    expect(counselled.every((i) => i.value === 'done')).toBe(true);
    expect(r.domains.find((d) => d.id === 'process')?.score).toBe(100);
    // The hour in recovery is not procedure time.
    expect(items.find((i) => i.label === 'Procedure time')?.points).toBe(0);
  });

  it('deciding on arrival, without an examination or counselling, costs the process domain 41 points', () => {
    const r = report({ ...TEXTBOOK, steps: TEXTBOOK.steps.filter((s) => !isRecoveryStep(s)) });
    const items = processItems(r);
    expect(items.find((i) => i.label.startsWith('Observed in recovery'))?.points).toBe(-10);
    expect(items.find((i) => i.label === 'Neurological examination and pain score in recovery')?.points).toBe(-10);
    expect(items.filter((i) => i.label.startsWith('Counselled') && i.points === -3)).toHaveLength(7);
    expect(r.domains.find((d) => d.id === 'process')?.score).toBe(59);
  });

  it('half an hour of observation is short; counselling on part of the list loses the rest', () => {
    const steps = TEXTBOOK.steps.map((s): PlanStep => {
      if ('waitS' in s && s.waitS === 3600) return { waitS: 1 };
      if ('do' in s && s.do.type === 'counsel.give') return { do: { type: 'counsel.give', topics: ['activity'] } };
      return s;
    });
    const items = processItems(report({ ...TEXTBOOK, steps }));
    expect(items.find((i) => i.label.startsWith('Observed in recovery'))?.value).toBe('30 min');
    expect(items.find((i) => i.label.startsWith('Observed in recovery'))?.points).toBe(-10);
    expect(items.filter((i) => i.label.startsWith('Counselled') && i.value === 'missed')).toHaveLength(6);
  });

  it('a patient on an anticoagulant is owed its restart plan as well', () => {
    const anticoagulated: Scenario = {
      ...SCENARIO,
      patient: { ...SCENARIO.patient, anticoagulant: { drug: 'apixaban', lastDoseHoursAgo: 72 } },
    };
    const s = runPlan(SCENARIO, 42, TEXTBOOK);
    expect(counselOwed({ scenario: SCENARIO, log: s.log, final: s.snapshot() })).not.toContain('anticoagulation');
    expect(counselOwed({ scenario: anticoagulated, log: s.log, final: s.snapshot() })).toContain('anticoagulation');
  });

  it("recovery starts at the final images' next, not at the debrief's next on the decision's tick", () => {
    const s = runPlan(SCENARIO, 42, TEXTBOOK);
    const input = { scenario: SCENARIO, log: s.log, final: s.snapshot() };
    const decision = s.log.find((e) => e.command.type === 'discharge.decide');
    const start = recoveryStart(input);
    expect(start).not.toBeNull();
    expect((decision?.tick ?? 0) - (start ?? 0)).toBe(5400 * 60);
  });
});
