import type { DomainId } from '../../sim/scoring';
import { type AttemptRecord, isScored } from './attemptRecord';
import { csvField } from './csvField';

/** Domain columns, in the order the debrief lists the domains. */
export const CSV_DOMAINS: readonly DomainId[] = [
  'leakage',
  'misplacement',
  'height',
  'radiation',
  'cement',
  'process',
  'imaging',
];

const HEADER = [
  'date',
  'trainee',
  'scenario',
  'seed',
  'mode',
  'source',
  'total',
  'passed',
  ...CSV_DOMAINS,
  'critical errors',
];

/**
 * A CSV of results, one row per finished attempt (oldest first), CRLF line ends (RFC 4180). The
 * date is the attempt's start in UTC (ISO 8601); critical error ids are joined by "; ".
 */
export function resultsCsv(records: readonly AttemptRecord[]): string {
  const rows = records
    .filter(isScored)
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((r) => {
      const s = r.summary;
      return [
        new Date(r.startedAt).toISOString(),
        r.trainee,
        r.scenarioId,
        r.seed,
        r.mode,
        r.source,
        s.total,
        s.passed,
        ...CSV_DOMAINS.map((d) => s.domains[d] ?? ''),
        s.criticalErrorIds.join('; '),
      ];
    });
  return `${[HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
