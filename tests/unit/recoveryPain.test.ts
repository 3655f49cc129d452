import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import type { NerveLesion } from '../../sim/patient/nerveInjury';
import { Patient } from '../../sim/patient/patient';
import { painControlled, painOnSitting, RECOVERY_PAIN, stabilisation } from '../../sim/patient/recoveryPain';
import { planSchema, runPlan } from '../../sim/plan/index';

const SCENARIO: Scenario = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'levels/l1-osteoporotic-wedge.json',
);
const TEXTBOOK = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));
const MEDIAL_BREACH = planSchema.parse(
  JSON.parse(readFileSync('tests/fixtures/plans/medial-breach-kyphoplasty.json', 'utf8')),
);

/** L1 filled to this share of its body's volume. */
const l1 = (fill: number) => new Map([['L1' as const, fill]]);
const rootLesion = (grade: number): NerveLesion => ({ kind: 'root', level: 'L1', root: 'L1', side: 'left', grade });

describe('pain on sitting up in recovery (sim/patient/recoveryPain.ts)', () => {
  it('an untreated fracture keeps its pain; a body filled to the full-relief share takes about 5 points away', () => {
    const r = RECOVERY_PAIN;
    expect(painOnSitting(l1(0), [], 0)).toBe(r.fractureNrs);
    expect(painOnSitting(l1(r.fullReliefFill), [], 0)).toBeCloseTo(r.fractureNrs * (1 - r.maxRelief), 9);
    expect(r.fractureNrs - painOnSitting(l1(0.5), [], 0)).toBeCloseTo(5.2, 1);
    expect(stabilisation(0.15)).toBeCloseTo(0.5, 9);
  });

  it('falls smoothly and steadily as cement goes in, steeply at first', () => {
    let last = painOnSitting(l1(0), [], 0);
    const first = last - painOnSitting(l1(0.05), [], 0);
    const later = painOnSitting(l1(0.2), [], 0) - painOnSitting(l1(0.25), [], 0);
    expect(first).toBeGreaterThan(later);
    // The steepest slope, at no cement: 2 x 8 x 0.65 / 0.3, about 35 points per unit of fill.
    const r = RECOVERY_PAIN;
    const steepest = (2 * r.fractureNrs * r.maxRelief) / r.fullReliefFill;
    for (let fill = 0.005; fill <= 0.5; fill += 0.005) {
      const p = painOnSitting(l1(fill), [], 0);
      expect(p).toBeLessThanOrEqual(last + 1e-12);
      expect(last - p).toBeLessThanOrEqual(steepest * 0.005 + 1e-9);
      last = p;
    }
    // A fifth of the body (the usual aim) lets the patient go home; a tenth does not.
    expect(painControlled(painOnSitting(l1(0.2), [], 0))).toBe(true);
    expect(painControlled(painOnSitting(l1(0.1), [], 0))).toBe(false);
    // The patient answers in whole numbers: 4.4 is a 4, controlled; 4.5 a 5.
    expect(painControlled(4.4)).toBe(true);
    expect(painControlled(4.5)).toBe(false);
  });

  it('a pressed root aches on top, by its grade, and so does a haematoma', () => {
    const base = painOnSitting(l1(0.3), [], 0);
    expect(painOnSitting(l1(0.3), [rootLesion(0)], 0) - base).toBeCloseTo(RECOVERY_PAIN.nerveAcheByGrade[0], 9);
    expect(painOnSitting(l1(0.3), [rootLesion(0), rootLesion(2)], 0) - base).toBeCloseTo(
      RECOVERY_PAIN.nerveAcheByGrade[2],
      9,
    );
    expect(painOnSitting(l1(0.3), [], 1.5) - base).toBeCloseTo(1.5, 9);
    expect(painOnSitting(l1(0), [rootLesion(2)], 2)).toBe(10);
  });

  it('is scored only once the instruments are out, and the worst treated level counts', () => {
    const p = new Patient(SCENARIO.patient, createRng(1).fork('patient'));
    p.fractures(['T12', 'L1']);
    p.augmentation('L1', 0.3);
    expect(p.painOnSittingNrs).toBeNull();
    expect(p.examine(0).painOnSittingNrs).toBeNull();
    p.apply({ type: 'instruments.remove' }, null);
    // T12 has no cement yet: its pain is the patient's.
    expect(p.painOnSittingNrs).toBe(RECOVERY_PAIN.fractureNrs);
    p.augmentation('T12', 0.35);
    expect(p.examine(1).painOnSittingNrs).toBeCloseTo(RECOVERY_PAIN.fractureNrs * (1 - RECOVERY_PAIN.maxRelief), 9);
  });

  it('the recovery examination records it: controlled after the textbook kyphoplasty, not after a medial breach that pressed the cord', () => {
    const textbook = runPlan(SCENARIO, 42, TEXTBOOK).snapshot();
    const ok = textbook.patient.neuroExam?.painOnSittingNrs;
    expect(ok).toBeCloseTo(3.2, 1);
    expect(painControlled(ok ?? 10)).toBe(true);
    const breach = runPlan(SCENARIO, 42, MEDIAL_BREACH).snapshot();
    const hurt = breach.patient.neuroExam?.painOnSittingNrs ?? 0;
    expect(painControlled(hurt)).toBe(false);
    // The same fracture pain under about the same cement, plus the pressed root's ache.
    expect(hurt - (ok ?? 0)).toBeGreaterThanOrEqual(RECOVERY_PAIN.nerveAcheByGrade[0] - 0.5);
  });
});
