import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../server/assignments/assignment';
import { assignmentProgress, passes, refusalToStart } from '../../server/assignments/assignmentProgress';
import type { ReservationRow } from '../../server/assignments/reservation';

const NOW = new Date('2026-12-03T12:00:00.000Z');

function assignment(o: Partial<Assignment> = {}): Assignment {
  return {
    id: 'a',
    title: 'T',
    mode: 'practice',
    dueAt: null,
    attemptsAllowed: 3,
    passMark: null,
    seedPolicy: 'fixed',
    seed: 1,
    target: { cohortId: 'c', cohortName: 'C' },
    scenarios: [{ scenarioId: 's1', version: 1, hash: 'h', title: 'S1', stored: false }],
    released: true,
    releasedAt: null,
    createdBy: { id: 'i', displayName: 'I' },
    createdAt: NOW.toISOString(),
    ...o,
  };
}

let n = 0;
function reservation(o: Partial<ReservationRow> = {}): ReservationRow {
  n++;
  return {
    attempt_id: `r${n}`,
    assignment_id: 'a',
    trainee_id: 't',
    scenario_id: 's1',
    closed_at: null,
    created_at: new Date(NOW.getTime() + n),
    status: 'finished',
    scoring: 'done',
    score_total: 80,
    score_passed: true,
    critical_errors: 0,
    end_tick: 600,
    ...o,
  };
}

const statusOf = (a: Assignment, rows: ReservationRow[], revealed = true) =>
  assignmentProgress(a, rows, 0, NOW, revealed).scenarios[0];

describe('assignmentProgress: a scenario status', () => {
  it('not-started, then in-progress while one is open (uploaded or not), abandoned when every one was left, overdue past the due date', () => {
    expect(statusOf(assignment(), []).status).toBe('not-started');
    expect(statusOf(assignment(), [reservation({ status: null, scoring: null })]).status).toBe('in-progress');
    expect(statusOf(assignment(), [reservation({ status: 'in-progress' })]).status).toBe('in-progress');
    // The open attempt an instructor can watch live: uploaded at least once (a bare reservation has nothing to show).
    const open = reservation({ status: 'in-progress' });
    expect(statusOf(assignment(), [open]).openAttemptId).toBe(open.attempt_id);
    expect(statusOf(assignment(), [reservation({ status: null, scoring: null })]).openAttemptId).toBeNull();
    expect(statusOf(assignment(), [reservation()]).openAttemptId).toBeNull();
    const past = assignment({ dueAt: '2026-12-01T00:00:00.000Z' });
    expect(statusOf(past, []).status).toBe('overdue');
    expect(statusOf(past, [reservation({ status: 'abandoned' })]).status).toBe('overdue');
    // A reservation a restart closed is no longer open: it was started and left, not "not started".
    expect(statusOf(assignment(), [reservation({ status: null, closed_at: NOW })]).status).toBe('abandoned');
    expect(statusOf(assignment(), [reservation({ status: 'abandoned' })]).status).toBe('abandoned');
  });

  it('submitted until revealed, with every total hidden; then passed or failed from the best', () => {
    const rows = [reservation({ score_total: 95 })];
    expect(statusOf(assignment(), rows, false)).toMatchObject({
      status: 'submitted',
      bestTotal: null,
      latestTotal: null,
      passed: null,
      criticalErrors: null,
    });
    expect(statusOf(assignment(), rows)).toMatchObject({ status: 'passed', bestTotal: 95, latestTotal: 95 });
    expect(statusOf(assignment(), [reservation({ score_passed: false, score_total: 40 })]).status).toBe('failed');
    // Finished but not scored yet: still submitted.
    expect(statusOf(assignment(), [reservation({ scoring: 'queued', score_total: null })]).status).toBe('submitted');
  });

  it("an assignment's pass mark overrides the scenario's: that total and no critical error", () => {
    const strict = assignment({ passMark: 90 });
    expect(statusOf(strict, [reservation({ score_total: 85, score_passed: true })]).status).toBe('failed');
    expect(statusOf(strict, [reservation({ score_total: 92, critical_errors: 1, score_passed: false })]).status).toBe(
      'failed',
    );
    const lenient = assignment({ passMark: 50 });
    expect(statusOf(lenient, [reservation({ score_total: 60, score_passed: false })]).status).toBe('passed');
    expect(passes(null, { score_total: null, score_passed: null, critical_errors: null })).toBeNull();
  });

  it('the best is a passing attempt before a failing one; the latest is the last finished; abandons counted', () => {
    const failingHigh = reservation({ score_total: 97, score_passed: false, critical_errors: 1 });
    const passing = reservation({ score_total: 91, end_tick: 1200 });
    const abandoned = reservation({ status: 'abandoned', score_total: 10 });
    const latest = reservation({ score_total: 70, score_passed: false, end_tick: 3000 });
    const cell = statusOf(assignment(), [failingHigh, passing, abandoned, latest]);
    expect(cell).toMatchObject({
      status: 'passed',
      bestTotal: 91,
      bestAttemptId: passing.attempt_id,
      latestTotal: 70,
      latestAttemptId: latest.attempt_id,
      timeSeconds: 50,
      attemptsUsed: 4,
      abandoned: 1,
      criticalErrors: 0,
    });
  });
});

describe('refusalToStart', () => {
  it('counts every reservation, adds the restarts granted, and holds an exam to one open attempt and its due date', () => {
    const two = [reservation({ status: 'abandoned' }), reservation({ status: null, closed_at: NOW })];
    expect(refusalToStart(assignment({ attemptsAllowed: 2 }), two, 0, NOW)).toBe('no attempts left');
    expect(refusalToStart(assignment({ attemptsAllowed: 2 }), two, 1, NOW)).toBeNull();
    expect(refusalToStart(assignment({ attemptsAllowed: null }), two, 0, NOW)).toBeNull();
    const open = [reservation({ status: 'in-progress' })];
    expect(refusalToStart(assignment({ mode: 'exam' }), open, 0, NOW)).toMatch(/still open/);
    expect(refusalToStart(assignment(), open, 0, NOW)).toBeNull();
    const due = assignment({ mode: 'exam', dueAt: '2026-12-03T11:59:59.000Z' });
    expect(refusalToStart(due, [], 0, NOW)).toMatch(/due date/);
    expect(refusalToStart({ ...due, mode: 'practice' }, [], 0, NOW)).toBeNull();
  });
});
