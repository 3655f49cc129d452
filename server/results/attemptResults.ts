import type { Queryable } from '../db/db';
import type { LabKey } from '../attempts/labKey';
import { passes } from '../assignments/assignmentProgress';
import { type CsvValue, toCsv } from './csv';
import { pseudonym } from './pseudonym';

/** One attempt (or a reservation never uploaded) of a results export. */
export interface AttemptResultRow {
  attempt_id: string;
  trainee_id: string;
  username: string;
  display_name: string;
  assignment_id: string | null;
  assignment_title: string | null;
  pass_mark: number | null;
  scenario_id: string;
  scenario_version: number | null;
  mode: string;
  /** null: reserved, never uploaded. */
  status: string | null;
  closed_at: Date | null;
  started_at: string | null;
  ended_at: string | null;
  scoring: string | null;
  score_total: number | null;
  score_passed: boolean | null;
  critical_errors: number | null;
  station: string | null;
  /** Each rater's total (the instructors' ratings of the attempt), oldest first: "name: total; ...", and the totals alone. */
  rater_totals: string | null;
  rater_totals_anonymous: string | null;
}

/** The most rows one export holds: years of a large cohort; past it the export is cut, oldest kept. */
const MAX_ROWS = 100_000;

/**
 * Every attempt and every reservation matching a SQL condition (on `u` the trainee, `a` the
 * attempt, `r` its reservation, `g` the assignment; parameters from $1), by trainee, then oldest first.
 */
export function loadAttemptResults(
  q: Queryable,
  where: string,
  params: readonly unknown[],
): Promise<AttemptResultRow[]> {
  return q.query<AttemptResultRow>(
    `SELECT COALESCE(a.id, r.attempt_id) AS attempt_id, u.id AS trainee_id, u.username, u.display_name,
       r.assignment_id, g.title AS assignment_title, g.pass_mark, COALESCE(a.scenario_id, r.scenario_id) AS scenario_id,
       COALESCE(a.scenario_version, s.scenario_version) AS scenario_version, COALESCE(a.mode, g.mode) AS mode,
       a.status, r.closed_at, a.started_at, a.ended_at, a.scoring, a.score_total, a.score_passed, a.critical_errors,
       COALESCE(a.station, r.station) AS station,
       (SELECT string_agg(ru.display_name || ': ' || rt.total::text, '; ' ORDER BY rt.rated_at, rt.rater_id)
          FROM ratings rt JOIN users ru ON ru.id = rt.rater_id
          WHERE rt.attempt_id = a.id AND rt.total IS NOT NULL) AS rater_totals,
       (SELECT string_agg(rt.total::text, '; ' ORDER BY rt.rated_at, rt.rater_id)
          FROM ratings rt WHERE rt.attempt_id = a.id AND rt.total IS NOT NULL) AS rater_totals_anonymous
     FROM (attempts a FULL JOIN assignment_attempts r ON r.attempt_id = a.id)
       JOIN users u ON u.id = COALESCE(a.trainee_id, r.trainee_id)
       LEFT JOIN assignments g ON g.id = r.assignment_id
       LEFT JOIN assignment_scenarios s ON s.assignment_id = r.assignment_id AND s.scenario_id = r.scenario_id
     WHERE ${where}
     ORDER BY u.display_name, u.username, COALESCE(a.created_at, r.created_at), COALESCE(a.id, r.attempt_id)
     LIMIT ${MAX_ROWS}`,
    params,
  );
}

/** An attempt's status as the export writes it: a reservation never uploaded is in progress, or abandoned once a restart closed it. */
function statusOf(r: AttemptResultRow): string {
  return r.status ?? (r.closed_at === null ? 'in-progress' : 'abandoned');
}

const COMMON = ['scenario', 'version', 'mode', 'status', 'started', 'ended', 'total', 'passed', 'critical errors'];

function commonCells(r: AttemptResultRow): CsvValue[] {
  const scored = r.scoring === 'done';
  return [
    r.scenario_id,
    r.scenario_version,
    r.mode,
    statusOf(r),
    r.started_at,
    r.ended_at,
    scored ? r.score_total : null,
    scored ? passes(r.pass_mark, r) : null,
    scored ? r.critical_errors : null,
  ];
}

/** results.csv: one row per attempt, with names, stations and assignment titles (for the instructor). */
export function resultsCsv(rows: readonly AttemptResultRow[]): string {
  return toCsv(
    ['trainee', 'username', 'assignment', ...COMMON, 'rater totals', 'station', 'attempt id'],
    rows.map((r) => [
      r.display_name,
      r.username,
      r.assignment_title,
      ...commonCells(r),
      r.rater_totals,
      r.station,
      r.attempt_id,
    ]),
  );
}

/**
 * research.csv: results.csv with each trainee's name and username replaced by their pseudonym, the
 * assignment by its id and no station: no names and no free text anyone typed.
 */
export function researchCsv(key: LabKey, rows: readonly AttemptResultRow[]): string {
  return toCsv(
    ['trainee', 'username', 'assignment', ...COMMON, 'rater totals', 'attempt id'],
    rows.map((r) => {
      const p = pseudonym(key, r.trainee_id);
      return [p, p, r.assignment_id, ...commonCells(r), r.rater_totals_anonymous, r.attempt_id];
    }),
  );
}
