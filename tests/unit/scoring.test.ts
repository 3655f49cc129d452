import { describe, expect, it } from 'vitest';
import { loadPlan, loadScenario } from './goldenFixtures';
import { runPlan } from '../../sim/plan/runPlan';
import { createSession } from '../../sim/session/session';
import { scoreAttempt } from '../../sim/scoring/score';
import type { Plan, PlanStep } from '../../sim/plan/planSchema';
import type { Session } from '../../sim/session/sessionTypes';

const scenario = loadScenario('levels/l1-osteoporotic-wedge.json');
const textbook = loadPlan('levels/plans/textbook-kyphoplasty.json');
const score = (s: Session) => scoreAttempt(s.scenario, s.log, s.snapshot());
const domain = (s: Session, id: string) => score(s).domains.find((d) => d.id === id)!;
const withSteps = (f: (steps: readonly PlanStep[]) => PlanStep[]): Plan => ({ ...textbook, steps: f(textbook.steps) });
const isTick = (item: string) => (st: PlanStep) => 'do' in st && st.do.type === 'checklist.tick' && st.do.item === item;

describe('scoring', () => {
  const clean = runPlan(scenario, 42, textbook);

  it('a textbook attempt passes with full process, placement and leakage marks', () => {
    const r = score(clean);
    expect(r.passed).toBe(true);
    expect(r.criticalErrors).toEqual([]);
    for (const id of ['process', 'misplacement', 'leakage']) expect(domain(clean, id).score).toBe(100);
  });

  it('every item cites the ticks of the log entries or events behind it', () => {
    const r = score(clean);
    const ticks = new Set([...clean.log.map((e) => e.tick), ...clean.events.map((e) => e.tick)]);
    for (const d of r.domains)
      for (const i of d.items)
        for (const t of i.evidenceTicks) expect(ticks.has(t), `${d.id}: ${i.label} @${t}`).toBe(true);
  });

  it('skipped checklist items cost process points, each named', () => {
    const s = runPlan(
      scenario,
      42,
      withSteps((st) => st.filter((x) => !isTick('consent')(x) && !isTick('antibiotics')(x))),
    );
    const d = domain(s, 'process');
    expect(d.score).toBe(80);
    expect(d.items.filter((i) => i.value === 'missed').map((i) => i.label)).toEqual([
      expect.stringMatching(/Consent/),
      expect.stringMatching(/Antibiotics/),
    ]);
  });

  it('injecting liquid cement is scored down in the cement domain', () => {
    const s = runPlan(
      scenario,
      42,
      withSteps((st) => st.filter((x) => !('waitUntil' in x && 'cementPhase' in x.waitUntil))),
    );
    const first = domain(s, 'cement').items[0];
    expect(first.value).toBe('liquid');
    expect(first.points).toBeLessThan(0);
  });

  it('an unfinished attempt fails with a critical error, whatever the total', () => {
    const s = createSession(scenario, 42);
    s.dispatch({ type: 'checklist.tick', item: 'history' });
    const r = score(s);
    expect(r.passed).toBe(false);
    expect(r.criticalErrors.map((e) => e.id)).toContain('not-completed');
  });

  it('a much over-medial trajectory breaches medially, breaks the safety rule and fails', () => {
    const s = runPlan(
      scenario,
      42,
      withSteps((st) => {
        const aim = st.findIndex((x) => 'aimIdeal' in x);
        return [
          ...st.slice(0, aim),
          { aimIdeal: true as const, medialOffsetDeg: 10 },
          // By hand to the bone, then the mallet (a hand push stalls at cortex).
          { repeat: { type: 'needle.advance', mm: 5 }, everyS: 1, until: { event: 'needle.stalled' }, max: 40 },
          { repeat: { type: 'needle.tap' }, everyS: 1, until: { event: 'needle.safetyRuleViolated' }, max: 60 },
          { repeat: { type: 'needle.tap' }, everyS: 1, until: { event: 'needle.breach' }, max: 20 },
          { do: { type: 'needle.tap' } },
          { do: { type: 'needle.tap' } },
          { waitS: 5 },
        ];
      }),
    );
    const r = score(s);
    expect(r.metrics.safetyRuleViolated).toBe(true);
    expect(r.metrics.breachMedialMm).toBeGreaterThanOrEqual(2);
    expect(r.criticalErrors.map((e) => e.id)).toContain('medial-breach');
    expect(r.passed).toBe(false);
    const placement = domain(s, 'misplacement');
    expect(placement.items.find((i) => i.label.startsWith('Safety rule'))!.points).toBe(-30);
  });
});
