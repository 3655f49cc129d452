import { TICKS_PER_S } from '../../sim/core/index';
import type { Assignment } from './assignment';
import { isOpen, type ReservationRow } from './reservation';

/**
 * 'abandoned': every attempt so far was left (or closed for a restart) before it finished, none is
 * open: the exam was started, so "not started" would hide from the instructor that it was.
 */
export type ScenarioStatus =
  | 'not-started'
  | 'in-progress'
  | 'submitted'
  | 'passed'
  | 'failed'
  | 'abandoned'
  | 'overdue';

/** One trainee's standing on one scenario of an assignment: the trainee view's and the dashboard's cell. */
export interface ScenarioProgress {
  readonly scenarioId: string;
  readonly status: ScenarioStatus;
  readonly attemptsUsed: number;
  readonly bestTotal: number | null;
  readonly latestTotal: number | null;
  readonly passed: boolean | null;
  /** Of the best attempt. */
  readonly criticalErrors: number | null;
  /** Simulated time of the latest finished attempt (its end tick), in seconds. */
  readonly timeSeconds: number | null;
  readonly bestAttemptId: string | null;
  readonly latestAttemptId: string | null;
  /** The attempt open now (uploaded at least once), which an instructor can watch live; else null. */
  readonly openAttemptId: string | null;
  readonly abandoned: number;
}

/** One trainee's standing on an assignment. */
export interface AssignmentProgress {
  readonly attemptsUsed: number;
  readonly canStart: boolean;
  /** Why not, when canStart is false. */
  readonly reason: string | null;
  readonly scenarios: readonly ScenarioProgress[];
}

export const EXAM_STILL_OPEN = 'an exam attempt is still open: ask your instructor to allow a restart';
export const NO_ATTEMPTS_LEFT = 'no attempts left';
export const PAST_DUE = 'the due date of this exam has passed';

/**
 * Whether a scored attempt passes: under the assignment's own pass mark (at least that total and no
 * critical error, as a scenario's pass score works), else as the scenario's scoring decided.
 */
export function passes(
  passMark: number | null,
  r: Pick<ReservationRow, 'score_total' | 'score_passed' | 'critical_errors'>,
) {
  if (r.score_total === null) return null;
  if (passMark === null) return r.score_passed;
  return r.critical_errors === 0 && r.score_total >= passMark;
}

/** The attempts this trainee may make in all: the assignment's number plus the restarts granted (null: unlimited). */
export function attemptsAllowed(a: Pick<Assignment, 'attemptsAllowed'>, grants: number): number | null {
  return a.attemptsAllowed === null ? null : a.attemptsAllowed + grants;
}

/** Why this trainee may not start another attempt now, or null if they may. */
export function refusalToStart(
  a: Pick<Assignment, 'mode' | 'attemptsAllowed' | 'dueAt'>,
  mine: readonly ReservationRow[],
  grants: number,
  now: Date,
): string | null {
  const allowed = attemptsAllowed(a, grants);
  if (allowed !== null && mine.length >= allowed) return NO_ATTEMPTS_LEFT;
  if (a.mode === 'exam' && mine.some(isOpen)) return EXAM_STILL_OPEN;
  if (a.mode === 'exam' && a.dueAt !== null && now.getTime() > Date.parse(a.dueAt)) return PAST_DUE;
  return null;
}

/**
 * One trainee's progress on an assignment from their reservations (and what was uploaded on them).
 * `revealed`: whether scores may be shown (released, or an instructor looking); until then a
 * finished attempt is "submitted" and every total null.
 */
export function assignmentProgress(
  a: Assignment,
  mine: readonly ReservationRow[],
  grants: number,
  now: Date,
  revealed: boolean,
): AssignmentProgress {
  const reason = refusalToStart(a, mine, grants, now);
  const overdue = a.dueAt !== null && now.getTime() > Date.parse(a.dueAt);
  const scenarios = a.scenarios.map((s): ScenarioProgress => {
    const tries = mine.filter((r) => r.scenario_id === s.scenarioId);
    const finished = tries.filter((r) => r.status === 'finished');
    const scored = finished.filter((r) => r.scoring === 'done' && r.score_total !== null);
    // Best: a passing attempt before a failing one, then the higher total.
    const ranked = [...scored].sort(
      (x, y) =>
        Number(passes(a.passMark, y) === true) - Number(passes(a.passMark, x) === true) ||
        (y.score_total ?? 0) - (x.score_total ?? 0),
    );
    const best = ranked[0] ?? null;
    const latest = finished.at(-1) ?? null;
    let status: ScenarioStatus = 'not-started';
    if (tries.some(isOpen)) status = 'in-progress';
    else if (finished.length > 0)
      status = !revealed || best === null ? 'submitted' : passes(a.passMark, best) ? 'passed' : 'failed';
    else if (overdue) status = 'overdue';
    else if (tries.length > 0) status = 'abandoned';
    return {
      scenarioId: s.scenarioId,
      status,
      attemptsUsed: tries.length,
      bestTotal: revealed ? (best?.score_total ?? null) : null,
      latestTotal: revealed && latest?.scoring === 'done' ? latest.score_total : null,
      passed: revealed && best ? passes(a.passMark, best) : null,
      criticalErrors: revealed ? (best?.critical_errors ?? null) : null,
      timeSeconds: latest?.end_tick != null ? latest.end_tick / TICKS_PER_S : null,
      bestAttemptId: best?.attempt_id ?? null,
      latestAttemptId: latest?.attempt_id ?? null,
      openAttemptId: tries.find((r) => isOpen(r) && r.status !== null)?.attempt_id ?? null,
      abandoned: tries.filter((r) => r.status === 'abandoned').length,
    };
  });
  return { attemptsUsed: mine.length, canStart: reason === null, reason, scenarios };
}

/** The trainee's `mine` of api17.md: their standing, with only the fields the contract gives them. */
export function traineeView(p: AssignmentProgress) {
  return {
    attemptsUsed: p.attemptsUsed,
    canStart: p.canStart,
    reason: p.reason,
    scenarios: p.scenarios.map((s) => ({
      scenarioId: s.scenarioId,
      status: s.status,
      bestTotal: s.bestTotal,
      latestTotal: s.latestTotal,
    })),
  };
}
