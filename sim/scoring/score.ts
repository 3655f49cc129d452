import type { Scenario } from '../../levels/scenarioSchema';
import type { LogEntry } from '../core/commands';
import type { SimSnapshot } from '../session/snapshot';
import type { ScoreReport } from './types';
import { FIXED_DT_S } from '../core/constants';
import { leakageScore } from './leakageScore';
import { misplacementScore } from './misplacementScore';
import { heightScore } from './heightScore';
import { radiationScore } from './radiationScore';
import { cementScore } from './cementScore';
import { processScore } from './processScore';
import { criticalErrors } from './criticalErrors';
import { seriousErrors } from './seriousErrors';
import { imagingScore } from './imagingScore';
import { metrics } from './metrics';
import { DECLINE_POINTS, indicationDecision, operatedNotIndicated } from './indicationDecision';
import type { IndicationDecision } from './types';
import { wedgeMeasurement } from './wedgeMeasurementScore';
import { complicationScore, unansweredComplications } from './complicationScore';

/**
 * Score an attempt: a pure function of the scenario, the command log and the final state.
 * The total is the weighted mean of the domain scores less the points of the serious errors; any
 * critical error fails the attempt (sim/scoring/README.md).
 */
export function scoreAttempt(scenario: Scenario, log: readonly LogEntry[], final: SimSnapshot): ScoreReport {
  const input = { scenario, log, final };
  const decision = indicationDecision(input);
  // Shown beside the score; scored as a case-review item of the process domain (processScore.ts).
  const measurement = wedgeMeasurement(input);
  const measured = measurement ? { measurement } : {};
  if (decision?.chosen === 'decline')
    return { ...declinedReport(scenario, final, decision, metrics(input)), ...measured };
  const domains = [
    leakageScore(input, FIXED_DT_S),
    misplacementScore(input),
    heightScore(input),
    radiationScore(input),
    cementScore(input),
    processScore(input),
    imagingScore(input),
    complicationScore(input),
  ]
    .filter((d) => d !== null)
    .map((d) => ({ ...d, items: d.items.map((i) => ({ ...i, points: tidy(i.points) })) }));
  const weightSum = domains.reduce((s, d) => s + d.weight, 0);
  const domainTotal = Math.round((domains.reduce((s, d) => s + d.score * d.weight, 0) / weightSum) * 10) / 10;
  const serious = seriousErrors(input).map((e) => ({ ...e, points: tidy(e.points) }));
  const total = tidy(Math.max(0, domainTotal + serious.reduce((s, e) => s + e.points, 0)));
  const critical = [...criticalErrors(input), ...unansweredComplications(input), ...operatedNotIndicated(decision)];
  return {
    scenarioId: scenario.id,
    seed: final.seed,
    total,
    domainTotal,
    passScore: scenario.scoring.passScore,
    passed: critical.length === 0 && total >= scenario.scoring.passScore,
    domains,
    seriousErrors: serious,
    criticalErrors: critical,
    metrics: metrics(input),
    ...(decision ? { decision } : {}),
    ...measured,
  };
}

/**
 * A declined attempt is scored on its decision alone (README.md, "Cases to decline"): no technique
 * was performed, so there is no domain to weigh and no serious or critical error to find.
 */
function declinedReport(
  scenario: Scenario,
  final: SimSnapshot,
  decision: IndicationDecision,
  attemptMetrics: ScoreReport['metrics'],
): ScoreReport {
  const total = !decision.correct
    ? DECLINE_POINTS.notIndicated
    : decision.reasonCorrect
      ? DECLINE_POINTS.rightReason
      : DECLINE_POINTS.wrongReason;
  return {
    scenarioId: scenario.id,
    seed: final.seed,
    total,
    domainTotal: total,
    passScore: scenario.scoring.passScore,
    passed: decision.correct && decision.reasonCorrect,
    domains: [],
    seriousErrors: [],
    criticalErrors: [],
    metrics: attemptMetrics,
    decision,
  };
}

/** One decimal, and never -0 (a report must survive a JSON round trip unchanged). */
const tidy = (points: number): number => Math.round(points * 10) / 10 || 0;
