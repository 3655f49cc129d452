import { describe, expect, it } from 'vitest';
import { loadPlan, loadScenario } from './goldenFixtures';
import { playPlan, runPlan } from '../../sim/plan/runPlan';
import { scoreAttempt } from '../../sim/scoring/score';
import { CEMENT_LEAK_ODDS, CEMENT_POINTS_CAP, SERIOUS_POINTS } from '../../sim/scoring/weights';
import { cementPoints } from '../../sim/scoring/seriousErrors';
import { TICKS_PER_S } from '../../sim/core/constants';
import type { Plan, PlanStep } from '../../sim/plan/planSchema';
import type { LogEntry } from '../../sim/core/commands';
import type { Scenario } from '../../levels/scenarioSchema';
import type { TimedEvent } from '../../sim/core/events';

// The rubric's rules, each shown on a real attempt where the engine lets a trainee make the error,
// and on an edited record of one where the procedure machine prevents it (the scoring function must
// still hold the line, e.g. for a log from an older engine).

const vpScenario = loadScenario('levels/t12-biconcave-vertebroplasty.json');
const vpPlan = loadPlan('levels/plans/textbook-vertebroplasty.json');
const kpScenario = loadScenario('levels/l1-osteoporotic-wedge.json');
const kpPlan = loadPlan('levels/plans/textbook-kyphoplasty.json');
const SEED = 3;

const run = (scenario: Scenario, plan: Plan) => {
  const s = runPlan(scenario, SEED, plan);
  return { scenario: s.scenario, log: s.log, final: s.snapshot() };
};
type Attempt = ReturnType<typeof run>;
const score = (a: Attempt) => scoreAttempt(a.scenario, a.log, a.final);
const seriousIds = (a: Attempt) => score(a).seriousErrors.map((e) => e.id);
const criticalIds = (a: Attempt) => score(a).criticalErrors.map((e) => e.id);
const withEvents = (a: Attempt, extra: TimedEvent[]): Attempt => ({
  ...a,
  final: { ...a.final, events: [...a.final.events, ...extra].sort((x, y) => x.tick - y.tick) },
});
const edit = (plan: Plan, f: (steps: readonly PlanStep[]) => PlanStep[]): Plan => ({ ...plan, steps: f(plan.steps) });
const isTick = (item: string) => (st: PlanStep) => 'do' in st && st.do.type === 'checklist.tick' && st.do.item === item;

/** Run a plan in exam mode and keep the session where it stopped (a wrong-level puncture ends the procedure). */
const runPlanKeeping = (scenario: Scenario, plan: Plan) => playPlan(scenario, SEED, plan, { mode: 'exam' }).session;
const puncture = (a: Attempt) => a.final.events.find((e) => e.event.type === 'needle.skinPunctured')!.tick;

