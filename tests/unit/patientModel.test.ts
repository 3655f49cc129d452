import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { Command } from '../../sim/core/commands';
import type { DomainEvent } from '../../sim/core/events';
import { type Plan, planSchema, runPlan } from '../../sim/plan/index';
import { createSession, type Session } from '../../sim/session/index';
import type { PatientView } from '../../sim/patient/index';
import { LIDOCAINE, MIDAZOLAM } from '../../sim/patient/index';

const SCENARIO: Scenario = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'levels/l1-osteoporotic-wedge.json',
);
const TEXTBOOK: Plan = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));

/** A session in pre-op (the case review done), where sedation and oxygen are allowed. */
function inPreOp(seed = 1): Session {
  const s = createSession(SCENARIO, seed);
  for (const item of ['history', 'imaging', 'candidacy'] as const)
    expect(s.dispatch({ type: 'checklist.tick', item }).accepted).toBe(true);
  expect(s.dispatch({ type: 'phase.next' }).accepted).toBe(true);
  return s;
}

const accept = (s: Session, c: Command): void => {
  const r = s.dispatch(c);
  expect(r.accepted, r.reason).toBe(true);
};

/** The patient once a second for `seconds` seconds. */
function trace(s: Session, seconds: number): PatientView[] {
  const out: PatientView[] = [];
  for (let i = 0; i < seconds; i++) {
    s.stepTicks(60);
    out.push(s.snapshot().patient);
  }
  return out;
}

/** Sedation's course over an hour after one bolus of `mg` (and oxygen at `lPerMin`, 0 none). */
function afterBolus(mg: number, lPerMin = 0) {
  const s = inPreOp();
  if (lPerMin > 0) accept(s, { type: 'oxygen.nasal', lPerMin });
  const before = s.snapshot().patient;
  accept(s, { type: 'sedation.midazolam', mg });
  const t = trace(s, 60 * 60);
  let peakAt = 0;
  for (let i = 0; i < t.length; i++) if (t[i].sedation > t[peakAt].sedation) peakAt = i;
  return {
    before,
    trace: t,
    session: s,
    peakSedation: t[peakAt].sedation,
    peakAtS: peakAt + 1,
    deepestRass: Math.min(...t.map((p) => p.rass)),
    lowestRr: Math.min(...t.map((p) => p.respiratoryRatePerMin)),
    lowestSpo2: Math.min(...t.map((p) => p.spo2Pct)),
  };
}

const patientEvents = (s: Session): DomainEvent[] =>
  s.events.map((e) => e.event).filter((e) => e.type === 'patient.alarm' || e.type === 'patient.alarmCleared');

describe('patient model: determinism and baselines', () => {
  const run = (seed: number) => {
    const s = inPreOp(seed);
    accept(s, { type: 'sedation.midazolam', mg: 2 });
    const first = trace(s, 120);
    accept(s, { type: 'oxygen.nasal', lPerMin: 2 });
    return { first, rest: trace(s, 240), events: patientEvents(s) };
  };

  it('the same seed and log give the same vitals trace, number for number', () => {
    expect(run(7)).toEqual(run(7));
  });

  it('another seed is another patient: baselines vary, within physiological bounds', () => {
    const a = createSession(SCENARIO, 1).snapshot().patient;
    const b = createSession(SCENARIO, 2).snapshot().patient;
    expect(a.heartRateBpm).not.toBe(b.heartRateBpm);
    expect(a.systolicMmHg).not.toBe(b.systolicMmHg);
    for (let seed = 1; seed <= 20; seed++) {
      const p = createSession(SCENARIO, seed).snapshot().patient;
      expect(p.heartRateBpm).toBeGreaterThanOrEqual(55);
      expect(p.heartRateBpm).toBeLessThanOrEqual(95);
      expect(p.spo2Pct).toBeGreaterThanOrEqual(93);
      expect(p.respiratoryRatePerMin).toBeGreaterThanOrEqual(10);
      expect(p.systolicMmHg).toBeGreaterThan(p.diastolicMmHg);
      expect(p.alarms).toEqual([]);
      expect(p.rass).toBe(0);
    }
  });

  it('an older patient starts with a higher systolic pressure (age enters the baselines)', () => {
    const aged = (age: number) =>
      createSession({ ...SCENARIO, patient: { ...SCENARIO.patient, age } }, 3).snapshot().patient.systolicMmHg;
    expect(aged(90)).toBeGreaterThan(aged(40));
  });

  it('the patient at rest stays at its baselines', () => {
    const s = inPreOp();
    const before = s.snapshot().patient;
    const after = trace(s, 300).at(-1) as PatientView;
    expect(after.heartRateBpm).toBeCloseTo(before.heartRateBpm, 6);
    expect(after.spo2Pct).toBeCloseTo(before.spo2Pct, 6);
    expect(after.pain).toBe(2);
    expect(patientEvents(s)).toEqual([]);
  });
});

