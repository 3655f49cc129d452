import type { ScoreReport } from '../../sim/scoring';
import { REPORT_FIGURES, showFigure } from './reportFigures';

/**
 * Two attempts' reports as rows side by side: the total, each domain, the key figures and the
 * critical errors, with the difference (second minus first) where both are numbers. Plain data,
 * so the comparison's rules are unit-tested apart from its table.
 */
export interface ComparisonRow {
  readonly key: string;
  readonly group: 'total' | 'domain' | 'figure' | 'errors';
  readonly label: string;
  readonly first: string;
  readonly second: string;
  /** second − first as text with its sign ('' when either side is not a number). */
  readonly change: string;
  /** Which way the change goes for the trainee: better, worse, or neither (unknown or equal). */
  readonly trend: 'better' | 'worse' | 'same' | null;
}

/** Figures where less is better (time, dose, errors, leaks); for the rest more is better or it depends. */
const LOWER_IS_BETTER = new Set([
  'simTimeS',
  'fluoroTimeS',
  'shotsAP',
  'shotsLateral',
  'dapGyCm2',
  'breaches',
  'redirections',
  'cementLeakedMl',
]);
/** Figures with no better direction in themselves (a fill or a volume is right within a band). */
const NEITHER = new Set(['cementInBodyMl', 'cementFillFraction', 'wedgeChangeDeg']);

function signed(d: number, digits: number): string {
  const s = Math.abs(d).toFixed(digits);
  if (Number(s) === 0) return (0).toFixed(digits);
  return `${d > 0 ? '+' : '−'}${s}`;
}

function trendOf(d: number, digits: number, lowerIsBetter: boolean | null): ComparisonRow['trend'] {
  if (Number(Math.abs(d).toFixed(digits)) === 0) return 'same';
  if (lowerIsBetter === null) return null;
  return d < 0 === lowerIsBetter ? 'better' : 'worse';
}

function numberRow(
  key: string,
  group: ComparisonRow['group'],
  label: string,
  a: number | undefined,
  b: number | undefined,
  digits: number,
  unit: string,
  lowerIsBetter: boolean | null,
): ComparisonRow {
  const both = a !== undefined && b !== undefined;
  return {
    key,
    group,
    label,
    first: showFigure(a, digits, unit),
    second: showFigure(b, digits, unit),
    change: both ? signed(b - a, digits) : '',
    trend: both ? trendOf(b - a, digits, lowerIsBetter) : null,
  };
}

export function comparisonRows(first: ScoreReport, second: ScoreReport): ComparisonRow[] {
  const rows: ComparisonRow[] = [numberRow('total', 'total', 'Total score', first.total, second.total, 0, '', false)];
  // Domains in the first report's order, then any only the second has (another scenario's rubric).
  const ids = [...first.domains.map((d) => d.id), ...second.domains.map((d) => d.id)];
  for (const id of [...new Set(ids)]) {
    const a = first.domains.find((d) => d.id === id);
    const b = second.domains.find((d) => d.id === id);
    rows.push(numberRow(`domain:${id}`, 'domain', (a ?? b)?.label ?? id, a?.score, b?.score, 0, '', false));
  }
  for (const [key, label, unit, digits] of REPORT_FIGURES) {
    const a = first.metrics[key];
    const b = second.metrics[key];
    if (typeof a === 'number' || typeof b === 'number' || a === undefined || b === undefined) {
      const lower = LOWER_IS_BETTER.has(key) ? true : NEITHER.has(key) ? null : false;
      rows.push(
        numberRow(
          `figure:${key}`,
          'figure',
          label,
          typeof a === 'number' ? a : undefined,
          typeof b === 'number' ? b : undefined,
          digits,
          unit,
          lower,
        ),
      );
    } else
      rows.push({
        key: `figure:${key}`,
        group: 'figure',
        label,
        first: String(a),
        second: String(b),
        change: '',
        trend: null,
      });
  }
  const errors = (r: ScoreReport) => r.criticalErrors.map((c) => c.label).join('; ') || 'none';
  rows.push({
    key: 'critical',
    group: 'errors',
    label: 'Critical errors',
    first: errors(first),
    second: errors(second),
    change: signed(second.criticalErrors.length - first.criticalErrors.length, 0),
    trend: trendOf(second.criticalErrors.length - first.criticalErrors.length, 0, true),
  });
  return rows;
}
