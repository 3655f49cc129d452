import type { Assignment, CohortResults, ResultCell, ResultTrainee } from '../labClient/instructorApiTypes';

/**
 * The cohort dashboard as plain data: one row per trainee, one column per scenario of each
 * assignment, each cell the server's summary of that trainee's attempts at it; sorting, filtering
 * and each cell's words. No React here, so every rule is unit-tested.
 */

export interface DashboardColumn {
  readonly key: string;
  readonly assignment: Assignment;
  readonly scenarioId: string;
  readonly scenarioTitle: string;
}

export interface DashboardRow {
  readonly trainee: ResultTrainee;
  /** One per column, in column order; null where the server sent no cell (not targeted). */
  readonly cells: readonly (ResultCell | null)[];
  /** The mean of the best totals the trainee has (null: none scored and released yet). */
  readonly meanBest: number | null;
}

export type SortKey = 'trainee' | 'score';
export type SortDirection = 'ascending' | 'descending';
/** 'any', a cell status, or 'attention' (failed, abandoned, overdue, or with a critical error). */
export type StatusFilter = 'any' | 'attention' | string;

export interface DashboardView {
  readonly sort: SortKey;
  readonly direction: SortDirection;
  readonly status: StatusFilter;
  readonly text: string;
}

export const DEFAULT_VIEW: DashboardView = { sort: 'trainee', direction: 'ascending', status: 'any', text: '' };

const cellKey = (assignmentId: string, scenarioId: string) => `${assignmentId}\u0000${scenarioId}`;

/** The columns: assignments oldest first, each with its scenarios in the assignment's order. */
export function dashboardColumns(results: CohortResults): DashboardColumn[] {
  const assignments = [...results.assignments].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.title.localeCompare(b.title),
  );
  return assignments.flatMap((assignment) =>
    assignment.scenarios.map((s) => ({
      key: cellKey(assignment.id, s.scenarioId),
      assignment,
      scenarioId: s.scenarioId,
      scenarioTitle: s.title,
    })),
  );
}

/** Every trainee's row, in the server's order. */
export function dashboardRows(results: CohortResults, columns: readonly DashboardColumn[]): DashboardRow[] {
  const byTrainee = new Map<string, Map<string, ResultCell>>();
  for (const c of results.cells) {
    const cells = byTrainee.get(c.traineeId) ?? new Map<string, ResultCell>();
    byTrainee.set(c.traineeId, cells);
    cells.set(cellKey(c.assignmentId, c.scenarioId), c);
  }
  return results.trainees.map((trainee) => {
    const mine = byTrainee.get(trainee.id);
    const cells = columns.map((col) => mine?.get(col.key) ?? null);
    const bests = cells.map((c) => c?.bestTotal).filter((t): t is number => typeof t === 'number');
    return {
      trainee,
      cells,
      meanBest: bests.length === 0 ? null : bests.reduce((s, t) => s + t, 0) / bests.length,
    };
  });
}

/** Whether a cell needs the instructor's eye: failed, abandoned, overdue, or a critical error in the best attempt. */
export function needsAttention(cell: ResultCell): boolean {
  return (
    cell.status === 'failed' ||
    cell.status === 'abandoned' ||
    cell.status === 'overdue' ||
    (cell.criticalErrors ?? 0) > 0
  );
}

function matchesStatus(row: DashboardRow, status: StatusFilter): boolean {
  if (status === 'any') return true;
  if (status === 'attention') return row.cells.some((c) => c !== null && needsAttention(c));
  return row.cells.some((c) => c?.status === status);
}

function matchesText(row: DashboardRow, text: string): boolean {
  const t = text.trim().toLocaleLowerCase();
  if (t === '') return true;
  return (
    row.trainee.displayName.toLocaleLowerCase().includes(t) || row.trainee.username.toLocaleLowerCase().includes(t)
  );
}

const byName = (a: DashboardRow, b: DashboardRow) =>
  a.trainee.displayName.localeCompare(b.trainee.displayName) || a.trainee.username.localeCompare(b.trainee.username);

/**
 * The rows shown: those with a cell of the chosen status (any cell), whose name or username holds
 * the text, sorted by name or by mean best score. Trainees without a score sort last either way,
 * so "by score, descending" puts the strongest first and "ascending" the weakest, never the unscored.
 */
export function visibleRows(rows: readonly DashboardRow[], view: DashboardView): DashboardRow[] {
  const sign = view.direction === 'ascending' ? 1 : -1;
  const shown = rows.filter((r) => matchesStatus(r, view.status) && matchesText(r, view.text));
  return shown.sort((a, b) => {
    if (view.sort === 'trainee') return sign * byName(a, b);
    if (a.meanBest === null || b.meanBest === null) {
      if (a.meanBest === b.meanBest) return byName(a, b);
      return a.meanBest === null ? 1 : -1;
    }
    return sign * (a.meanBest - b.meanBest) || byName(a, b);
  });
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  'not-started': 'not started',
  'in-progress': 'in progress',
  submitted: 'submitted, not released',
  passed: 'passed',
  failed: 'failed',
  abandoned: 'left before the end',
  overdue: 'overdue',
};

export const statusWords = (status: string): string => STATUS_WORDS[status] ?? status;

/** Seconds as m:ss (a procedure lasts minutes). */
export function minutesSeconds(s: number): string {
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A cell in words, for its table cell and its accessible name: every figure the contract gives. */
export interface CellSummary {
  readonly status: string;
  readonly scores: string;
  readonly details: readonly string[];
  readonly verdict: 'pass' | 'fail' | null;
}

export function cellSummary(cell: ResultCell): CellSummary {
  const round = (x: number) => String(Math.round(x));
  const scores =
    cell.bestTotal === null
      ? '—'
      : cell.latestTotal === null || cell.latestTotal === cell.bestTotal
        ? `best ${round(cell.bestTotal)}`
        : `best ${round(cell.bestTotal)} · latest ${round(cell.latestTotal)}`;
  const details = [
    `${cell.attemptsUsed} attempt${cell.attemptsUsed === 1 ? '' : 's'}`,
    ...(cell.criticalErrors !== null && cell.criticalErrors > 0
      ? [`${cell.criticalErrors} critical error${cell.criticalErrors === 1 ? '' : 's'}`]
      : []),
    ...(cell.timeSeconds !== null ? [`time ${minutesSeconds(cell.timeSeconds)}`] : []),
    ...(cell.abandoned > 0 ? [`${cell.abandoned} abandoned`] : []),
  ];
  return {
    status: statusWords(cell.status),
    scores,
    details,
    verdict: cell.passed === null ? null : cell.passed ? 'pass' : 'fail',
  };
}

/** The statuses offered by the filter: the contract's, then any other the server sent. */
export function statusOptions(results: CohortResults): string[] {
  const known = Object.keys(STATUS_WORDS);
  const extra = [...new Set(results.cells.map((c) => c.status))].filter((s) => !known.includes(s)).sort();
  return [...known, ...extra];
}
