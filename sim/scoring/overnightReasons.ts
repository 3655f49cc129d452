import { treatedLevels } from '../../levels/scenarioSchema';
import { asaName, poorGeneralHealth } from '../core/asaClass';
import { painControlled, reportedNrs } from '../patient/recoveryPain';
import type { DischargeDecision } from '../core/commands';
import { complicationEpisodes } from './complicationScore';
import { levelInputs } from './levelInputs';
import { eventTicks, type ScoringInput } from './scoringInput';

/**
 * Why the patient should stay the night after the procedure (README.md, Process: the discharge
 * decision). Most patients go home the same day; an overnight stay is expected after a complication,
 * when more than one level was treated, when the patient's general health is poor, or when the pain
 * on sitting up is not controlled in recovery
 * (docs/clinical-sources.md, Procedure and outcomes; General health and the overnight stay).
 */

/** The kinds of reason: one entry per rule below (a complication may give several reasons, one per complication). */
export type OvernightReasonId = 'complication' | 'levels' | 'poorHealth' | 'pain';

export interface OvernightReason {
  readonly id: OvernightReasonId;
  /** In a few words, as the discharge item names it: "cement leak", "2 levels", "ASA III". */
  readonly label: string;
}

/** One rule: the reasons of its kind that apply to this attempt (none when it does not apply). */
type OvernightRule = (input: ScoringInput) => readonly OvernightReason[];

/**
 * A complication the team had to see to: a cement leak, a breach of the cortex by the needle, a
 * ruptured balloon, or a complication of the patient that showed its signs (a silent mild one,
 * which needed no answer, is no reason).
 */
const complications: OvernightRule = (input) => {
  const what: string[] = [];
  if (levelInputs(input).some((l) => l.input.final.cement.leaks.length > 0)) what.push('cement leak');
  if (input.final.trocars.some((t) => t.breaches.length > 0)) what.push('needle breach');
  if (eventTicks(input, 'balloon.ruptured').length > 0) what.push('balloon rupture');
  for (const e of complicationEpisodes(input)) if (e.signTick !== null) what.push(e.label.toLowerCase());
  return what.map((label) => ({ id: 'complication', label }));
};

/** More than one level treated in the procedure is a reason in itself. */
const levels: OvernightRule = (input) => {
  const n = treatedLevels(input.scenario).length;
  return n > 1 ? [{ id: 'levels', label: `${n} levels` }] : [];
};

/** Poor general health: the case states ASA III or IV (a class not stated is not poor health). */
const poorHealth: OvernightRule = (input) => {
  const asa = input.scenario.patient.asaClass;
  return asa !== undefined && poorGeneralHealth(asa) ? [{ id: 'poorHealth', label: asaName(asa) }] : [];
};

/**
 * Pain not controlled on sitting up in recovery (sim/patient/recoveryPain.ts): more than the
 * patient can go home with, as they report it. Read from the patient at the end of the attempt,
 * as the recovery examination finds it (an attempt that never took the instruments out has none).
 */
const pain: OvernightRule = (input) => {
  const nrs = input.final.patient.painOnSittingNrs;
  return nrs !== null && !painControlled(nrs)
    ? [{ id: 'pain', label: `pain ${reportedNrs(nrs)}/10 on sitting up` }]
    : [];
};

/** The rules, in the order the discharge item names their reasons. A new reason is one more rule here. */
const OVERNIGHT_RULES: readonly OvernightRule[] = [complications, levels, poorHealth, pain];

/** Every reason for an overnight stay that applies to this attempt, in the rules' order (empty: same day). */
export function overnightReasons(input: ScoringInput): OvernightReason[] {
  return OVERNIGHT_RULES.flatMap((rule) => rule(input));
}

/** The discharge these reasons call for: overnight when there is any. */
export function expectedDischarge(reasons: readonly OvernightReason[]): DischargeDecision {
  return reasons.length > 0 ? 'overnight' : 'same-day';
}

/** The discharge item's label: "Discharge decision (expected same-day)" or "(expected overnight: cement leak, ASA III)". */
export function dischargeLabel(reasons: readonly OvernightReason[]): string {
  if (reasons.length === 0) return 'Discharge decision (expected same-day)';
  return `Discharge decision (expected overnight: ${reasons.map((r) => r.label).join(', ')})`;
}
