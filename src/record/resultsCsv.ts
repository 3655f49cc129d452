import type { DomainId } from '../../sim/scoring';
import type { AttemptRecord } from './attemptRecord';
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
  // Empty for an attempt without a complication that needed an answer (sim/scoring/complicationScore.ts).
  'complications',
];

const HEADER = [
  'date',
  'trainee',
  'scenario',
  'seed',
  'mode',
  'source',
  'status',
  'ended',
  'total',
  'passed',
  ...CSV_DOMAINS,
  'critical errors',
  'attempt id',
];

const iso = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '' : new Date(ms).toISOString());

/**
 * A CSV of results, one row per attempt (oldest first), CRLF line ends (RFC 4180). Every attempt
 * is a row, with its status: an abandoned or interrupted (in-progress) one counts as an attempt
 * and must not vanish from an export; its score columns stay empty (only a finished attempt has
 * a score). The date is the attempt's start in UTC (ISO 8601), ended its end (empty while in
 * progress); critical error ids are joined by "; ".
 */
export function resultsCsv(records: readonly AttemptRecord[]): string {
  const rows = [...records]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((r) => {
      const s = r.status === 'finished' ? r.summary : undefined;
      return [
        iso(r.startedAt),
        r.trainee,
        r.scenarioId,
        r.seed,
        r.mode,
        r.source,
        r.status,
        r.status === 'in-progress' ? '' : iso(r.endedAt ?? r.updatedAt),
        s?.total ?? '',
        s?.passed ?? '',
        ...CSV_DOMAINS.map((d) => s?.domains[d] ?? ''),
        s?.criticalErrorIds.join('; ') ?? '',
        r.id,
      ];
    });
  return `${[HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
