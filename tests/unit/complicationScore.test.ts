import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { Command } from '../../sim/core/commands';
import { type Plan, planSchema, runPlan } from '../../sim/plan/index';
import { type ScoreReport, scoreAttempt } from '../../sim/scoring/index';
import { createSession, type Session } from '../../sim/session/index';

/**
 * Complication management (sim/scoring/README.md): over-sedation from the patient model's own
 * midazolam, answered well, late, badly or not at all, scored from the log and the events.
 */

const SCENARIO: Scenario = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'levels/l1-osteoporotic-wedge.json',
);

function inPreOp(): Session {
  const s = createSession(SCENARIO, 1);
  for (const item of ['history', 'imaging', 'candidacy'] as const) s.dispatch({ type: 'checklist.tick', item });
  expect(s.dispatch({ type: 'phase.next' }).accepted).toBe(true);
  return s;
}

const accept = (s: Session, c: Command): void => {
  const r = s.dispatch(c);
  expect(r.accepted, r.reason).toBe(true);
};

/** Steps until the first event of this type; returns its tick. */
function until(s: Session, type: string, kind?: string): number {
  for (let i = 0; i < 600; i++) {
    const e = s
      .snapshot()
      .events.find(
        (x) => x.event.type === type && (kind === undefined || ('kind' in x.event && x.event.kind === kind)),
      );
    if (e) return e.tick;
    s.stepTicks(60);
  }
  throw new Error(`no ${type} in 10 min`);
}

/**
 * Midazolam doses a minute apart, then the answers at the given seconds after the first alarm,
 * then 10 min more; the report of that (unfinished) attempt.
 */
function sedated(doses: readonly number[], answers: readonly [number, Command][]): ScoreReport {
  const s = inPreOp();
  for (const mg of doses) {
    accept(s, { type: 'sedation.midazolam', mg });
    s.stepTicks(60);
  }
  const sign = until(s, 'patient.alarm');
  for (const [atS, command] of answers) {
    s.stepTicks(Math.max(0, sign + atS * 60 - s.snapshot().tick));
    accept(s, command);
  }
  s.stepTicks(600 * 60);
  return scoreAttempt(SCENARIO, s.log, s.snapshot());
}

const domain = (r: ScoreReport) => r.domains.find((d) => d.id === 'complications');
const item = (r: ScoreReport, words: string) => domain(r)?.items.find((i) => i.label.includes(words));
const critical = (r: ScoreReport) => r.criticalErrors.filter((c) => c.id === 'complication-unanswered');

describe('over-sedation in the patient model', () => {
  it('5 mg in the 74-year-old goes past procedural sedation: mild (RASS -4), then moderate as breathing slows under 8 /min', () => {
    const s = inPreOp();
    accept(s, { type: 'sedation.midazolam', mg: 5 });
    s.stepTicks(300 * 60);
    const grades = s
      .snapshot()
      .events.flatMap((e) =>
        e.event.type === 'patient.complication' && e.event.kind === 'oversedation' ? [e.event.severity] : [],
      );
    expect(grades).toEqual(['mild', 'moderate']);
    expect(s.snapshot().patient.overSedation).toBe('moderate');
    expect(s.snapshot().patient.respiratoryRatePerMin).toBeLessThan(8);
  });

  it('2 mg stays within procedural sedation: no complication', () => {
    const s = inPreOp();
    accept(s, { type: 'sedation.midazolam', mg: 2 });
    s.stepTicks(600 * 60);
    expect(s.snapshot().events.some((e) => e.event.type === 'patient.complication')).toBe(false);
    expect(s.snapshot().patient.overSedation).toBeNull();
  });
});

describe('the complication domain', () => {
  it('is absent from an attempt without a complication: the textbook plan scores as before', () => {
    const plan: Plan = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));
    const s = runPlan(SCENARIO, 1, plan);
    const report = scoreAttempt(SCENARIO, s.log, s.snapshot());
    expect(report.criticalErrors).toEqual([]);
    expect(report.domains.map((d) => d.id)).toEqual([
      'leakage',
      'misplacement',
      'height',
      'radiation',
      'cement',
      'process',
      'imaging',
    ]);
  });

  it('oxygen within a minute of the alarm answers a moderate over-sedation in full', () => {
    const r = sedated([5], [[30, { type: 'oxygen.nasal', lPerMin: 2 }]]);
    expect(domain(r)?.score).toBe(100);
    expect(domain(r)?.weight).toBe(0.15);
    expect(item(r, 'recognised')?.value).toBe('30 s');
    expect(item(r, 'Oxygen')?.value).toBe('given');
    expect(critical(r)).toEqual([]);
  });

  it('oxygen after 2.5 min is recognised late, and late for its 2 min limit', () => {
    const r = sedated([5], [[150, { type: 'oxygen.nasal', lPerMin: 2 }]]);
    expect(item(r, 'recognised')?.points).toBe(-10);
    expect(item(r, 'Oxygen')?.points).toBe(-8);
    expect(domain(r)?.score).toBe(82);
  });

  it('nothing done: not recognised and oxygen missed, but a moderate grade is no critical error', () => {
    const r = sedated([5], []);
    expect(item(r, 'recognised')?.value).toBe('never');
    expect(domain(r)?.score).toBe(45);
    expect(critical(r)).toEqual([]);
  });

  it('more midazolam after the alarm is an error of its own', () => {
    const r = sedated([5], [[20, { type: 'sedation.midazolam', mg: 1 }]]);
    expect(item(r, 'More midazolam')?.points).toBe(-15);
    // The extra bolus is no answer: the over-sedation is still unrecognised.
    expect(item(r, 'recognised')?.value).toBe('never');
  });

  it('10 mg left unanswered goes severe: a critical error that fails the attempt', () => {
    const r = sedated([5, 5], []);
    expect(critical(r)).toHaveLength(1);
    expect(critical(r)[0]?.label).toMatch(/Over-sedation grew to severe after its first sign with no answer given/);
    expect(r.passed).toBe(false);
    expect(item(r, 'flumazenil')?.value).toBe('not given');
    expect(item(r, 'Help called')?.value).toBe('not given');
  });

  it('10 mg answered with oxygen, reversal and help in time: full marks and no critical error', () => {
    const r = sedated(
      [5, 5],
      [
        [10, { type: 'oxygen.nasal', lPerMin: 4 }],
        [20, { type: 'patient.callForHelp' }],
        [40, { type: 'sedation.flumazenil', mg: 0.5 }],
      ],
    );
    expect(critical(r)).toEqual([]);
    expect(domain(r)?.score).toBe(100);
  });

  it('the answer changes the course: reversal brings the breathing back', () => {
    const breathing = (answers: readonly [number, Command][]) => {
      const s = inPreOp();
      for (const mg of [5, 5]) {
        accept(s, { type: 'sedation.midazolam', mg });
        s.stepTicks(60);
      }
      const sign = until(s, 'patient.alarm');
      for (const [atS, command] of answers) {
        s.stepTicks(Math.max(0, sign + atS * 60 - s.snapshot().tick));
        accept(s, command);
      }
      s.stepTicks(sign + 180 * 60 - s.snapshot().tick);
      return s.snapshot().patient;
    };
    const none = breathing([]);
    const reversed = breathing([[20, { type: 'sedation.flumazenil', mg: 0.5 }]]);
    expect(none.respiratoryRatePerMin).toBeLessThan(6);
    expect(reversed.respiratoryRatePerMin).toBeGreaterThan(none.respiratoryRatePerMin + 3);
    expect(reversed.spo2Pct).toBeGreaterThan(none.spo2Pct + 3);
  });
});