describe('patient model: midazolam', () => {
  const one = afterBolus(1);
  const three = afterBolus(3);

  it('a 3 mg bolus sedates more than 1 mg, and depresses breathing and SpO2 more', () => {
    expect(three.peakSedation).toBeGreaterThan(one.peakSedation);
    expect(three.deepestRass).toBeLessThan(one.deepestRass);
    expect(one.deepestRass).toBeLessThanOrEqual(-1);
    expect(three.lowestRr).toBeLessThan(one.lowestRr);
    expect(one.lowestRr).toBeLessThan(one.before.respiratoryRatePerMin);
    expect(three.lowestSpo2).toBeLessThan(one.lowestSpo2);
    expect(three.lowestSpo2).toBeLessThan(three.before.spo2Pct - 2);
  });

  it('acts within 2-3 min and peaks at 3-5 min', () => {
    for (const r of [one, three]) {
      expect(r.peakAtS).toBeGreaterThanOrEqual(180);
      expect(r.peakAtS).toBeLessThanOrEqual(300);
    }
    // At 2.5 min a 3 mg bolus has the patient drowsy at least (RASS -1 or deeper).
    expect(three.trace[149].rass).toBeLessThanOrEqual(-1);
  });

  it('wears off over 30-60 min', () => {
    const lastSedated = (r: typeof three) => {
      let last = -1;
      r.trace.forEach((p, i) => {
        if (p.rass < 0) last = i;
      });
      return last + 1;
    };
    expect(lastSedated(three)).toBeGreaterThanOrEqual(30 * 60);
    expect(lastSedated(three)).toBeLessThanOrEqual(60 * 60);
    const end = three.trace.at(-1) as PatientView;
    expect(end.rass).toBe(0);
    expect(end.sedation).toBeLessThan(0.1);
    expect(end.respiratoryRatePerMin).toBeGreaterThan(three.lowestRr + 2);
    expect(end.midazolamMg).toBe(3);
  });

  it('sedation lowers heart rate and blood pressure a little', () => {
    const atPeak = three.trace[three.peakAtS - 1];
    expect(atPeak.systolicMmHg).toBeLessThan(three.before.systolicMmHg);
    expect(atPeak.heartRateBpm).toBeLessThan(three.before.heartRateBpm);
  });
});

describe('patient model: oxygen', () => {
  it('oxygen by nasal cannula raises SpO2 at rest', () => {
    const s = inPreOp();
    const before = s.snapshot().patient.spo2Pct;
    accept(s, { type: 'oxygen.nasal', lPerMin: 3 });
    const after = trace(s, 180).at(-1) as PatientView;
    expect(after.onOxygen).toBe(true);
    expect(after.spo2Pct).toBeGreaterThan(before + 1);
    accept(s, { type: 'oxygen.nasal', lPerMin: 0 });
    const off = trace(s, 300).at(-1) as PatientView;
    expect(off.onOxygen).toBe(false);
    expect(off.spo2Pct).toBeCloseTo(before, 1);
  });

  it('oxygen spares most of the desaturation of a large dose', () => {
    const air = afterBolus(5);
    const o2 = afterBolus(5, 3);
    expect(o2.lowestRr).toBe(air.lowestRr);
    expect(o2.lowestSpo2).toBeGreaterThan(air.lowestSpo2 + 3);
  });
});

