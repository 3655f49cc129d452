import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { traceAttempt } from '../../sim/attempt/attemptTrace';
import { replay } from '../../sim/attempt/replay';
import {
  alarmSpans,
  createVitalRecorder,
  MAX_VITAL_SAMPLES,
  type PatientMark,
  type VitalSeries,
} from '../../sim/attempt/vitalSeries';
import type { Command } from '../../sim/core/commands';
import { TICKS_PER_S } from '../../sim/core/constants';
import type { PatientView } from '../../sim/patient/patientView';
import { type Plan, planSchema, runPlan } from '../../sim/plan/index';
import { createSession, type Session } from '../../sim/session/index';

/**
 * The vital-sign series of the debrief (sim/attempt/vitalSeries.ts): sampled from the replay's own
 * snapshots once per simulated second, capped by decimation, with the alarms, complications and
 * answers at their ticks; a midazolam attempt and a cement embolism show their falls in it.
 */

const WEDGE: Scenario = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'levels/l1-osteoporotic-wedge.json',
);

const accept = (s: Session, c: Command): void => {
  const r = s.dispatch(c);
  expect(r.accepted, r.reason).toBe(true);
};

/**
 * 5 mg midazolam in pre-op, oxygen at 6 min, flumazenil at 7, fluids and a call for help at 10,
 * then `tailS` more seconds: the log as the app would record it.
 */
function midazolamAttempt(tailS = 60) {
  const s = createSession(WEDGE, 1);
  for (const item of ['history', 'imaging', 'candidacy'] as const) accept(s, { type: 'checklist.tick', item });
  accept(s, { type: 'phase.next' });
  s.stepTicks(10 * TICKS_PER_S);
  accept(s, { type: 'sedation.midazolam', mg: 5 });
  s.stepTicks(350 * TICKS_PER_S);
  accept(s, { type: 'oxygen.nasal', lPerMin: 2 });
  s.stepTicks(60 * TICKS_PER_S);
  accept(s, { type: 'sedation.flumazenil', mg: 0.5 });
  s.stepTicks(180 * TICKS_PER_S);
  accept(s, { type: 'patient.fluids', mL: 250 });
  accept(s, { type: 'patient.callForHelp' });
  s.stepTicks(tailS * TICKS_PER_S);
  return { log: s.log, endTick: s.tick };
}

const MZ = midazolamAttempt();
const mzTrace = traceAttempt(WEDGE, 1, MZ.log, MZ.endTick);
const mz = mzTrace.vitals;

const at = (series: VitalSeries, tick: number) => series.samples.find((v) => v.tick === tick)!;
const tickOf = (m: PatientMark) => m.tick;

