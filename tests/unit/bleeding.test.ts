import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { Command } from '../../sim/core/commands';
import type { DomainEvent } from '../../sim/core/events';
import { createRng } from '../../sim/math/rng';
import { BLEEDING, drugActivity, HYPOVOLAEMIA, impairmentOf, type PatientView } from '../../sim/patient/index';
import { Patient } from '../../sim/patient/patient';
import { type Plan, planSchema, runPlan } from '../../sim/plan/index';
import type { Session } from '../../sim/session/index';
import { describeEvent } from '../../src/procedure/describeEvent';

/**
 * Bleeding from the puncture tracts (sim/patient/bleeding.ts): silent with normal clotting; with an
 * INR of 3.2 or apixaban taken 6 h before, an ooze and then a haematoma after the instruments come
 * out, which 5 min of pressure stops; more with two tracts than one, a hypovolaemic pulse and
 * pressure when much is lost, and fluids as the answer to that. The scenarios are the shipped
 * vertebroplasty (unipedicular) and bipedicular kyphoplasty cases with their labs or drug changed
 * here (the shipped warfarin cases keep their files: a content change would change their hashes).
 */

const load = (path: string): Scenario => parseScenario(JSON.parse(readFileSync(path, 'utf8')), path);
const loadPlan = (path: string): Plan => planSchema.parse(JSON.parse(readFileSync(path, 'utf8')));

/** Unipedicular vertebroplasty, 11 G; a 68 kg patient. */
const UNI = load('levels/t12-biconcave-vertebroplasty.json');
/** Bipedicular kyphoplasty, 11 G. */
const BI = load('levels/l2-osteoporotic-wedge-bipedicular.json');
const UNI_PLAN = loadPlan('levels/plans/textbook-vertebroplasty.json');
const BI_PLAN = loadPlan('levels/plans/textbook-kyphoplasty-bipedicular.json');

type Coagulation = Pick<Scenario['patient'], 'anticoagulant'> & { inr?: number; plateletsPerNl?: number };

/** The scenario with these labs and drug (the rest of the patient as shipped). */
function withClotting(scenario: Scenario, c: Coagulation): Scenario {
  const labs = { ...scenario.patient.labs, ...(c.inr !== undefined ? { inr: c.inr } : {}) };
  if (c.plateletsPerNl !== undefined) labs.plateletsPerNl = c.plateletsPerNl;
  const patient = { ...scenario.patient, labs, ...(c.anticoagulant ? { anticoagulant: c.anticoagulant } : {}) };
  // Through the schema, as a file would load: the field is bounded and optional.
  return parseScenario(JSON.parse(JSON.stringify({ ...scenario, patient })), 'test');
}

/** The plan up to and including the removal of the instruments. */
function untilRemoval(plan: Plan): Plan {
  const i = plan.steps.findIndex((s) => 'do' in s && s.do.type === 'instruments.remove');
  return { ...plan, steps: plan.steps.slice(0, i + 1) };
}

const accept = (s: Session, c: Command): void => {
  const r = s.dispatch(c);
  expect(r.accepted, r.reason).toBe(true);
};

interface Course {
  /** At the removal, then at each listed minute after it. */
  readonly views: PatientView[];
  readonly grades: string[];
  readonly session: Session;
}

/**
 * Run the plan to the removal, then (optionally) do something at once, then step to each listed
 * minute after the removal; the bleeding grades reported from the start.
 */
function afterRemoval(scenario: Scenario, plan: Plan, minutes: readonly number[], first: Command[] = []): Course {
  const s = runPlan(scenario, 1, untilRemoval(plan));
  const views = [s.snapshot().patient];
  for (const c of first) accept(s, c);
  let t = 0;
  for (const m of minutes) {
    s.stepTicks((m - t) * 3600);
    t = m;
    views.push(s.snapshot().patient);
  }
  const grades = s.events
    .map((e) => e.event)
    .filter((e): e is Extract<DomainEvent, { type: 'patient.complication' }> => e.type === 'patient.complication')
    .filter((e) => e.kind === 'bleeding')
    .map((e) => e.severity);
  return { views, grades, session: s };
}