describe('patient model: alarms', () => {
  it('5 mg on room air sounds the SpO2 and respiratory-rate alarms once each, and clears each once', () => {
    const r = afterBolus(5);
    const events = patientEvents(r.session);
    const of = (type: string, alarm: string) =>
      events.filter((e) => e.type === type && 'alarm' in e && e.alarm === alarm).length;
    for (const alarm of ['spo2Low', 'respiratoryRateLow']) {
      expect(of('patient.alarm', alarm), alarm).toBe(1);
      expect(of('patient.alarmCleared', alarm), alarm).toBe(1);
    }
    expect(events.filter((e) => e.type === 'patient.alarm').map((e) => 'alarm' in e && e.alarm)).toEqual([
      'respiratoryRateLow',
      'spo2Low',
    ]);
    // The alarm carries the value at the crossing, and the snapshot lists it while it sounds.
    const spo2 = events.find((e) => e.type === 'patient.alarm' && e.alarm === 'spo2Low');
    expect(spo2 && 'value' in spo2 && spo2.value).toBeLessThan(90);
    expect(r.trace.some((p) => p.alarms.includes('spo2Low'))).toBe(true);
    expect((r.trace.at(-1) as PatientView).alarms).toEqual([]);
  });

  it('1 mg sounds no alarm', () => {
    expect(patientEvents(afterBolus(1).session)).toEqual([]);
  });
});

describe('patient model: commands and their bounds', () => {
  it('refuses a bolus or a flow out of bounds, naming the field', () => {
    const s = inPreOp();
    for (const c of [
      { type: 'sedation.midazolam', mg: 20 },
      { type: 'sedation.midazolam', mg: 0.1 },
      { type: 'sedation.midazolam', mg: Number.NaN },
    ] as Command[]) {
      const r = s.dispatch(c);
      expect(r.accepted).toBe(false);
      expect(r.reason).toMatch(/\bmg\b/);
    }
    const flow = s.dispatch({ type: 'oxygen.nasal', lPerMin: 10 });
    expect(flow.accepted).toBe(false);
    expect(flow.reason).toMatch(/lPerMin/);
    expect(s.log.filter((e) => e.command.type !== 'checklist.tick' && e.command.type !== 'phase.next')).toEqual([]);
  });

  it(`refuses a bolus that takes the total over ${MIDAZOLAM.maxTotalMg} mg, saying why; the rest is given`, () => {
    const s = inPreOp();
    accept(s, { type: 'sedation.midazolam', mg: 5 });
    accept(s, { type: 'sedation.midazolam', mg: 4 });
    const over = s.dispatch({ type: 'sedation.midazolam', mg: 1.5 });
    expect(over.accepted).toBe(false);
    expect(over.reason).toMatch(/10 mg limit/);
    expect(over.reason).toMatch(/9 mg given/);
    accept(s, { type: 'sedation.midazolam', mg: 1 });
    expect(s.snapshot().patient.midazolamMg).toBe(10);
    expect(s.log.filter((e) => e.command.type === 'sedation.midazolam')).toHaveLength(3);
  });

  it('sedation and oxygen wait for pre-op, and are allowed from pre-op on', () => {
    const s = createSession(SCENARIO, 1);
    const r = s.dispatch({ type: 'sedation.midazolam', mg: 1 });
    expect(r.accepted).toBe(false);
    expect(r.reason).toMatch(/pre-op/);
    expect(s.snapshot().allowed).not.toContain('oxygen.nasal');
    const p = inPreOp();
    expect(p.snapshot().allowed).toEqual(expect.arrayContaining(['sedation.midazolam', 'oxygen.nasal']));
  });

  it('a plan can sedate, and the plan runs on through the phases with sedation allowed in each', () => {
    const steps = [...TEXTBOOK.steps];
    const timeOut = steps.findIndex((st) => 'do' in st && st.do.type === 'checklist.tick' && st.do.item === 'timeOut');
    steps.splice(
      timeOut + 1,
      0,
      { do: { type: 'sedation.midazolam', mg: 1 } },
      { do: { type: 'oxygen.nasal', lPerMin: 2 } },
    );
    const cement = steps.findIndex((st) => 'do' in st && st.do.type === 'cement.mix');
    steps.splice(cement, 0, { do: { type: 'sedation.midazolam', mg: 1 } });
    const s = runPlan(SCENARIO, 1, { ...TEXTBOOK, steps });
    expect(s.snapshot().phase).toBe('debrief');
    expect(s.snapshot().patient.midazolamMg).toBe(2);
  });
});

