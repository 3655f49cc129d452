import { CASE_REVIEW_ITEMS, CHECKLIST_TITLES, PRE_OP_ITEMS } from '../procedure/checklistItems';
import type { DomainScore, ScoreItem } from '../scoring/types';
import { clampScore, fmt, type ScoringInput } from './scoringInput';
import { DOMAIN_WEIGHTS } from './weights';
import { measurementItem, wedgeMeasurement } from './wedgeMeasurementScore';

import { treatedLevels } from '../../levels/scenarioSchema';
import { dischargeLabel, expectedDischarge, overnightReasons } from './overnightReasons';
import { recoveryItems, recoveryStart } from './recoveryCare';
import { TICKS_PER_S } from '../core/constants';

/** Kyphoplasty takes up to an hour per level (docs/clinical-sources.md, Procedure and outcomes). */
const MAX_SIM_TIME_S = 60 * 60;

/**
 * Process domain: checklist, the case-review measurement of the wedge, discharge decision, time
 * (skipped preparation is also a serious error: seriousErrors.ts).
 */
export function processScore(input: ScoringInput): DomainScore {
  const ticks = input.log.filter((e) => e.command.type === 'checklist.tick');
  const checklist = (list: typeof CASE_REVIEW_ITEMS): ScoreItem[] =>
    list.map((item) => {
      const label = CHECKLIST_TITLES[item];
      const t = ticks.find((e) => e.command.type === 'checklist.tick' && e.command.item === item)?.tick;
      return {
        label,
        value: t === undefined ? 'missed' : 'done',
        points: t === undefined ? -10 : 0,
        evidenceTicks: t === undefined ? [] : [t],
      };
    });
  const measurement = measurementItem(input, wedgeMeasurement(input));
  const items: ScoreItem[] = [
    ...checklist(CASE_REVIEW_ITEMS),
    ...(measurement ? [measurement] : []),
    ...checklist(PRE_OP_ITEMS),
  ];
  const decision = input.log.find((e) => e.command.type === 'discharge.decide');
  // Why the patient should stay the night, if at all (overnightReasons.ts): the item names them.
  const reasons = overnightReasons(input);
  const expected = expectedDischarge(reasons);
  const chosen = decision?.command.type === 'discharge.decide' ? decision.command.decision : 'none';
  items.push({
    label: dischargeLabel(reasons),
    value: chosen,
    points: chosen === expected ? 0 : -10,
    evidenceTicks: decision ? [decision.tick] : [],
  });
  // Time in the procedure room: to the patient's transfer to recovery (observation there is not procedure time).
  const start = recoveryStart(input);
  const levels = treatedLevels(input.scenario).length;
  const t = start === null ? input.final.timeS : start / TICKS_PER_S;
  items.push({
    label: 'Procedure time',
    value: fmt(t / 60, 'min'),
    points: t > MAX_SIM_TIME_S * levels ? -10 : 0,
    evidenceTicks: [],
  });
  items.push(...recoveryItems(input));
  const total = items.reduce((s, i) => s + i.points, 0);
  return { id: 'process', label: 'Process', score: clampScore(100 + total), weight: DOMAIN_WEIGHTS.process, items };
}