describe('the scenario field', () => {
  it('is optional and bounded: an unknown drug or a dose over 30 days ago is refused', () => {
    expect(UNI.patient.anticoagulant).toBeUndefined();
    const ok = withClotting(UNI, { anticoagulant: { drug: 'rivaroxaban', lastDoseHoursAgo: 720 } });
    expect(ok.patient.anticoagulant).toEqual({ drug: 'rivaroxaban', lastDoseHoursAgo: 720 });
    for (const anticoagulant of [
      { drug: 'heparin', lastDoseHoursAgo: 6 },
      { drug: 'apixaban', lastDoseHoursAgo: 721 },
      { drug: 'apixaban', lastDoseHoursAgo: -1 },
      { drug: 'apixaban' },
    ])
      expect(() =>
        parseScenario(JSON.parse(JSON.stringify({ ...UNI, patient: { ...UNI.patient, anticoagulant } })), 'test'),
      ).toThrow(/anticoagulant/);
  });
});

describe('the clotting impairment', () => {
  it('is 0 for normal labs and no drug; warfarin counts through its INR only', () => {
    expect(impairmentOf({ labs: { inr: 1.0, plateletsPerNl: 240 } })).toBe(0);
    expect(impairmentOf({})).toBe(0);
    expect(impairmentOf({ labs: { inr: 3.2, plateletsPerNl: 210 } })).toBeCloseTo(2, 12);
    expect(
      impairmentOf({
        labs: { inr: 3.2, plateletsPerNl: 210 },
        anticoagulant: { drug: 'warfarin', lastDoseHoursAgo: 12 },
      }),
    ).toBeCloseTo(2, 12);
    // 50 per nL, the guidance's floor, is worth an INR unit.
    expect(impairmentOf({ labs: { inr: 1, plateletsPerNl: 50 } })).toBeCloseTo(1, 12);
  });

  it('a direct anticoagulant wears off by its half-life after its peak; an antiplatelet drug as platelets renew', () => {
    expect(drugActivity('apixaban', 2)).toBe(1);
    expect(drugActivity('apixaban', 15)).toBeCloseTo(0.5, 12);
    expect(drugActivity('apixaban', 6)).toBeCloseTo(2 ** -0.25, 12);
    // Three days off apixaban (the guidance's longest interval) leave little.
    expect(drugActivity('apixaban', 72)).toBeLessThan(0.02);
    expect(drugActivity('clopidogrel', 6 + 84)).toBeCloseTo(0.5, 12);
    expect(drugActivity('clopidogrel', 200)).toBe(0);
  });
});

describe('normal clotting and the usual technique', () => {
  it('a unipedicular vertebroplasty: a few mL that stop within minutes of removal, nothing reported', () => {
    const { views, grades } = afterRemoval(UNI, UNI_PLAN, [1, 5, 15]);
    const [atRemoval, at1, at5, at15] = views;
    expect(atRemoval.punctureSite).toBe('oozing');
    expect(at1.bleeding).toBe(true);
    // 0.5 mL along the cannula, 3.4 mL in all; dry within 5 min.
    expect(at5.punctureSite).toBe('dry');
    expect(at5.bleeding).toBe(false);
    expect(at15.bloodLossMl).toBeLessThan(5);
    expect(at15.bloodLossMl).toBeCloseTo(at5.bloodLossMl, 1);
    expect(at15.bleedingGrade).toBeNull();
    expect(grades).toEqual([]);
  });

  it('the whole textbook plan, bipedicular: under the mild grade, nothing reported', () => {
    const s = runPlan(BI, 1, BI_PLAN);
    const p = s.snapshot().patient;
    expect(p.bloodLossMl).toBeLessThan(BLEEDING.mildMl / 2);
    expect(p.bleedingGrade).toBeNull();
    expect(s.events.some((e) => e.event.type === 'patient.complication')).toBe(false);
  });
});

