import type { Assignment, CohortResults, ResultCell } from '../../src/labClient/instructorApiTypes';

/** A cohort's results as the lab server answers `GET /api/cohorts/:id/results`, built by hand for the dashboard's tests. */
export function assignment(
  id: string,
  title: string,
  createdAt: string,
  scenarioIds: string[],
  seed: number | null = 42,
): Assignment {
  return {
    id,
    title,
    mode: 'practice',
    dueAt: null,
    attemptsAllowed: null,
    passMark: null,
    seedPolicy: seed === null ? 'fresh' : 'fixed',
    seed,
    target: { cohortId: 'c1', cohortName: 'Spring' },
    scenarios: scenarioIds.map((s) => ({ scenarioId: s, version: 1, hash: `h-${s}`, title: `Title ${s}` })),
    released: true,
    releasedAt: createdAt,
    createdBy: { id: 'i1', displayName: 'Dr I' },
    createdAt,
  };
}

export function cell(
  traineeId: string,
  assignmentId: string,
  scenarioId: string,
  patch: Partial<ResultCell> = {},
): ResultCell {
  return {
    traineeId,
    assignmentId,
    scenarioId,
    status: 'not-started',
    attemptsUsed: 0,
    bestTotal: null,
    latestTotal: null,
    passed: null,
    criticalErrors: null,
    timeSeconds: null,
    bestAttemptId: null,
    latestAttemptId: null,
    abandoned: 0,
    ...patch,
  };
}

export function cohortResults(): CohortResults {
  return {
    cohort: { id: 'c1', name: 'Spring' },
    trainees: [
      { id: 't-zoe', username: 'zoe', displayName: 'Zoe Zed' },
      { id: 't-ada', username: 'ada', displayName: 'Ada Alpha' },
      { id: 't-max', username: 'max', displayName: 'Max Mid' },
      { id: 't-new', username: 'newbie', displayName: 'Nina New' },
    ],
    // Listed newest first: the dashboard puts the oldest first.
    assignments: [
      assignment('a2', 'Week 2', '2026-03-08T09:00:00Z', ['l1'], null),
      assignment('a1', 'Week 1', '2026-03-01T09:00:00Z', ['l1', 't12']),
    ],
    cells: [
      cell('t-zoe', 'a1', 'l1', {
        status: 'passed',
        attemptsUsed: 3,
        bestTotal: 91,
        latestTotal: 85,
        passed: true,
        criticalErrors: 0,
        timeSeconds: 640,
        bestAttemptId: 'z1',
        latestAttemptId: 'z3',
        abandoned: 1,
      }),
      cell('t-zoe', 'a1', 't12', {
        status: 'failed',
        attemptsUsed: 1,
        bestTotal: 55,
        latestTotal: 55,
        passed: false,
        criticalErrors: 1,
        timeSeconds: 700.4,
        bestAttemptId: 'z4',
        latestAttemptId: 'z4',
      }),
      cell('t-zoe', 'a2', 'l1', {
        status: 'passed',
        attemptsUsed: 1,
        bestTotal: 95,
        latestTotal: 95,
        passed: true,
        criticalErrors: 0,
        bestAttemptId: 'z5',
        latestAttemptId: 'z5',
      }),
      cell('t-ada', 'a1', 'l1', {
        status: 'passed',
        attemptsUsed: 1,
        bestTotal: 70,
        latestTotal: 70,
        passed: true,
        criticalErrors: 0,
        bestAttemptId: 'a-1',
        latestAttemptId: 'a-1',
      }),
      cell('t-ada', 'a1', 't12', { status: 'in-progress', attemptsUsed: 1 }),
      cell('t-ada', 'a2', 'l1', { status: 'overdue' }),
      cell('t-max', 'a1', 'l1', { status: 'submitted', attemptsUsed: 2 }),
      cell('t-max', 'a1', 't12', {
        status: 'passed',
        attemptsUsed: 1,
        bestTotal: 80,
        latestTotal: 80,
        passed: true,
        criticalErrors: 0,
        bestAttemptId: 'm1',
        latestAttemptId: 'm1',
      }),
    ],
  };
}
