import type { Queryable } from '../db/db';
import type { User } from '../users/user';
import { type AssignedScenario, type Assignment, assignmentFromRow, type AssignmentRow } from './assignment';
import { visibleAssignments } from './assignmentAccess';

/** The most assignments one list returns, newest first: years of a lab's teaching. */
const MAX_LISTED = 1000;

const ASSIGNMENT_COLUMNS = `g.id, g.title, g.mode, g.due_at, g.attempts_allowed, g.pass_mark, g.seed_policy,
  g.seed::float8 AS seed, g.cohort_id, c.name AS cohort_name, g.trainee_id, t.display_name AS trainee_display_name,
  g.released, g.released_at, g.created_by, cb.display_name AS created_by_name, g.created_at`;
const ASSIGNMENT_FROM = `assignments g LEFT JOIN cohorts c ON c.id = g.cohort_id LEFT JOIN users t ON t.id = g.trainee_id
  LEFT JOIN users cb ON cb.id = g.created_by`;

/**
 * The assignments matching a SQL condition on `g` (its parameters from $1), with their scenarios
 * in the order the instructor gave them, newest first.
 */
export async function loadAssignments(q: Queryable, where: string, params: readonly unknown[]): Promise<Assignment[]> {
  const rows = await q.query<AssignmentRow>(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENT_FROM} WHERE ${where}
     ORDER BY g.created_at DESC, g.id LIMIT ${MAX_LISTED}`,
    params,
  );
  if (rows.length === 0) return [];
  const scenarios = await q.query<{
    assignment_id: string;
    scenario_id: string;
    scenario_version: number;
    scenario_hash: string;
    title: string;
    stored: boolean;
  }>(
    `SELECT s.assignment_id, s.scenario_id, s.scenario_version, s.scenario_hash, s.title,
       EXISTS (SELECT 1 FROM lab_scenarios l WHERE l.id = s.scenario_id AND l.version = s.scenario_version) AS stored
     FROM assignment_scenarios s
     WHERE s.assignment_id IN (SELECT g.id FROM assignments g WHERE ${where}) ORDER BY s.assignment_id, s.position`,
    params,
  );
  const byAssignment = new Map<string, AssignedScenario[]>();
  for (const s of scenarios) {
    const list = byAssignment.get(s.assignment_id) ?? [];
    list.push({
      scenarioId: s.scenario_id,
      version: s.scenario_version,
      hash: s.scenario_hash,
      title: s.title,
      stored: s.stored,
    });
    byAssignment.set(s.assignment_id, list);
  }
  return rows.map((r) => assignmentFromRow(r, byAssignment.get(r.id) ?? []));
}

/** The assignments this user sees (visibleAssignments). */
export function visibleAssignmentList(q: Queryable, user: User): Promise<Assignment[]> {
  return loadAssignments(q, visibleAssignments(user), [user.id]);
}

/** One assignment by id (the caller checked access). */
export async function loadAssignment(q: Queryable, id: string): Promise<Assignment> {
  const [assignment] = await loadAssignments(q, 'g.id = $1', [id]);
  if (!assignment) throw new Error(`assignment ${id} vanished`);
  return assignment;
}
