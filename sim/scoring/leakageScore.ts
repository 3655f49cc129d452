import { PROMPT_STOP_S } from '../instruments/cementOutcome';
import type { LeakLocation } from '../events';
import type { DomainScore, ScoreItem } from '../scoring/types';
import { clampScore, commandTicks, eventTicks, fmt, type ScoringInput } from './scoringInput';

/**
 * Severity weights per leak location (design.md Scoring; clinical-reference.md Leakage: canal and
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
/** Injection should stop within PROMPT_STOP_S of the first leak (design.md: "stop promptly"; one constant with the cement outcome). */
export { PROMPT_STOP_S };

/** Leakage domain: severity-weighted leaked volume and how fast injection stopped. */
export function leakageScore(input: ScoringInput, tickS: number): DomainScore {
  const items: ScoreItem[] = [];
  const leaks = input.final.cement.leaks;
  for (const leak of leaks) {
    const points = -leak.volumeMl * LEAK_SEVERITY[leak.location] * POINTS_PER_WEIGHTED_ML;
    items.push({ label: `${leak.location} leak`, value: fmt(leak.volumeMl, 'mL', 2), points: Math.round(points * 10) / 10, evidenceTicks: [leak.firstTick] });
  }
  const firstLeak = eventTicks(input, 'cement.leak')[0];
  if (firstLeak !== undefined) {
    const stops = commandTicks(input, 'cement.stop').filter((t) => t >= firstLeak);
    const stopTick = stops[0];
    const delayS = stopTick === undefined ? Infinity : (stopTick - firstLeak) * tickS;
    const points = delayS <= PROMPT_STOP_S ? 0 : stopTick === undefined ? -25 : -Math.min(25, (delayS - PROMPT_STOP_S) * 2);
    items.push({
      label: 'Stopped injecting after the first leak',
      value: stopTick === undefined ? 'never' : fmt(delayS, 's'),
      points,
      evidenceTicks: stopTick === undefined ? [firstLeak] : [firstLeak, stopTick],
    });
  }
  if (items.length === 0) items.push({ label: 'Cement leaks', value: 'none', points: 0, evidenceTicks: [] });
  const total = items.reduce((s, i) => s + i.points, 0);
  return { id: 'leakage', label: 'Cement leakage', score: clampScore(100 + total), weight: 0.25, items };
}
