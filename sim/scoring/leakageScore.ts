import { cementOutcome, PROMPT_STOP_S } from '../instruments/cementOutcome';
import type { LeakLocation } from '../core/events';
import type { DomainScore, ScoreItem } from '../scoring/types';
import { commandTicks, fmt, type ScoringInput } from './scoringInput';
import { scoreByLevel } from './levelInputs';
import { DOMAIN_WEIGHTS } from './weights';

/**
 * Severity weights per leak location (the rubric: location-weighted volume; docs/clinical-sources.md Leakage: canal and
 * foraminal leaks are the ones that need decompression; venous leaks embolise; disc and
 * paravertebral leaks are mostly silent). Assumed weights, to be set by the contrasting-groups
 * method when lab data exist.
 */
export const LEAK_SEVERITY: Readonly<Record<LeakLocation, number>> = {
  epidural: 4,
  foraminal: 4,
  venous: 2,
  paravertebral: 1,
  intradiscal: 1,
  tract: 0.5,
};
/** Points per severity-weighted mL. */
const POINTS_PER_WEIGHTED_ML = 40;
/** Injection should stop within PROMPT_STOP_S of the first leak (the rubric: "stop promptly"; one constant with the cement outcome). */
export { PROMPT_STOP_S };

/** Leakage domain: severity-weighted leaked volume and how fast injection stopped, for each treated level (levelInputs.ts). */
export function leakageScore(input: ScoringInput, tickS: number): DomainScore {
  const { items, score } = scoreByLevel(input, (level) => leakItems(level, tickS));
  return { id: 'leakage', label: 'Cement leakage', score, weight: DOMAIN_WEIGHTS.leakage, items };
}

/** The leakage items of one level. */
function leakItems(input: ScoringInput, tickS: number): ScoreItem[] {
  const items: ScoreItem[] = [];
  const leaks = input.final.cement.leaks;
  for (const leak of leaks) {
    const points = -leak.volumeMl * LEAK_SEVERITY[leak.location] * POINTS_PER_WEIGHTED_ML;
    items.push({
      label: `${leak.location} leak`,
      value: fmt(leak.volumeMl, 'mL', 2),
      points: Math.round(points * 10) / 10,
      evidenceTicks: [leak.firstTick],
    });
  }
  // The clock starts when an image showed the leak (the trainee cannot react to what no image showed);
  // it stops when cement stopped moving (cementOutcome.ts).
  const outcome = cementOutcome(input.final.cement, 1 / tickS);
  const seenTicks = leaks.map((l) => l.seenTick).filter((t): t is number => t !== null);
  if (outcome.pushedOnAfterLeakS !== null && seenTicks.length > 0) {
    const seen = Math.min(...seenTicks);
    const delayS = outcome.pushedOnAfterLeakS;
    const lastPush = commandTicks(input, 'cement.inject')
      .filter((t) => t >= seen)
      .pop();
    items.push({
      label: 'Cement kept going after the first leak seen on an image',
      value: fmt(delayS, 's'),
      points: delayS <= PROMPT_STOP_S ? 0 : -Math.min(25, Math.round((delayS - PROMPT_STOP_S) * 2 * 10) / 10),
      evidenceTicks: lastPush === undefined ? [seen] : [seen, lastPush],
    });
  }
  if (items.length === 0) items.push({ label: 'Cement leaks', value: 'none', points: 0, evidenceTicks: [] });
  return items;
}