describe('vital series: sampled from the replay', () => {
  it('one sample per simulated second from tick 0 to the end of the attempt (11 min: 661 samples)', () => {
    expect(mz.everyS).toBe(1);
    expect(mz.samples[0].tick).toBe(0);
    expect(mz.samples.at(-1)!.tick).toBe(MZ.endTick);
    for (let i = 1; i < mz.samples.length; i++) expect(mz.samples[i].tick - mz.samples[i - 1].tick).toBe(TICKS_PER_S);
    expect(mz.samples.length).toBe(MZ.endTick / TICKS_PER_S + 1);
    expect(mz.samples.length).toBe(661);
  });

  it('is deterministic: the same attempt gives the same series', () => {
    expect(traceAttempt(WEDGE, 1, MZ.log, MZ.endTick).vitals).toEqual(mz);
  });

  it('each sample is the snapshot at its tick, unrounded', () => {
    for (const tick of [0, 60 * TICKS_PER_S, 250 * TICKS_PER_S, 500 * TICKS_PER_S, MZ.endTick]) {
      const p = replay(
        WEDGE,
        1,
        MZ.log.filter((e) => e.tick < tick),
        tick,
      ).snapshot().patient;
      const v = at(mz, tick);
      expect([v.heartRateBpm, v.systolicMmHg, v.diastolicMmHg, v.spo2Pct, v.respiratoryRatePerMin, v.alarms]).toEqual([
        p.heartRateBpm,
        p.systolicMmHg,
        p.diastolicMmHg,
        p.spo2Pct,
        p.respiratoryRatePerMin,
        p.alarms,
      ]);
    }
  });

  it('the answers are marked at their ticks, in the order given', () => {
    const answers = mz.marks.flatMap((m) => (m.kind === 'answer' ? [[m.tick, m.command.type]] : []));
    const logged = MZ.log
      .filter((e) => /^(sedation|oxygen|patient\.(fluids|callForHelp))/.test(e.command.type))
      .map((e) => [e.tick, e.command.type]);
    expect(answers).toEqual(logged);
    expect(answers.map(([, t]) => t)).toEqual([
      'sedation.midazolam',
      'oxygen.nasal',
      'sedation.flumazenil',
      'patient.fluids',
      'patient.callForHelp',
    ]);
    // Marks are in tick order.
    const ticks = mz.marks.map(tickOf);
    expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
  });

  it('5 mg midazolam: the breathing falls under the alarm limit within minutes, flumazenil brings it back', () => {
    const given = mz.marks.find((m) => m.kind === 'answer' && m.command.type === 'sedation.midazolam')!.tick;
    const reversal = mz.marks.find((m) => m.kind === 'answer' && m.command.type === 'sedation.flumazenil')!.tick;
    const before = at(mz, given);
    const sedated = mz.samples.filter((v) => v.tick > given && v.tick <= reversal);
    const lowest = Math.min(...sedated.map((v) => v.respiratoryRatePerMin));
    // The patient rests at 11.7 /min, falls to 6.8 /min (alarm at 1:25, 75 s after the bolus) and is back at 11.5 at the end.
    expect(lowest).toBeLessThan(8);
    expect(lowest).toBeLessThan(before.respiratoryRatePerMin - 4);
    const alarm = mz.alarms.find((a) => a.alarm === 'respiratoryRateLow')!;
    expect(alarm.startTick).toBeGreaterThan(given);
    expect(alarm.startTick).toBeLessThan(given + 5 * 60 * TICKS_PER_S);
    expect(alarm.cleared).toBe(true);
    expect(alarm.endTick).toBeGreaterThan(reversal);
    expect(alarm.endTick).toBeLessThan(reversal + 3 * 60 * TICKS_PER_S);
    // The sample at an alarm's tick shows it sounding.
    expect(at(mz, Math.ceil(alarm.startTick / TICKS_PER_S) * TICKS_PER_S).alarms).toContain('respiratoryRateLow');
    expect(at(mz, MZ.endTick).respiratoryRatePerMin).toBeGreaterThan(lowest + 3);
  });
});

describe('vital series: bounded by decimation', () => {
  const view = (x: number): PatientView =>
    ({
      heartRateBpm: x,
      systolicMmHg: x,
      diastolicMmHg: x,
      spo2Pct: x,
      respiratoryRatePerMin: x,
      alarms: [],
    }) as unknown as PatientView;

  /** Feed a recorder every tick up to `endTick`, as the trace does. */
  function record(endTick: number, cap: number): VitalSeries {
    const r = createVitalRecorder(1, cap);
    for (let t = 0; t < endTick; t++) if (r.due(t)) r.sample(t, t / TICKS_PER_S, view(t));
    return r.finish(endTick, endTick / TICKS_PER_S, view(endTick));
  }

  it('never holds more than the cap, stays evenly spaced, keeps the exact values and ends at the end', () => {
    for (const endS of [5, 15, 16, 17, 100, 1000, 3601]) {
      const s = record(endS * TICKS_PER_S + 7, 16);
      expect(s.samples.length).toBeLessThanOrEqual(16);
      expect(s.samples[0].tick).toBe(0);
      expect(s.samples.at(-1)!.tick).toBe(endS * TICKS_PER_S + 7);
      const step = s.everyS * TICKS_PER_S;
      s.samples.slice(0, -1).forEach((v, i) => {
        expect(v.tick).toBe(i * step);
        expect(v.heartRateBpm).toBe(v.tick);
      });
      // The interval doubles only as often as it must: one halving fewer would overflow the cap.
      if (s.everyS > 1) expect(endS / (s.everyS / 2)).toBeGreaterThanOrEqual(15);
    }
  });

  it('a 6 h attempt at the real cap: one sample every 32 s, 676 samples', () => {
    const s = record(6 * 3600 * TICKS_PER_S, MAX_VITAL_SAMPLES);
    expect(s.everyS).toBe(32);
    expect(s.samples.length).toBe(676);
    expect(s.samples.length).toBeLessThanOrEqual(MAX_VITAL_SAMPLES);
  });

  it('a real 30 min attempt decimates once, to one sample every 2 s, and stays the snapshot at each kept tick', () => {
    const long = midazolamAttempt(30 * 60 - 600);
    const v = traceAttempt(WEDGE, 1, long.log, long.endTick).vitals;
    expect(long.endTick).toBe(1800 * TICKS_PER_S);
    expect(v.everyS).toBe(2);
    expect(v.samples.length).toBe(901);
    // The kept samples are those of the undecimated series at the same ticks.
    for (const s of v.samples.filter((x) => x.tick <= MZ.endTick)) {
      const u = at(mz, s.tick);
      if (s.tick < MZ.endTick) expect(s).toEqual(u);
    }
  });
});

