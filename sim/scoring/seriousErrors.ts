import type { SeriousError } from './types';
import { treatedLevels } from '../../levels/scenarioSchema';
import { levelInputs } from './levelInputs';
import { commandTicks, eventTicks, type ScoringInput } from './scoringInput';
import { cementPhaseAt, pedalPresses, volumeWindowMl } from './attemptFacts';
import {
  BLIND_PUSH_ML,
  CEMENT_LEAK_ODDS,
  CEMENT_POINTS_CAP,
  CEMENT_POINTS_PER_LOG_ODDS,
  CONTINUOUS_SCREENING_S,
  FLUORO_NORM_S,
  OVERFILL_MARGIN_ML,
  SERIOUS_POINTS,
} from './weights';
import { TICKS_PER_S } from '../core/constants';

/** Points for a cement error with this leak odds ratio (weights.ts). */
export const cementPoints = (odds: number): number =>
  -Math.min(CEMENT_POINTS_CAP, Math.round(CEMENT_POINTS_PER_LOG_ODDS * Math.log(odds) * 10) / 10);

/**
 * Serious errors: unsafe technique that does not by itself harm the patient in this attempt, but
 * that a lab cannot pass (the proficiency-based progression distinction between errors and
 * critical errors). Each takes points off the total (weights.ts, README "Serious errors").
 */
export function seriousErrors(input: ScoringInput): SeriousError[] {
  const out: SeriousError[] = [];
  const f = input.final;
  const add = (id: string, label: string, points: number, evidenceTicks: readonly number[]) =>
    out.push({ id, label, points, evidenceTicks });

  // Universal protocol and patient preparation (consent and the time-out are critical errors).
  const ticked = (item: string) =>
    input.log.find((e) => e.command.type === 'checklist.tick' && e.command.item === item)?.tick;
  const puncture = eventTicks(input, 'needle.skinPunctured')[0];
  for (const [item, label] of [
    ['labs', 'Coagulation and platelets not checked before the procedure'],
    ['antibiotics', 'Prophylactic antibiotic not given'],
  ] as const) {
    const t = ticked(item);
    if (t === undefined || (puncture !== undefined && t > puncture))
      add(`${item}-skipped`, label, -SERIOUS_POINTS, t === undefined ? [] : [t]);
  }
  const local = commandTicks(input, 'local.anaesthetic')[0];
  if (puncture !== undefined && (local === undefined || local > puncture))
    add('no-local', 'Skin punctured without local anaesthetic', -SERIOUS_POINTS, [puncture]);

  // Access: the safety rule (medial wall on AP before the posterior wall on lateral).
  const violations = eventTicks(input, 'needle.safetyRuleViolated');
  if (violations.length)
    add(
      'safety-rule',
      'Trocar past the medial pedicle wall before the posterior wall on lateral',
      -SERIOUS_POINTS,
      violations,
    );

  // Radiation: the operator's hand in the primary beam during live fluoroscopy.
  const hand = eventTicks(input, 'handInBeam');
  if (hand.length)
    add(
      'hand-in-beam',
      `Hand in the primary beam during live fluoroscopy (${hand.length} exposure${hand.length > 1 ? 's' : ''})`,
      -SERIOUS_POINTS * Math.min(2, hand.length),
      hand,
    );
  const longest = pedalPresses(input).reduce((m, [a, b]) => Math.max(m, (b - a) / TICKS_PER_S), 0);
  if (longest > CONTINUOUS_SCREENING_S) {
    const press = pedalPresses(input).find(([a, b]) => (b - a) / TICKS_PER_S === longest);
    add(
      'continuous-screening',
      `Continuous screening: one press of ${longest.toFixed(0)} s`,
      -SERIOUS_POINTS,
      press ? [press[0]] : [],
    );
  }
  const norm = FLUORO_NORM_S[input.scenario.procedure];
  // The published figures are for one level; two levels are two accesses and two fills.
  const levels = treatedLevels(input.scenario).length;
  const limitS = levels * (norm.mean + 2 * norm.sd);
  if (f.dose.fluoroTimeS > limitS)
    add(
      'excess-fluoroscopy',
      `Fluoroscopy ${(f.dose.fluoroTimeS / 60).toFixed(1)} min, beyond the published range (mean + 2 SD${levels > 1 ? ' per level' : ''}, ${(limitS / 60).toFixed(1)} min)`,
      -SERIOUS_POINTS,
      commandTicks(input, 'fluoro.expose'),
    );

  // Balloon: pushed past its rated pressure until it burst. The manometer's warning (red zone from
  // three quarters of the rating) is where textbook inflation stops, but pressing on into the red
  // zone up to the rating is allowed; the error is the burst. One act, weighed as two serious errors:
  // a device failure that leaves balloon fragments and contrast in the body and needs a new balloon.
  const rupture = eventTicks(input, 'balloon.ruptured');
  if (rupture.length)
    add('balloon-rupture', 'Balloon inflated past its rated pressure until it burst', -2 * SERIOUS_POINTS, rupture);

  // Cement: each error weighs by the leak odds the model shows for it.
  const odds = CEMENT_LEAK_ODDS[input.scenario.procedure];
  const injections = commandTicks(input, 'cement.inject');
  const liquid = injections.filter((t) => ['unmixed', 'liquid'].includes(cementPhaseAt(input, t)));
  if (liquid.length)
    add(
      'liquid-cement',
      'Cement pushed while still liquid (before the working phase)',
      cementPoints(odds.liquidPhase),
      liquid,
    );
  // Pushed blind and overfilled: each level's own cement (levelInputs.ts), named by the level when there are two.
  for (const { label, input: level } of levelInputs(input)) {
    const c = level.final.cement;
    const at = label ? `${label}: ` : '';
    const pushes = commandTicks(level, 'cement.inject');
    if (c.maxUnimagedMl > BLIND_PUSH_ML)
      add(
        'blind-push',
        `${at}${c.maxUnimagedMl.toFixed(1)} mL of cement pushed without an image (over ${BLIND_PUSH_ML} mL)`,
        cementPoints(odds.blindPush),
        pushes,
      );
    const [, hi] = volumeWindowMl(level.scenario.level, level.scenario.approach);
    if (c.inBodyMl > hi + OVERFILL_MARGIN_ML)
      add(
        'overfill',
        `${at}Overfilled: ${c.inBodyMl.toFixed(1)} mL in the body (window up to ${hi} mL)`,
        cementPoints(odds.overfill),
        pushes,
      );
  }
  return out;
}