describe('an INR of 3.2 or apixaban 6 h before: ooze, then a haematoma', () => {
  const MINUTES = [5, 15, 60] as const;

  it('INR 3.2: mild at 5 min, a haematoma by 15 min; the figures', () => {
    const normal = afterRemoval(UNI, UNI_PLAN, MINUTES);
    const { views, grades } = afterRemoval(withClotting(UNI, { inr: 3.2 }), UNI_PLAN, MINUTES);
    const [atRemoval, at5, at15, at60] = views;
    // 8 mL along the cannula during the procedure; 43 mL at 5 min, 74 at 15, 88 when dry.
    expect(atRemoval.bloodLossMl).toBeGreaterThan(5);
    expect(at5.bloodLossMl).toBeGreaterThan(35);
    expect(at5.bloodLossMl).toBeLessThan(50);
    expect(at5.bleedingGrade).toBe('mild');
    expect(at5.punctureSite).toBe('oozing');
    expect(at15.bloodLossMl).toBeGreaterThan(65);
    expect(at15.bleedingGrade).toBe('moderate');
    expect(at60.bloodLossMl).toBeGreaterThan(80);
    expect(at60.bloodLossMl).toBeLessThan(100);
    expect(grades).toEqual(['mild', 'moderate']);
    // A 74 mL haematoma is not yet hypovolaemia: the pulse 2 bpm up (mostly the ache), the systolic within 1.
    const [, n5, n15] = normal.views;
    expect(at5.heartRateBpm).toBeCloseTo(n5.heartRateBpm, 6);
    expect(at15.heartRateBpm - n15.heartRateBpm).toBeGreaterThan(1);
    expect(at15.heartRateBpm - n15.heartRateBpm).toBeLessThan(4);
    expect(Math.abs(at15.systolicMmHg - n15.systolicMmHg)).toBeLessThan(2);
    expect(at15.pain).toBeGreaterThan(n15.pain);
  });

  it('apixaban taken 6 h before (normal INR): about the same course', () => {
    const { views, grades } = afterRemoval(
      withClotting(UNI, { anticoagulant: { drug: 'apixaban', lastDoseHoursAgo: 6 } }),
      UNI_PLAN,
      MINUTES,
    );
    const [, at5, at15] = views;
    expect(at5.bloodLossMl).toBeGreaterThan(35);
    expect(at15.bloodLossMl).toBeGreaterThan(65);
    expect(grades).toEqual(['mild', 'moderate']);
    // Stopped three days before (the guidance asks for two to three before a high-risk procedure): nothing to report.
    const stopped = afterRemoval(
      withClotting(UNI, { anticoagulant: { drug: 'apixaban', lastDoseHoursAgo: 72 } }),
      UNI_PLAN,
      [15],
    );
    expect(stopped.grades).toEqual([]);
  });

  it('5 min of pressure at once stops it and changes the course: nothing reported', () => {
    const pressed = afterRemoval(
      withClotting(UNI, { inr: 3.2 }),
      UNI_PLAN,
      [1, 5, 15, 60],
      [{ type: 'site.compress', min: 5 }],
    );
    const [atRemoval, at1, at5, at15, at60] = pressed.views;
    expect(at1.compressing).toBe(true);
    expect(at1.punctureSite).toBe('compressed');
    expect(at1.bleeding).toBe(false);
    expect(at1.bloodLossMl).toBeCloseTo(atRemoval.bloodLossMl, 9);
    expect(at5.compressing).toBe(false);
    // After the pressure: 2 mL more, then dry (10 mL in all against 88).
    expect(at15.bloodLossMl - at5.bloodLossMl).toBeLessThan(3);
    expect(at60.punctureSite).toBe('dry');
    expect(at60.bloodLossMl).toBeLessThan(BLEEDING.mildMl);
    expect(pressed.grades).toEqual([]);
    // One minute is too short for the clot: the ooze comes back.
    const brief = afterRemoval(withClotting(UNI, { inr: 3.2 }), UNI_PLAN, [2, 15], [{ type: 'site.compress', min: 1 }]);
    expect(brief.views[1].punctureSite).toBe('oozing');
    expect(brief.views[2].bloodLossMl).toBeGreaterThan(at60.bloodLossMl + 15);
  });
});

describe('more tracts, wider trocars, more loss', () => {
  const DT_S = 1 / 60;
  /** The patient alone: n tracts of this gauge, the instruments out after 20 min, then 30 min. */
  function lossOf(tracts: number, gauge: number, inr: number): number {
    const p = new Patient({ ...UNI.patient, labs: { inr, plateletsPerNl: 210 } }, createRng(1).fork('patient'), gauge);
    for (let i = 0; i < tracts; i++) p.notice({ type: 'needle.skinPunctured' }, i === 0 ? 'left' : 'right');
    const run = (s: number) => {
      for (let i = 0; i < s * 60; i++) p.step(DT_S);
    };
    run(20 * 60);
    p.apply({ type: 'instruments.remove' }, null);
    run(30 * 60);
    return p.view().bloodLossMl;
  }

  it('bipedicular loses twice what unipedicular does; 13 G and 15 G less than 11 G', () => {
    expect(lossOf(2, 11, 3.2)).toBeCloseTo(2 * lossOf(1, 11, 3.2), 6);
    expect(lossOf(1, 13, 3.2)).toBeLessThan(0.7 * lossOf(1, 11, 3.2));
    expect(lossOf(1, 15, 3.2)).toBeLessThan(lossOf(1, 13, 3.2));
    // Normal clotting: 3.6 mL a tract (ooze and cannula), INR 3.2 about 25 times as much.
    expect(lossOf(1, 11, 1.0)).toBeLessThan(4);
    expect(lossOf(1, 11, 3.2)).toBeGreaterThan(20 * lossOf(1, 11, 1.0));
  });

  it('in sessions: bipedicular kyphoplasty at INR 3.2 loses more than the unipedicular vertebroplasty', () => {
    const uni = afterRemoval(withClotting(UNI, { inr: 3.2 }), UNI_PLAN, [15]);
    const bi = afterRemoval(withClotting(BI, { inr: 3.2 }), BI_PLAN, [15]);
    // 74 mL against 157 mL at 15 min; the bipedicular pulse 7.5 bpm higher than with normal clotting.
    expect(bi.views[1].bloodLossMl).toBeGreaterThan(1.8 * uni.views[1].bloodLossMl);
    expect(bi.grades).toEqual(['mild', 'moderate']);
  });
});

