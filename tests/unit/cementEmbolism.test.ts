import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { DomainEvent } from '../../sim/core/events';
import { createRng } from '../../sim/math/rng';
import { CEMENT_EMBOLISM, obstructionOf } from '../../sim/patient/index';
import { Patient } from '../../sim/patient/patient';
import type { PatientView } from '../../sim/patient/patientView';
import { type Plan, planSchema, runPlan } from '../../sim/plan/index';

/**
 * Cement pulmonary embolism (sim/patient/cementEmbolism.ts): the cement model's venous volume
 * reaches the lungs after a transit delay and moves SpO2, heart rate and blood pressure, graded by
 * volume; oxygen and fluids change the course. The model is driven here with a venous volume as
 * the world gives it; the session tests below take it from a real leak.
 */

const WEDGE: Scenario = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'levels/l1-osteoporotic-wedge.json',
);
const DT_S = 1 / 60;

/** A patient of the wedge case (74 years, 62 kg); seed 1 rests at SpO2 95.2 %, HR 78 bpm, systolic 134 mmHg. */
const patient = (seed = 1): Patient => new Patient(WEDGE.patient, createRng(seed).fork('patient'));

/** Step the patient for `seconds` s, collecting its events. */
function run(p: Patient, seconds: number, events: DomainEvent[] = []): PatientView {
  for (let i = 0; i < seconds * 60; i++) events.push(...p.step(DT_S));
  return p.view();
}

/** The change in the vital signs `atS` seconds after `venousMl` of cement entered the veins. */
function signsAfter(venousMl: number, atS: number, o2LPerMin = 0) {
  const p = patient();
  if (o2LPerMin > 0) p.apply({ type: 'oxygen.nasal', lPerMin: o2LPerMin }, null);
  const before = run(p, 120);
  const events: DomainEvent[] = [];
  p.venousCement(venousMl);
  const after = run(p, atS, events);
  return {
    spo2: after.spo2Pct - before.spo2Pct,
    hr: after.heartRateBpm - before.heartRateBpm,
    sbp: after.systolicMmHg - before.systolicMmHg,
    after,
    events: events.filter((e) => e.type === 'patient.complication'),
  };
}

describe('cement embolism: cause to signs', () => {
  it('no venous cement gives no change at all: the numbers are those of a patient the model never touched', () => {
    const a = patient();
    const b = patient();
    b.venousCement(0);
    expect(run(b, 300)).toEqual(run(a, 300));
    expect(signsAfter(0, 300).events).toEqual([]);
  });

  it('0.1 mL is nearly silent; 0.5 mL a clear, moderate fall; 1 mL and more severe (5 min after the leak)', () => {
    const small = signsAfter(0.1, 300);
    expect(small.spo2).toBeGreaterThan(-0.5);
    expect(small.hr).toBeLessThan(1);
    expect(small.sbp).toBeGreaterThan(-1.5);
    expect(small.events).toEqual([]);

    const moderate = signsAfter(0.5, 300);
    // 7.0 SpO2 points, +12.6 bpm, -16.9 mmHg on room air.
    expect(moderate.spo2).toBeLessThan(-5);
    expect(moderate.spo2).toBeGreaterThan(-9);
    expect(moderate.hr).toBeGreaterThan(10);
    expect(moderate.hr).toBeLessThan(15);
    expect(moderate.sbp).toBeLessThan(-14);
    expect(moderate.sbp).toBeGreaterThan(-20);
    expect(moderate.events.map((e) => e.type === 'patient.complication' && e.severity)).toEqual(['mild', 'moderate']);

    const severe = signsAfter(1, 300);
    // 15.2 points, +27 bpm, -37 mmHg: the SpO2 alarm sounds.
    expect(severe.spo2).toBeLessThan(-14);
    expect(severe.hr).toBeGreaterThan(25);
    expect(severe.sbp).toBeLessThan(-30);
    expect(severe.after.alarms).toContain('spo2Low');
    expect(severe.events.map((e) => e.type === 'patient.complication' && e.severity)).toEqual([
      'mild',
      'moderate',
      'severe',
    ]);
    expect(signsAfter(1.5, 300).after.alarms).toEqual(expect.arrayContaining(['spo2Low', 'systolicLow']));
  });

  it('the cement takes its transit time to the lungs: 1 mL shows little at 5 s and most at 1 min', () => {
    const at5 = signsAfter(1, 5);
    expect(at5.after.cementInLungsMl).toBeLessThan(0.1);
    expect(at5.spo2).toBeGreaterThan(-0.5);
    expect(at5.events).toEqual([]);
    const at60 = signsAfter(1, 60);
    expect(at60.after.cementInLungsMl).toBeGreaterThan(0.95);
    expect(at60.spo2).toBeLessThan(-10);
    // All of it arrives, none is made up.
    expect(signsAfter(1, 600).after.cementInLungsMl).toBeCloseTo(1, 9);
  });

  it('graded by volume: monotone and smooth from 0 to 2 mL', () => {
    const falls: number[] = [];
    for (let i = 0; i <= 40; i++) falls.push(signsAfter(i * 0.05, 300).spo2);
    for (let i = 1; i < falls.length; i++) {
      expect(falls[i]).toBeLessThan(falls[i - 1]);
      // No step: 0.05 mL more never costs more than 1.5 SpO2 points.
      expect(falls[i - 1] - falls[i]).toBeLessThan(1.5);
    }
    // The obstruction itself is the stated sigmoid: half at halfEffectMl.
    expect(obstructionOf(CEMENT_EMBOLISM.halfEffectMl)).toBeCloseTo(0.5, 12);
  });

  it('is deterministic: the same volume gives the same numbers', () => {
    expect(signsAfter(0.7, 200)).toEqual(signsAfter(0.7, 200));
  });
});

