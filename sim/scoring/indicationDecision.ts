import { indicationOf } from '../../levels/scenarioSchema';
import type { LogEntry } from '../core/commands';
import { DECLINE_REASON_LABELS, type DeclineReason } from '../core/declineReasons';
import type { CriticalError, IndicationDecision } from './types';
import type { ScoringInput } from './scoringInput';

/**
 * The decision to operate or decline, judged against the scenario's indication (README.md, "Cases
 * to decline"). Read from the command log alone, so a replay or a rescore gives the same decision.
 */

/** Points of a declined attempt: the decision is the whole of what it is scored on. */
export const DECLINE_POINTS = {
  /** Declined a case to decline, for its reason: the answer the case asks for. */
  rightReason: 100,
  /** Declined a case to decline, for another reason: the patient is safe, the case was misread. */
  wrongReason: 50,
  /** Declined a patient the procedure would help: no technique to score, and no pass. */
  notIndicated: 0,
} as const;

/** The decline command of an attempt, if the trainee declined. */
export function declineOf(log: readonly LogEntry[]): { tick: number; reason: DeclineReason } | null {
  const entry = log.find((e) => e.command.type === 'case.decline');
  return entry?.command.type === 'case.decline' ? { tick: entry.tick, reason: entry.command.reason } : null;
}

/**
 * The tick the trainee decided to operate: leaving the case review (the first accepted phase.next,
 * since the case review is the first phase). Declining is offered only there, so leaving it with
 * the candidacy ticked is accepting the patient for the procedure; what follows (sedation, prone
 * positioning, radiation) already exposes the patient to the procedure's risks.
 */
export function operateDecisionTick(log: readonly LogEntry[]): number | null {
  return log.find((e) => e.command.type === 'phase.next')?.tick ?? null;
}

/**
 * The decision of an attempt against the case's indication; null for an operate case operated on
 * (or not yet decided), whose report stays exactly what it was before indications existed.
 */
export function indicationDecision(input: ScoringInput): IndicationDecision | null {
  const indication = indicationOf(input.scenario);
  const expectedReason = indication.decision === 'decline' ? indication.reason : null;
  const declined = declineOf(input.log);
  if (declined) {
    const correct = indication.decision === 'decline';
    const reasonCorrect =
      indication.decision === 'decline' &&
      (declined.reason === indication.reason || (indication.alsoAccepted ?? []).includes(declined.reason));
    return {
      expected: indication.decision,
      expectedReason,
      chosen: 'decline',
      reason: declined.reason,
      tick: declined.tick,
      correct,
      reasonCorrect,
      label: declineLabel(declined.reason, correct, reasonCorrect, expectedReason),
    };
  }
  if (indication.decision === 'operate') return null;
  const operated = operateDecisionTick(input.log);
  return {
    expected: 'decline',
    expectedReason,
    chosen: operated === null ? 'none' : 'operate',
    reason: null,
    tick: operated,
    correct: false,
    reasonCorrect: false,
    label:
      operated === null
        ? `No decision made; the case was to decline: ${DECLINE_REASON_LABELS[indication.reason]}`
        : `Operated; the case was to decline: ${DECLINE_REASON_LABELS[indication.reason]}`,
  };
}

function declineLabel(
  reason: DeclineReason,
  correct: boolean,
  reasonCorrect: boolean,
  expectedReason: DeclineReason | null,
): string {
  const chosen = `Declined: ${DECLINE_REASON_LABELS[reason]}`;
  if (!correct) return `${chosen}; the procedure was indicated`;
  if (reasonCorrect || expectedReason === null) return `${chosen} (the right decision and reason)`;
  return `${chosen}; the right decision, but the reason was: ${DECLINE_REASON_LABELS[expectedReason]}`;
}

/** Operating on a case to decline: a critical error at the moment the case review was left. */
export function operatedNotIndicated(decision: IndicationDecision | null): CriticalError[] {
  if (decision?.chosen !== 'operate' || decision.expectedReason === null || decision.tick === null) return [];
  return [
    {
      id: 'operated-not-indicated',
      label: `Operated although the procedure was not indicated: ${DECLINE_REASON_LABELS[decision.expectedReason]}`,
      tick: decision.tick,
    },
  ];
}