describe('the rubric', () => {
  const expert = run(vpScenario, vpPlan);

  it('the textbook vertebroplasty has no critical or serious error and passes', () => {
    const r = score(expert);
    expect(r.criticalErrors).toEqual([]);
    expect(r.seriousErrors).toEqual([]);
    expect(r.total).toBe(r.domainTotal);
    expect(r.passed).toBe(true);
  });

  it('universal protocol: no consent is a critical error; skipped labs, antibiotics and local anaesthetic are serious errors', () => {
    const a = run(
      vpScenario,
      edit(vpPlan, (st) =>
        st.filter(
          (x) =>
            !isTick('consent')(x) &&
            !isTick('labs')(x) &&
            !isTick('antibiotics')(x) &&
            !('do' in x && x.do.type === 'local.anaesthetic'),
        ),
      ),
    );
    expect(criticalIds(a)).toContain('no-consent');
    expect(seriousIds(a)).toEqual(expect.arrayContaining(['labs-skipped', 'antibiotics-skipped', 'no-local']));
    const r = score(a);
    expect(r.passed).toBe(false);
    expect(r.total).toBeCloseTo(r.domainTotal - 3 * SERIOUS_POINTS, 5);
  });

  it('universal protocol: a time-out after the skin puncture is a critical error', () => {
    const p = puncture(expert);
    const log: LogEntry[] = expert.log.map((e) =>
      e.command.type === 'checklist.tick' && e.command.item === 'timeOut' ? { ...e, tick: p + 1 } : e,
    );
    expect(criticalIds({ ...expert, log })).toContain('no-time-out');
    expect(criticalIds(expert)).not.toContain('no-time-out');
  });

  it('wrong level: a skin puncture over a mark on another vertebra is a critical error', () => {
    const p = puncture(expert);
    const mark = (level: string): TimedEvent => ({
      tick: p - 10,
      event: { type: 'level.marked', level, overFracture: level === vpScenario.level },
    });
    expect(criticalIds(withEvents(expert, [mark('L1')]))).toContain('wrong-level');
    expect(criticalIds(withEvents(expert, [mark(vpScenario.level)]))).not.toContain('wrong-level');
    const reported: TimedEvent = {
      tick: p,
      event: { type: 'level.wrongLevel', marked: 'T11', target: 'T12' },
    };
    expect(criticalIds(withEvents(expert, [reported]))).toContain('wrong-level');
  });

  it('wrong level on a real attempt: counting only from the sacrum on a lumbarised S1 ends the exam with a critical error', () => {
    const lumbarised = { ...vpScenario, patient: { ...vpScenario.patient, segmentation: 'lumbarisedS1' as const } };
    const sacrumOnly = edit(vpPlan, (st) => st.map((x) => ('localise' in x ? { localise: 'sacrum' as const } : x)));
    const s = runPlanKeeping(lumbarised, sacrumOnly);
    const r = scoreAttempt(s.scenario, s.log, s.snapshot());
    expect(r.criticalErrors.map((e) => e.id)).toContain('wrong-level');
    expect(r.passed).toBe(false);
  });

  it('the 2 Gy skin-dose critical error reads each field, not the sum of both', () => {
    const dose = (ap: number, lateral: number): Attempt => ({
      ...expert,
      final: {
        ...expert.final,
        dose: { ...expert.final.dose, airKermaMGy: ap + lateral, skinDoseByViewMGy: { AP: ap, lateral } },
      },
    });
    expect(criticalIds(dose(1200, 1200))).not.toContain('skin-dose');
    expect(criticalIds(dose(300, 2100))).toContain('skin-dose');
  });

  it('a hand in the primary beam during live fluoroscopy is a serious error per exposure, two at most', () => {
    const hand = (tick: number): TimedEvent => ({ tick, event: { type: 'handInBeam', view: 'lateral' } });
    const one = score(withEvents(expert, [hand(puncture(expert) + 5)]));
    expect(one.seriousErrors.find((e) => e.id === 'hand-in-beam')?.points).toBe(-SERIOUS_POINTS);
    const many = score(
      withEvents(
        expert,
        [1, 2, 3].map((k) => hand(puncture(expert) + k)),
      ),
    );
    expect(many.seriousErrors.find((e) => e.id === 'hand-in-beam')?.points).toBe(-2 * SERIOUS_POINTS);
  });

  it('continuous screening: one pedal press of more than 30 s is a serious error', () => {
    const end = expert.final.tick;
    const log: LogEntry[] = [
      ...expert.log,
      { tick: end + 1, command: { type: 'fluoro.expose', on: true } },
      { tick: end + 1 + 45 * TICKS_PER_S, command: { type: 'fluoro.expose', on: false } },
    ];
    expect(seriousIds({ ...expert, log })).toContain('continuous-screening');
    expect(seriousIds(expert)).not.toContain('continuous-screening');
  });

  it('liquid cement and blind pushes are serious errors weighted by their leak odds', () => {
    const novice = run(
      vpScenario,
      edit(vpPlan, (st) =>
        st
          .filter((x) => !('waitUntil' in x && 'cementPhase' in x.waitUntil))
          .map((x) =>
            'repeat' in x && x.repeat.type === 'cement.inject'
              ? {
                  ...x,
                  repeat: { type: 'cement.inject' as const, mL: 1 },
                  until: { cementInBodyMl: 3 },
                  watch: undefined,
                  stopIf: undefined,
                  everyS: 1,
                  max: 30,
                }
              : x,
          ),
      ),
    );
    const r = score(novice);
    const points = (id: string) => r.seriousErrors.find((e) => e.id === id)?.points;
    // 10 x ln(odds) capped at two serious errors: liquid vertebroplasty cement (odds 14) hits the cap.
    expect(points('liquid-cement')).toBe(-CEMENT_POINTS_CAP);
    expect(points('blind-push')).toBe(-7.9);
    expect(r.passed).toBe(false);
  });

  it('cement weights are 10 points per unit of log-odds, capped at two serious errors', () => {
    expect(cementPoints(CEMENT_LEAK_ODDS.kyphoplasty.liquidPhase)).toBe(-20.7);
    expect(cementPoints(Math.E)).toBe(-10);
    expect(cementPoints(1000)).toBe(-CEMENT_POINTS_CAP);
  });

  it('overfill beyond the volume window is a serious error weighted by its leak odds', () => {
    const filled = (mL: number): Attempt => ({
      ...expert,
      final: { ...expert.final, cement: { ...expert.final.cement, inBodyMl: mL } },
    });
    // T12: window 2-4 mL, overfill beyond 5 mL.
    expect(seriousIds(filled(4.9))).not.toContain('overfill');
    expect(score(filled(5.6)).seriousErrors.find((e) => e.id === 'overfill')?.points).toBe(-CEMENT_POINTS_CAP);
  });

  it('image quality: decisions taken on an AP several degrees off true cost points; looked-for true views cost none', () => {
    const unadjusted = run(
      vpScenario,
      edit(vpPlan, (st) => st.flatMap((x): PlanStep[] => ('trueView' in x ? [{ shot: x.trueView, seconds: 1 }] : [x]))),
    );
    const imaging = (a: Attempt) => score(a).domains.find((d) => d.id === 'imaging')!;
    const offAP = imaging(unadjusted).items.filter((i) => i.label.endsWith('AP image') && i.points < 0);
    expect(offAP.length).toBeGreaterThan(0);
    expect(offAP[0].value).toMatch(/deg tilt/);
    expect(imaging(expert).score).toBe(100);
  });

  it('radiation is judged against the expert reference on the case when it has one', () => {
    const d = expert.final.dose;
    const shots = d.shots.AP + d.shots.lateral;
    const referenced = (factor: number): Attempt => ({
      ...expert,
      scenario: {
        ...vpScenario,
        scoring: {
          ...vpScenario.scoring,
          expertReference: {
            fluoroTimeS: d.fluoroTimeS / factor,
            dapGyCm2: d.dapGyCm2 / factor,
            shots: Math.max(1, Math.round(shots / factor)),
          },
        },
      },
    });
    const radiation = (a: Attempt) => score(a).domains.find((x) => x.id === 'radiation')!;
    expect(radiation(referenced(1)).score).toBe(100);
    const triple = radiation(referenced(3));
    expect(triple.items[0].label).toMatch(/expert reference/);
    expect(triple.items[0].points).toBeLessThan(-30);
    expect(triple.score).toBeLessThan(50);
  });

  it('a balloon burst past its rated pressure weighs as two serious errors; stopping in the red zone costs nothing', () => {
    const a = run(
      kpScenario,
      edit(kpPlan, (st) => {
        const firstInflate = st.findIndex((x) => 'repeat' in x && x.repeat.type === 'balloon.inflate');
        return [
          ...st.slice(0, firstInflate),
          { repeat: { type: 'balloon.inflate', mL: 0.5 }, everyS: 1, until: { event: 'balloon.ruptured' }, max: 40 },
          { do: { type: 'balloon.remove' } },
        ];
      }),
    );
    expect(score(a).seriousErrors.find((e) => e.id === 'balloon-rupture')?.points).toBe(-2 * SERIOUS_POINTS);
    // Pushing on past the warning without bursting: no serious error.
    const warned = run(
      kpScenario,
      edit(kpPlan, (st) =>
        st.map((x) =>
          'repeat' in x && x.repeat.type === 'balloon.inflate' && x.stopIf
            ? { ...x, stopIf: { balloonPressurePsi: 360 } }
            : x,
        ),
      ),
    );
    expect(warned.final.events.some((e) => e.event.type === 'balloon.pressureLimit')).toBe(true);
    expect(seriousIds(warned).filter((id) => id.startsWith('balloon'))).toEqual([]);
  });
});