describe('a large loss: hypovolaemia, and fluids', () => {
  it('INR 5, bipedicular, no pressure: the pulse up and the pressure down, reported severe; fluids soften it', () => {
    const scenario = withClotting(BI, { inr: 5 });
    const normal = afterRemoval(BI, BI_PLAN, [30]);
    const bled = afterRemoval(scenario, BI_PLAN, [15, 30]);
    const fluids = afterRemoval(
      scenario,
      BI_PLAN,
      [15, 30],
      [
        { type: 'patient.fluids', mL: 1000 },
        { type: 'patient.fluids', mL: 1000 },
      ],
    );
    const [, at15, at30] = bled.views;
    const n30 = normal.views[1];
    expect(at15.bloodLossMl).toBeGreaterThan(300);
    expect(at30.bloodLossMl).toBeGreaterThan(500);
    expect(bled.grades).toEqual(['mild', 'moderate', 'severe']);
    expect(at30.heartRateBpm - n30.heartRateBpm).toBeGreaterThan(
      HYPOVOLAEMIA.heartRatePerShare * HYPOVOLAEMIA.severeShare,
    );
    expect(at30.systolicMmHg).toBeLessThan(n30.systolicMmHg);
    expect(at30.pain).toBeGreaterThan(n30.pain + 1);
    const f30 = fluids.views[2];
    expect(f30.bloodLossMl).toBeCloseTo(at30.bloodLossMl, 6);
    expect(f30.heartRateBpm).toBeLessThan(at30.heartRateBpm - 10);
    expect(f30.systolicMmHg).toBeGreaterThan(at30.systolicMmHg);
  });
});

describe('site.compress as a command', () => {
  it('is refused with the instruments in, and out of its bounds', () => {
    const s = runPlan(UNI, 1, {
      ...UNI_PLAN,
      steps: UNI_PLAN.steps.slice(
        0,
        UNI_PLAN.steps.findIndex((st) => 'do' in st && st.do.type === 'instruments.remove'),
      ),
    });
    const r = s.dispatch({ type: 'site.compress', min: 5 });
    expect(r.accepted).toBe(false);
    expect(r.reason).toMatch(/Remove the instruments first/);
    accept(s, { type: 'instruments.remove' });
    for (const min of [0.5, 11, Number.NaN]) {
      const out = s.dispatch({ type: 'site.compress', min });
      expect(out.accepted).toBe(false);
      expect(out.reason).toMatch(/\bmin\b/);
    }
    accept(s, { type: 'site.compress', min: 10 });
    expect(s.snapshot().patient.compressing).toBe(true);
  });

  it('the practice feed names the bleeding and its answer, with the key', () => {
    const line = (severity: 'mild' | 'moderate' | 'severe') =>
      describeEvent({ type: 'patient.complication', kind: 'bleeding', severity }, 'practice');
    expect(line('mild')).toMatchObject({
      text: 'Oozing from the puncture site (mild): press on the sites (0)',
      severity: 'warn',
    });
    expect(line('moderate')?.text).toMatch(/haematoma.*press on the sites/);
    expect(line('severe')).toMatchObject({ severity: 'danger' });
    expect(line('severe')?.text).toMatch(/give fluids/);
  });

  it('gives the same numbers for the same commands (determinism)', () => {
    const go = () =>
      afterRemoval(withClotting(UNI, { inr: 2.4 }), UNI_PLAN, [3, 9], [{ type: 'site.compress', min: 2 }]);
    expect(go().views).toEqual(go().views);
  });
});
