import type { Queryable } from '../db/db';
import type { AttemptStatus } from '../attempts/attemptRow';

/** A reservation (assignment_attempts) with what its attempt holds so far, if anything was uploaded. */
export interface ReservationRow {
  attempt_id: string;
  assignment_id: string;
  trainee_id: string;
  scenario_id: string;
  closed_at: Date | null;
  created_at: Date;
  /** null: nothing uploaded yet. */
  status: AttemptStatus | null;
  scoring: string | null;
  score_total: number | null;
  score_passed: boolean | null;
  critical_errors: number | null;
  end_tick: number | null;
}

/**
 * Whether a reservation is still open: started and neither finished, abandoned nor closed by a
 * restart. A reservation never uploaded (the station crashed first) stays open until a restart.
 */
export function isOpen(r: Pick<ReservationRow, 'status' | 'closed_at'>): boolean {
  return r.closed_at === null && (r.status === null || r.status === 'in-progress');
}

/** The reservations matching a SQL condition on `r` (parameters from $1), oldest first. */
export function loadReservations(q: Queryable, where: string, params: readonly unknown[]): Promise<ReservationRow[]> {
  return q.query<ReservationRow>(
    `SELECT r.attempt_id, r.assignment_id, r.trainee_id, r.scenario_id, r.closed_at, r.created_at, a.status, a.scoring,
       a.score_total, a.score_passed, a.critical_errors, a.end_tick
     FROM assignment_attempts r LEFT JOIN attempts a ON a.id = r.attempt_id
     WHERE ${where} ORDER BY r.created_at, r.attempt_id`,
    params,
  );
}

/** Restarts granted, per "assignmentId traineeId", for the grants matching a SQL condition on `x`. */
export async function loadGrants(
  q: Queryable,
  where: string,
  params: readonly unknown[],
): Promise<Map<string, number>> {
  const rows = await q.query<{ assignment_id: string; trainee_id: string; n: number }>(
    `SELECT x.assignment_id, x.trainee_id, count(*)::int AS n FROM assignment_grants x WHERE ${where}
     GROUP BY x.assignment_id, x.trainee_id`,
    params,
  );
  return new Map(rows.map((r) => [grantKey(r.assignment_id, r.trainee_id), r.n]));
}

export const grantKey = (assignmentId: string, traineeId: string) => `${assignmentId} ${traineeId}`;