describe('cement embolism: the answers change the course', () => {
  it('oxygen spares part of the desaturation, given before or once the signs are there', () => {
    const roomAir = signsAfter(1, 300);
    const onOxygen = signsAfter(1, 300, 2);
    // 15.2 points on room air, 12.3 from a higher start on 2 L/min (shunt is not corrected, the
    // rest is), and the SpO2 itself 4 points higher.
    expect(onOxygen.spo2).toBeGreaterThan(roomAir.spo2 + 2.5);
    expect(onOxygen.after.spo2Pct).toBeGreaterThan(roomAir.after.spo2Pct + 3.5);
    expect(onOxygen.spo2).toBeLessThan(-5);

    const late = patient();
    const none = patient();
    for (const p of [late, none]) p.venousCement(1);
    run(late, 90);
    run(none, 90);
    late.apply({ type: 'oxygen.nasal', lPerMin: 4 }, null);
    const withO2 = run(late, 180);
    const without = run(none, 180);
    expect(withO2.spo2Pct).toBeGreaterThan(without.spo2Pct + 5);
    expect(without.alarms).toContain('spo2Low');
  });

  it('a fluid bolus raises the blood pressure in the hypotension, little at rest', () => {
    const given = patient();
    const none = patient();
    for (const p of [given, none]) p.venousCement(1.5);
    run(given, 60);
    run(none, 60);
    given.apply({ type: 'patient.fluids', mL: 500 }, null);
    const a = run(given, 300);
    const b = run(none, 300);
    // 500 mL over 5 min: +15 mmHg on a 47 mmHg fall.
    expect(a.systolicMmHg - b.systolicMmHg).toBeGreaterThan(8);
    expect(a.diastolicMmHg).toBeGreaterThan(b.diastolicMmHg);
    expect(a.fluidsMl).toBe(500);

    const atRest = patient();
    const before = run(atRest, 60);
    atRest.apply({ type: 'patient.fluids', mL: 500 }, null);
    const rise = run(atRest, 300).systolicMmHg - before.systolicMmHg;
    expect(rise).toBeGreaterThan(0);
    expect(rise).toBeLessThan(3);
  });
});

/** The liquid-cement vertebroplasty (T12, seed 5) up to its first push, then `injection`, then 3 min. */
const T12: Scenario = parseScenario(
  JSON.parse(readFileSync('levels/t12-biconcave-vertebroplasty.json', 'utf8')),
  'levels/t12-biconcave-vertebroplasty.json',
);
const LIQUID: Plan = planSchema.parse(
  JSON.parse(readFileSync('tests/fixtures/plans/liquid-cement-vertebroplasty.json', 'utf8')),
);
const firstPush = LIQUID.steps.findIndex((st) => 'repeat' in st && st.repeat.type === 'cement.inject');

function vertebroplasty(injection: Plan['steps']) {
  const steps: Plan['steps'] = [...LIQUID.steps.slice(0, firstPush), ...injection, { waitS: 180 }];
  const s = runPlan(T12, 5, { ...LIQUID, steps });
  const snap = s.snapshot();
  const venous = snap.cement.leaks.find((l) => l.location === 'venous');
  const complications = s.events.filter((e) => e.event.type === 'patient.complication');
  return { snap, venousMl: venous?.volumeMl ?? 0, venousTick: venous?.firstTick ?? -1, complications };
}

describe('cement embolism in a session: from the cement model, and stopping the injection', () => {
  // The fixture's own injection: 0.5 mL pushes, stopped at the first leak.
  const stopped = vertebroplasty([LIQUID.steps[firstPush], { do: { type: 'cement.stop' }, optional: true }]);
  // Pushing on through the leak: 10 more half-millilitres, loading the device when it runs out.
  const pushedOn = vertebroplasty(
    Array.from({ length: 10 }, (): Plan['steps'] => [
      { do: { type: 'cement.load' }, optional: true },
      { do: { type: 'cement.inject', mL: 0.5 } },
      { shot: 'lateral', seconds: 0.5 },
      { waitS: 2.5 },
    ]).flat(),
  );

  it('the lungs receive the venous volume of the cement model, no more and no less', () => {
    // Stopped at the first leak some cement is already venous (0.09 mL since the body's waist took cells from its lattice).
    expect(stopped.venousMl).toBeGreaterThan(0.05);
    expect(stopped.snap.patient.cementInLungsMl).toBeCloseTo(stopped.venousMl, 6);
    expect(pushedOn.snap.patient.cementInLungsMl).toBeCloseTo(pushedOn.venousMl, 6);
  });

  it('stopping at the leak keeps the venous cement small and the patient silent; pushing on brings the signs', () => {
    // ~0.09 mL against more once pushed on (the basivertebral channel full, the rest goes epidural).
    expect(pushedOn.venousMl).toBeGreaterThan(stopped.venousMl + 0.04);
    expect(stopped.complications).toEqual([]);
    expect(pushedOn.complications.map((e) => e.event)).toEqual([
      { type: 'patient.complication', kind: 'cementEmbolism', severity: 'mild' },
    ]);
    // The signs come after the leak, by the transit.
    expect(pushedOn.complications[0].tick).toBeGreaterThan(pushedOn.venousTick);
    expect(pushedOn.snap.patient.embolism).toBe('mild');
    expect(pushedOn.snap.patient.spo2Pct).toBeLessThan(stopped.snap.patient.spo2Pct - 0.5);
  });
});
