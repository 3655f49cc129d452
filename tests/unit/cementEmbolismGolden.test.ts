import { describe, expect, it } from 'vitest';
import { TICKS_PER_S } from '../../sim/core/constants';
import type { LogEntry } from '../../sim/core/commands';
import { runPlan } from '../../sim/plan/index';
import { createSession } from '../../sim/session/index';
import type { SimSnapshot } from '../../sim/session/index';
import { scoreAttempt } from '../../sim/scoring';
import { GOLDEN_CASES, loadPlan, loadScenario } from './goldenFixtures';

/**
 * The cement-embolism golden pair (goldenFixtures.ts), from cause to signs: the cement model's
 * venous leak is the only leak, the lungs receive exactly that volume, and it sets the fall in SpO2
 * and blood pressure; answering (stopping the push, oxygen, help and fluids) changes the course.
 */

const pair = (kind: 'answered' | 'ignored') => {
  const c = GOLDEN_CASES.find((g) => g.name === `cement-embolism-${kind}-vertebroplasty-t10-seed196`);
  if (!c) throw new Error(`no golden case for the ${kind} embolism`);
  const scenario = loadScenario(c.scenario);
  const session = runPlan(scenario, c.seed, loadPlan(c.plan));
  const snap = session.snapshot();
  return { c, scenario, session, snap, report: scoreAttempt(session.scenario, session.log, snap) };
};

const answered = pair('answered');
const ignored = pair('ignored');

/** The attempt's state at this tick: its log replayed on a fresh session of the same patient. */
function stateAt(run: typeof answered, tick: number): SimSnapshot {
  const s = createSession(run.scenario, run.c.seed);
  const log: readonly LogEntry[] = run.session.log;
  for (const entry of log) {
    if (entry.tick > tick) break;
    s.stepTicks(entry.tick - s.tick);
    s.dispatch(entry.command);
  }
  s.stepTicks(tick - s.tick);
  return s.snapshot();
}

const firstPush = (run: typeof answered): number =>
  run.session.log.find((e) => e.command.type === 'cement.inject')?.tick ?? -1;
const venousOf = (snap: SimSnapshot): number =>
  snap.cement.leaks.filter((l) => l.location === 'venous').reduce((s, l) => s + l.volumeMl, 0);
const grades = (run: typeof answered) =>
  run.session.events.flatMap((e) =>
    e.event.type === 'patient.complication' ? [[e.event.kind, e.event.severity, e.tick / TICKS_PER_S]] : [],
  );

describe('cement embolism golden pair: the cause is the venous leak alone', () => {
  it('both leak into the veins only: no epidural, foraminal or other cement, no nerve deficit', () => {
    for (const run of [answered, ignored]) {
      expect(run.snap.cement.leaks.map((l) => l.location)).toEqual(['venous']);
      expect(grades(run).every(([kind]) => kind === 'cementEmbolism')).toBe(true);
    }
  });

  it('the lungs receive the cement model venous volume: 0.93 mL answered, 1.46 mL ignored', () => {
    expect(venousOf(answered.snap)).toBeCloseTo(0.925, 2);
    expect(venousOf(ignored.snap)).toBeCloseTo(1.462, 2);
    for (const run of [answered, ignored]) expect(run.snap.patient.cementInLungsMl).toBeCloseTo(venousOf(run.snap), 6);
  });

  it('grades: mild, then moderate (the first sign) 54 s after the first push, then severe in both', () => {
    const a = grades(answered);
    const i = grades(ignored);
    expect(a.map(([, s]) => s)).toEqual(['mild', 'moderate', 'severe']);
    expect(i.map(([, s]) => s)).toEqual(['mild', 'moderate', 'severe']);
    // Same cement, same patient up to the sign: the grades come at the same time until the answer.
    expect(a[1][2]).toBe(i[1][2]);
    expect(Number(a[1][2]) - firstPush(answered) / TICKS_PER_S).toBeCloseTo(54.2, 0);
    // What was in the veins when the push stopped still arrives: severe 27 s after the sign answered,
    // 17 s after it ignored (more cement on its way).
    expect(Number(a[2][2]) - Number(a[1][2])).toBeCloseTo(23.4, 0);
    expect(Number(i[2][2]) - Number(i[1][2])).toBeCloseTo(17.2, 0);
  });
});

describe('cement embolism golden pair: venous volume to SpO2, and what the answer changes', () => {
  // Three minutes after the first push (the cement has arrived, the answers have acted).
  const at = (run: typeof answered) => stateAt(run, firstPush(run) + 180 * TICKS_PER_S);
  const before = stateAt(answered, firstPush(answered) - TICKS_PER_S).patient;
  const a = at(answered).patient;
  const i = at(ignored).patient;

  it('before the push both rest at SpO2 96.2 %, systolic 124 mmHg', () => {
    expect(before.spo2Pct).toBeCloseTo(96.2, 1);
    expect(before.systolicMmHg).toBeCloseTo(124.5, 0);
    expect(stateAt(ignored, firstPush(ignored) - TICKS_PER_S).patient).toEqual(before);
  });

  it('1.46 mL venous, unanswered, gives SpO2 77.5 % and 78/53 mmHg at 3 min', () => {
    expect(i.cementInLungsMl).toBeCloseTo(1.462, 2);
    expect(i.spo2Pct).toBeCloseTo(77.5, 0);
    expect(i.systolicMmHg).toBeCloseTo(78.3, 0);
    expect(i.alarms).toEqual(expect.arrayContaining(['spo2Low', 'systolicLow']));
  });

  it('answered: 0.93 mL venous on 4 L/min oxygen with 500 mL of fluids gives SpO2 88.8 % and 96/63 mmHg at 3 min', () => {
    expect(a.cementInLungsMl).toBeCloseTo(0.925, 2);
    expect(a.spo2Pct).toBeCloseTo(88.8, 0);
    expect(a.systolicMmHg).toBeCloseTo(95.9, 0);
    // Stopping kept 0.6 mL out of the veins; with oxygen and fluids the patient is 12 SpO2 points
    // and 19 mmHg better than the one left alone.
    expect(a.spo2Pct - i.spo2Pct).toBeGreaterThan(10);
    expect(a.systolicMmHg - i.systolicMmHg).toBeGreaterThan(15);
  });

  it('the scores follow: complications 100 answered, 0 ignored with complication-unanswered', () => {
    const dom = (r: typeof answered.report) => Object.fromEntries(r.domains.map((d) => [d.id, d.score]));
    expect(dom(answered.report).complications).toBe(100);
    expect(dom(ignored.report).complications).toBe(0);
    expect(answered.report.criticalErrors).toEqual([]);
    expect(ignored.report.criticalErrors.map((e) => e.id)).toEqual(['complication-unanswered']);
  });
});