describe('patient model: pain at the bone', () => {
  const withoutLocal: Plan = {
    ...TEXTBOOK,
    steps: TEXTBOOK.steps.filter((st) => !('do' in st && st.do.type === 'local.anaesthetic')),
  };
  // The textbook plan waits 20 s after the infiltration; an operator who waits for the onset waits minutes.
  const localStep = TEXTBOOK.steps.findIndex((st) => 'do' in st && st.do.type === 'local.anaesthetic');
  const waitingForOnset: Plan = {
    ...TEXTBOOK,
    steps: TEXTBOOK.steps.map((st, i) => (i === localStep + 1 && 'waitS' in st ? { waitS: 240 } : st)),
  };

  /** Replays the plan's log tick by tick: the highest pain and heart rate in the 30 s from the docking on. */
  function atDocking(plan: Plan) {
    const run = runPlan(SCENARIO, 1, plan);
    const docked = run.events.find((e) => e.event.type === 'needle.docked')?.tick;
    if (docked === undefined) throw new Error('the plan never docked');
    const s = createSession(SCENARIO, 1);
    let pain = 0;
    let heartRate = 0;
    let before: PatientView | null = null;
    for (const entry of run.log) {
      while (s.tick < entry.tick) {
        if (s.tick === docked - 1) before = s.snapshot().patient;
        s.stepTicks(1);
        if (s.tick >= docked && s.tick <= docked + 30 * 60) {
          pain = Math.max(pain, s.snapshot().patient.pain);
          heartRate = Math.max(heartRate, s.snapshot().patient.heartRateBpm);
        }
      }
      expect(s.dispatch(entry.command).accepted).toBe(true);
    }
    if (!before) throw new Error('no snapshot before the docking');
    return { pain, heartRate, before, block: before.localBlock.left };
  }

  const none = atDocking(withoutLocal);
  const waited = atDocking(waitingForOnset);
  const textbook = atDocking(TEXTBOOK);

  it('without local anaesthetic, the trocar on bone hurts (about 7/10) and the heart rate rises', () => {
    expect(none.block).toBe(0);
    expect(none.pain).toBeGreaterThanOrEqual(6.5);
    // The skin puncture before it hurt too: measured from the patient's resting heart rate.
    const resting = createSession(SCENARIO, 1).snapshot().patient.heartRateBpm;
    expect(none.heartRate).toBeGreaterThan(resting + 8);
    expect(none.heartRate).toBeGreaterThan(none.before.heartRateBpm);
  });

  it('with the local anaesthetic in effect, it stays low (about 2/10)', () => {
    expect(waited.block).toBeGreaterThan(LIDOCAINE.effectiveBlock);
    expect(waited.pain).toBeLessThanOrEqual(2.5);
    expect(waited.heartRate).toBeLessThan(waited.before.heartRateBpm + 3);
  });

  it('the textbook plan docks before the local has fully taken: pain in between', () => {
    expect(textbook.block).toBeGreaterThan(0.1);
    expect(textbook.block).toBeLessThan(LIDOCAINE.effectiveBlock);
    expect(textbook.pain).toBeGreaterThan(waited.pain + 1);
    expect(textbook.pain).toBeLessThan(none.pain - 1);
  });

  it('the pain decays over tens of seconds', () => {
    const run = runPlan(SCENARIO, 1, withoutLocal);
    const docked = run.events.find((e) => e.event.type === 'needle.docked')?.tick as number;
    const s = createSession(SCENARIO, 1);
    for (const entry of run.log) {
      if (entry.tick > docked) break;
      s.stepTicks(entry.tick - s.tick);
      s.dispatch(entry.command);
    }
    s.stepTicks(docked + 1 - s.tick);
    const peak = s.snapshot().patient.pain;
    // Left alone (no further taps), the acute part halves in about 14 s.
    s.stepTicks(60 * 60);
    const later = s.snapshot().patient.pain;
    expect(peak).toBeGreaterThan(6.5);
    expect(later).toBeLessThan(2.5);
    expect(later).toBeGreaterThan(2);
  });
});
