import { tickClock } from '../core/clockText';
import type { Session } from '../session/sessionTypes';
import type {
  CriticalError,
  DomainScore,
  IndicationDecision,
  Metrics,
  ScoreItem,
  ScoreReport,
  SeriousError,
  WedgeMeasurement,
} from './types';

/**
 * The score report as plain text, for a teaching lab's files and e-mails. The browser's debrief
 * and `npm run sim -- replay <attempt.json> --text` both print it, so the same attempt gives the
 * same bytes in both: no wall-clock time, no locale (numbers through toFixed and String only),
 * '\n' line ends, and a header built only from what an attempt file holds.
 */

/** What the text says about the attempt besides its score: all of it known from the attempt file. */
export interface ReportTextHeader {
  readonly scenarioTitle: string;
  readonly scenarioId: string;
  readonly seed: number;
  readonly mode: string;
  /** Tick the attempt ended at (the final snapshot's tick, the attempt file's endTick). */
  readonly endTick: number;
}

/** The header of a session's report, ended at `endTick`: one builder for the browser and the CLI. */
export function reportTextHeader(
  session: Pick<Session, 'scenario' | 'seed' | 'mode'>,
  endTick: number,
): ReportTextHeader {
  return {
    scenarioTitle: session.scenario.title,
    scenarioId: session.scenario.id,
    seed: session.seed,
    mode: session.mode,
    endTick,
  };
}

/** The file name a report is saved under: report-<scenario>-<seed>.txt. */
export function reportTextFilename(header: Pick<ReportTextHeader, 'scenarioId' | 'seed'>): string {
  return `report-${header.scenarioId}-${header.seed}.txt`;
}

/** A tick as sim clock time, m:ss (h:mm:ss past an hour), the way the debrief's timeline shows it. */
export const tickClockText = tickClock;

/** Fixed decimals without a "-0.0". */
function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}

/** Evidence ticks as distinct sim times in order of first appearance, or "none". */
function evidenceText(ticks: readonly number[]): string {
  const times = [...new Set(ticks.map(tickClockText))];
  return times.length ? times.join(', ') : 'none';
}

/** The decision against the case's indication; no line when the report has none (an indicated case operated on). */
function decisionLines(decision: IndicationDecision | undefined): string[] {
  if (!decision) return [];
  const when = decision.tick === null ? '' : ` at ${tickClockText(decision.tick)}`;
  return [`Decision${when}: ${decision.label}`];
}

function criticalLines(errors: readonly CriticalError[]): string[] {
  if (errors.length === 0) return ['Critical errors: none'];
  return [
    `Critical errors (${errors.length}, each fails the attempt):`,
    ...errors.map((c) => `  ${tickClockText(c.tick)}  ${c.label} [${c.id}]`),
  ];
}

function seriousLines(errors: readonly SeriousError[]): string[] {
  if (errors.length === 0) return ['Serious errors: none'];
  return [
    `Serious errors (${errors.length}, points off the total):`,
    ...errors.map((e) => `  ${fixed(e.points, 1)}  ${e.label} [${e.id}]; evidence: ${evidenceText(e.evidenceTicks)}`),
  ];
}

function itemLines(item: ScoreItem): string[] {
  return [
    `  - ${item.label}: ${item.value}`,
    `      points ${fixed(item.points, 1)}; evidence: ${evidenceText(item.evidenceTicks)}`,
  ];
}

function domainLines(d: DomainScore): string[] {
  return [
    '',
    `${d.label} [${d.id}]: ${fixed(d.score, 1)} / 100, weight ${fixed(d.weight * 100, 1)} %`,
    ...d.items.flatMap(itemLines),
  ];
}

/** The case-review measurement against the truth (none when no measurement was made). */
function measurementLines(m: WedgeMeasurement | undefined): string[] {
  if (!m) return [];
  return [
    `Pre-operative lateral measured: wedge ${fixed(m.measured.wedgeDeg, 1)} deg (true ${fixed(m.truth.wedgeDeg, 1)}), ` +
      `height loss ${fixed(m.measured.heightLossPct, 1)} % (true ${fixed(m.truth.heightLossPct, 1)}): ` +
      (m.agrees ? 'agrees' : 'off'),
  ];
}

/** Metric values: numbers as JavaScript writes them (exact, locale-free), the rest as their text. */
function metricLines(metrics: Metrics): string[] {
  const keys = Object.keys(metrics).sort();
  return ['', 'Metrics', ...keys.map((k) => `  ${k} = ${String(metrics[k])}`)];
}

/** The whole report as plain text, ending with a newline. */
export function formatReportText(report: ScoreReport, header: ReportTextHeader): string {
  const lines = [
    'KyphoSim score report',
    `Scenario: ${header.scenarioTitle} [${header.scenarioId}]`,
    `Seed ${header.seed}, ${header.mode} mode, ended at sim time ${tickClockText(header.endTick)} (tick ${header.endTick})`,
    '',
    `Total ${fixed(report.total, 1)} / 100, pass score ${report.passScore}: ${report.passed ? 'PASSED' : 'FAILED'}`,
    `Domains ${fixed(report.domainTotal, 1)}, serious errors ${fixed(
      report.seriousErrors.reduce((s, e) => s + e.points, 0),
      1,
    )}`,
    ...decisionLines(report.decision),
    ...measurementLines(report.measurement),
    ...criticalLines(report.criticalErrors),
    ...seriousLines(report.seriousErrors),
    ...report.domains.flatMap(domainLines),
    ...metricLines(report.metrics),
  ];
  return `${lines.join('\n')}\n`;
}
