import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicationOf, parseScenario } from '../../levels/scenarioSchema';
import { parseAttemptFile, replay, scenarioHash, toAttemptFile } from '../../sim/attempt';
import { scenarioHashAsWritten } from '../../sim/attempt/scenarioHash';
import { checkCommand } from '../../sim/core/commandSchema';
import { DECLINE_REASON_LABELS, DECLINE_REASONS, type DeclineReason } from '../../sim/core/declineReasons';
import { conditionHolds, runPlan } from '../../sim/plan/runPlan';
import type { Plan, PlanStep } from '../../sim/plan/planSchema';
import { formatReportText, reportTextHeader } from '../../sim/scoring';
import { scoreAttempt } from '../../sim/scoring/score';
import { createSession } from '../../sim/session/session';
import type { Session } from '../../sim/session/sessionTypes';
import { planFits, referencePlanFits } from '../../sim/standard';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * Cases where the right answer is not to operate: the scenario's indication, the case.decline
 * command (case review only, ends the attempt), how a decision is scored, the decline plan, and
 * that a declined attempt replays to the same result.
 */

const raw = (file: string): Record<string, unknown> => JSON.parse(readFileSync(`levels/${file}`, 'utf8'));
const healed = loadScenario('levels/l3-healed-wedge-facet-pain.json');
const warfarin = loadScenario('levels/t11-warfarin-uncorrected-inr.json');
const wedge = loadScenario('levels/l1-osteoporotic-wedge.json');
const declinePlan = loadPlan('levels/plans/decline-at-case-review.json');
const score = (s: Session) => scoreAttempt(s.scenario, s.log, s.snapshot());
const plan = (steps: PlanStep[]): Plan => ({ format: 'kyphosim-plan', version: 1, description: 'test', steps });
const tick = (item: 'history' | 'imaging' | 'candidacy'): PlanStep => ({ do: { type: 'checklist.tick', item } });
const declineFor = (reason: DeclineReason): PlanStep => ({ do: { type: 'case.decline', reason } });
const reviewThenDecline = (reason: DeclineReason) => plan([tick('history'), tick('imaging'), declineFor(reason)]);

describe('scenario indication', () => {
  it('is written out in every shipped file, and an operate case keeps the hash it had when version 1 left it implicit', () => {
    const operate = readdirSync('levels').filter(
      (f) => f.endsWith('.json') && (raw(f).indication as { decision?: unknown }).decision === 'operate',
    );
    expect(operate.length).toBeGreaterThanOrEqual(4);
    for (const f of operate) {
      const s = parseScenario(raw(f), f);
      expect(indicationOf(s), f).toEqual({ decision: 'operate' });
      // The same case as a version-1 file without the field: the hash its attempts recorded.
      const { indication: _, ...asVersion1 } = { ...raw(f), schemaVersion: 1 } as Record<string, unknown>;
      expect(scenarioHash(s), f).toBe(scenarioHashAsWritten(asVersion1));
    }
  });

  it('names the reason of a case to decline', () => {
    expect(indicationOf(healed)).toEqual({
      decision: 'decline',
      reason: 'healedFracture',
      alsoAccepted: ['painNotFromFracture'],
    });
    expect(indicationOf(warfarin)).toEqual({ decision: 'decline', reason: 'uncorrectedCoagulopathy' });
    expect(warfarin.patient.labs.inr).toBe(3.2);
    // Findings that argue against the procedure say so.
    expect(healed.patient.findings.filter((f) => !f.supportsProcedure).length).toBeGreaterThanOrEqual(3);
    expect(warfarin.patient.findings.some((f) => !f.supportsProcedure && /INR 3\.2/.test(f.text))).toBe(true);
  });

  it('refuses an unknown reason, a decline without a reason and extra fields, naming the field', () => {
    const bad = (indication: unknown) => () =>
      parseScenario({ ...raw('l1-osteoporotic-wedge.json'), indication }, 'x.json');
    expect(bad({ decision: 'decline', reason: 'patientTooOld' })).toThrow(/x\.json[\s\S]*indication\.reason/);
    expect(bad({ decision: 'decline' })).toThrow(/indication\.reason/);
    expect(bad({ decision: 'maybe' })).toThrow(/indication\.decision/);
    expect(bad({ decision: 'operate', reason: 'healedFracture' })).toThrow(/indication/);
    expect(bad({ decision: 'decline', reason: 'healedFracture', alsoAccepted: ['x'] })).toThrow(
      /indication\.alsoAccepted\.0/,
    );
    expect(() =>
      parseScenario({ ...raw('l1-osteoporotic-wedge.json'), indication: { decision: 'operate' } }),
    ).not.toThrow();
  });

  it('has one label per reason', () => {
    expect(Object.keys(DECLINE_REASON_LABELS).sort()).toEqual([...DECLINE_REASONS].sort());
  });
});