describe('vital series: a cement embolism', () => {
  // The liquid-cement vertebroplasty (T12, seed 5) pushed on through its venous leak, as in cementEmbolism.test.ts.
  const T12: Scenario = parseScenario(
    JSON.parse(readFileSync('levels/t12-biconcave-vertebroplasty.json', 'utf8')),
    'levels/t12-biconcave-vertebroplasty.json',
  );
  const LIQUID: Plan = planSchema.parse(
    JSON.parse(readFileSync('tests/fixtures/plans/liquid-cement-vertebroplasty.json', 'utf8')),
  );
  const firstPush = LIQUID.steps.findIndex((st) => 'repeat' in st && st.repeat.type === 'cement.inject');
  const steps: Plan['steps'] = [
    ...LIQUID.steps.slice(0, firstPush),
    ...Array.from({ length: 10 }, (): Plan['steps'] => [
      { do: { type: 'cement.load' }, optional: true },
      { do: { type: 'cement.inject', mL: 0.5 } },
      { shot: 'lateral', seconds: 0.5 },
      { waitS: 2.5 },
    ]).flat(),
    { waitS: 180 },
  ];
  const s = runPlan(T12, 5, { ...LIQUID, steps });
  const v = traceAttempt(T12, 5, s.log, s.tick, s.mode).vitals;

  it('marks the complication (mild: 0.17 mL reached the lungs) and shows the SpO2 and systolic fall after it', () => {
    const complications = v.marks.filter((m) => m.kind === 'complication');
    expect(complications).toEqual([
      { kind: 'complication', tick: complications[0].tick, complication: 'cementEmbolism', severity: 'mild' },
    ]);
    const mark = complications[0].tick;
    const before = v.samples.filter((x) => x.tick < mark).at(-1)!;
    const end = v.samples.at(-1)!;
    // 95.75 % before the mark, 95.16 % at the end (2 min 25 s later); 143.3 to 141.2 mmHg.
    expect(end.spo2Pct).toBeLessThan(before.spo2Pct - 0.5);
    expect(end.systolicMmHg).toBeLessThan(before.systolicMmHg - 1.5);
    // The fall comes after the mark: up to it the SpO2 is never below its value there.
    const upTo = v.samples.filter((x) => x.tick <= mark && x.tick >= mark - 60 * TICKS_PER_S);
    expect(Math.min(...upTo.map((x) => x.spo2Pct))).toBeGreaterThan(end.spo2Pct + 0.5);
    // Its final sample is the session's own patient.
    expect(end.spo2Pct).toBe(s.snapshot().patient.spo2Pct);
  });
});

describe('alarm spans', () => {
  it('pairs each alarm with its clearing; one still sounding runs to the end', () => {
    const m = (kind: 'alarm' | 'alarmCleared', tick: number, alarm: 'spo2Low' | 'heartRateHigh'): PatientMark => ({
      kind,
      tick,
      alarm,
      signal: alarm === 'spo2Low' ? 'spo2Pct' : 'heartRateBpm',
      value: 0,
    });
    expect(
      alarmSpans([m('alarm', 10, 'spo2Low'), m('alarm', 20, 'heartRateHigh'), m('alarmCleared', 30, 'spo2Low')], 99),
    ).toEqual([
      { alarm: 'spo2Low', signal: 'spo2Pct', startTick: 10, endTick: 30, cleared: true },
      { alarm: 'heartRateHigh', signal: 'heartRateBpm', startTick: 20, endTick: 99, cleared: false },
    ]);
  });
});