describe('the decline command', () => {
  it('is validated like any command: a reason from the closed list', () => {
    expect(checkCommand({ type: 'case.decline', reason: 'activeInfection' }).ok).toBe(true);
    const bad = checkCommand({ type: 'case.decline', reason: 'tired' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^reason:/);
    expect(checkCommand({ type: 'case.decline' }).ok).toBe(false);
  });

  it.each(['practice', 'exam'] as const)('ends the attempt from case review (%s mode)', (mode) => {
    const s = createSession(warfarin, 3, { mode });
    expect(s.snapshot().allowed).toContain('case.decline');
    s.dispatch({ type: 'checklist.tick', item: 'history' });
    expect(s.dispatch({ type: 'case.decline', reason: 'uncorrectedCoagulopathy' })).toEqual({ accepted: true });
    const snap = s.snapshot();
    expect(snap.finished).toBe(true);
    expect(snap.phase).toBe('debrief');
    expect(snap.allowed).toEqual([]);
    expect(s.dispatch({ type: 'phase.next' })).toEqual({ accepted: false, reason: 'The procedure is over.' });
    // The clock has stopped: the attempt ends where it was declined.
    const at = s.tick;
    s.stepTicks(100);
    expect(s.tick).toBe(at);
  });

  it('may follow a ticked candidacy, but is refused once the case review is left', () => {
    const s = createSession(wedge, 1);
    for (const item of ['history', 'imaging', 'candidacy'] as const) s.dispatch({ type: 'checklist.tick', item });
    expect(s.snapshot().allowed).toContain('case.decline');
    s.dispatch({ type: 'phase.next' });
    expect(s.snapshot().phase).toBe('preOp');
    expect(s.snapshot().allowed).not.toContain('case.decline');
    const refused = s.dispatch({ type: 'case.decline', reason: 'healedFracture' });
    expect(refused.accepted).toBe(false);
    expect(refused.reason).toBe(
      'The decision to operate was made when the case review closed: decline in case review.',
    );
    expect(s.snapshot().finished).toBe(false);
  });
});

describe('scoring a decision', () => {
  it('a case to decline, declined for its reason: passes on the decision alone', () => {
    const r = score(runPlan(warfarin, 5, reviewThenDecline('uncorrectedCoagulopathy')));
    expect(r.passed).toBe(true);
    expect(r.total).toBe(100);
    expect(r.domains).toEqual([]);
    expect(r.criticalErrors).toEqual([]);
    expect(r.decision).toMatchObject({
      expected: 'decline',
      chosen: 'decline',
      reason: 'uncorrectedCoagulopathy',
      correct: true,
      reasonCorrect: true,
    });
  });

  it('a reason the case also accepts is a right reason', () => {
    const r = score(runPlan(healed, 5, reviewThenDecline('painNotFromFracture')));
    expect(r.passed).toBe(true);
    expect(r.decision?.reasonCorrect).toBe(true);
  });

  it('a case to decline, declined for another reason: half marks and no pass', () => {
    const r = score(runPlan(warfarin, 5, reviewThenDecline('healedFracture')));
    expect(r.passed).toBe(false);
    expect(r.total).toBe(50);
    expect(r.criticalErrors).toEqual([]);
    expect(r.decision).toMatchObject({ correct: true, reasonCorrect: false, reason: 'healedFracture' });
    expect(r.decision?.label).toContain(DECLINE_REASON_LABELS.uncorrectedCoagulopathy);
  });

  it('an indicated case declined: 0 and no pass, but no critical error', () => {
    const r = score(runPlan(wedge, 42, reviewThenDecline('painNotFromFracture')));
    expect(r.passed).toBe(false);
    expect(r.total).toBe(0);
    expect(r.criticalErrors).toEqual([]);
    expect(r.decision).toMatchObject({ expected: 'operate', chosen: 'decline', correct: false });
  });

  it('a case to decline operated on: a critical error at leaving the case review', () => {
    const s = runPlan(warfarin, 5, loadPlan('levels/plans/textbook-vertebroplasty.json'));
    const r = score(s);
    const left = s.log.find((e) => e.command.type === 'phase.next')?.tick;
    expect(r.passed).toBe(false);
    // The uncorrected INR (3.2) then does what it does: the puncture site oozes into a haematoma
    // that the plan, not looking for it, leaves unanswered (sim/patient/bleeding.ts).
    expect(r.criticalErrors.map((c) => c.id).sort()).toEqual(['complication-unanswered', 'operated-not-indicated']);
    expect(r.criticalErrors.find((c) => c.id === 'operated-not-indicated')?.tick).toBe(left);
    expect(r.decision).toMatchObject({ expected: 'decline', chosen: 'operate', correct: false, tick: left });
    // Everything else is scored as usual: the technique was fine.
    expect(r.domains.length).toBeGreaterThan(0);
  });

  it('stopping in case review without deciding is no decision, and not completed', () => {
    const s = runPlan(healed, 5, plan([tick('history'), tick('imaging'), tick('candidacy')]));
    const r = score(s);
    expect(r.decision).toMatchObject({ chosen: 'none', tick: null });
    expect(r.criticalErrors.map((c) => c.id)).toEqual(['not-completed']);
  });

  it('an indicated case operated on has no decision in its report', () => {
    const r = score(runPlan(wedge, 42, plan([tick('history'), tick('imaging'), tick('candidacy')])));
    expect('decision' in r).toBe(false);
  });

  it('the text report names the decision and its reason', () => {
    const s = runPlan(warfarin, 5, reviewThenDecline('uncorrectedCoagulopathy'));
    const text = formatReportText(score(s), reportTextHeader(s, s.tick));
    expect(text).toContain(`Decision at 0:00: Declined: ${DECLINE_REASON_LABELS.uncorrectedCoagulopathy}`);
    expect(text).toContain('PASSED');
  });
});

describe('the decline plan', () => {
  it('declines each case for its own reason', () => {
    for (const s of [healed, warfarin]) {
      const run = runPlan(s, 9, declinePlan);
      const decline = run.log.find((e) => e.command.type === 'case.decline')?.command;
      const indication = indicationOf(s);
      expect(decline).toEqual({ type: 'case.decline', reason: indication.decision === 'decline' && indication.reason });
      expect(score(run).passed, s.id).toBe(true);
    }
  });

  it('reads the case review, not the world: caseDecline holds only for the case reason', () => {
    const snap = createSession(warfarin, 1).snapshot();
    const ctx = { phaseTick: 0, lastPushTick: null, indication: warfarin.indication };
    expect(conditionHolds(snap, { caseDecline: 'uncorrectedCoagulopathy' }, ctx)).toBe(true);
    expect(conditionHolds(snap, { caseDecline: 'healedFracture' }, ctx)).toBe(false);
    expect(conditionHolds(snap, { caseDecline: 'healedFracture' }, { phaseTick: 0, lastPushTick: null })).toBe(false);
  });

  it('replays from its attempt file to the same log, end and report', () => {
    const s = runPlan(healed, 11, declinePlan, 'exam');
    const file = parseAttemptFile(JSON.parse(JSON.stringify(toAttemptFile(s, 'test'))));
    expect(file.log.at(-1)?.command).toEqual({ type: 'case.decline', reason: 'healedFracture' });
    const again = replay(file.scenario, file.seed, file.log, file.endTick, file.mode);
    expect(again.tick).toBe(s.tick);
    expect(again.log).toEqual(s.log);
    expect(score(again)).toEqual(score(s));
  });

  it('the reference sets: experts decline a case to decline, novices still operate on it', () => {
    const operatingExpert = {
      group: 'expert' as const,
      plan: { ...declinePlan, fits: { procedure: 'vertebroplasty' as const } },
    };
    const operatingNovice = { ...operatingExpert, group: 'novice' as const };
    const decliningExpert = {
      group: 'expert' as const,
      plan: { ...declinePlan, fits: { indication: 'decline' as const } },
    };
    expect(referencePlanFits(operatingExpert, warfarin)).toBe(false);
    expect(referencePlanFits(operatingNovice, warfarin)).toBe(true);
    expect(referencePlanFits(decliningExpert, warfarin)).toBe(true);
    expect(referencePlanFits(decliningExpert, healed)).toBe(true);
    // On an indicated case nothing changes: the declining plan does not fit, the operating one does.
    expect(planFits(decliningExpert.plan, wedge)).toBe(false);
    expect(referencePlanFits(operatingExpert, { ...wedge, procedure: 'vertebroplasty' })).toBe(true);
  });
});
