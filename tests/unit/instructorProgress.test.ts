import { describe, expect, it } from 'vitest';
import { firstAndLast } from '../../src/instructor/firstAndLast';
import { progressChange, scenarioSpreads, spreadOf, traineeProgress } from '../../src/instructor/progressModel';
import type { InstructorAttempt } from '../../src/labClient/instructorApiTypes';
import { cell, cohortResults } from './instructorResultsFixture';

describe('progress per trainee', () => {
  const progress = traineeProgress(cohortResults());

  it("lists a trainee's released scores over the assignments, oldest assignment first", () => {
    const zoe = progress.find((p) => p.traineeId === 't-zoe');
    expect(zoe?.points.map((p) => [p.assignmentTitle, p.scenarioId, p.latest, p.best])).toEqual([
      ['Week 1', 'l1', 85, 91],
      ['Week 1', 't12', 55, 55],
      ['Week 2', 'l1', 95, 95],
    ]);
  });

  it('leaves out cells without a score (not started, in progress, not released)', () => {
    expect(progress.find((p) => p.traineeId === 't-ada')?.points.map((p) => p.scenarioId)).toEqual(['l1']);
    expect(progress.find((p) => p.traineeId === 't-new')?.points).toEqual([]);
  });

  it('measures the change from the first score to the last, none with fewer than two', () => {
    expect(progress.map(progressChange)).toEqual([95 - 85, null, null, null]);
  });
});

describe("the cohort's spread per scenario", () => {
  it('takes quartiles by interpolation between ranks', () => {
    expect(spreadOf([])).toBeNull();
    expect(spreadOf([7])).toEqual({ n: 1, min: 7, q1: 7, median: 7, q3: 7, max: 7, mean: 7 });
    expect(spreadOf([40, 10, 30, 20])).toEqual({ n: 4, min: 10, q1: 17.5, median: 25, q3: 32.5, max: 40, mean: 25 });
  });

  it('counts each trainee once per scenario, by their best over every assignment that set it', () => {
    const spreads = scenarioSpreads(cohortResults());
    expect(spreads.map((s) => s.scenarioId)).toEqual(['l1', 't12']);
    const l1 = spreads[0];
    // Zoe's best on l1 is 95 (week 2), not also 91 (week 1); Ada 70; Max has no released score.
    expect([...(l1?.bests ?? [])].sort()).toEqual([70, 95]);
    expect(l1?.spread).toMatchObject({ n: 2, min: 70, max: 95, median: 82.5 });
    expect(spreads[1]?.bests).toEqual([55, 80]);
  });

  it('runs the expert on a seed an assignment fixed, none when every assignment draws fresh', () => {
    const r = cohortResults();
    expect(scenarioSpreads(r).map((s) => s.seed)).toEqual([42, 42]);
    const fresh = { ...r, assignments: r.assignments.map((a) => ({ ...a, seed: null, seedPolicy: 'fresh' as const })) };
    expect(scenarioSpreads(fresh).map((s) => s.seed)).toEqual([null, null]);
  });

  it('keeps a scenario nobody has a score on yet, with no spread', () => {
    const r = cohortResults();
    const empty = { ...r, cells: r.cells.filter((c) => c.scenarioId !== 't12').concat(cell('t-ada', 'a1', 't12')) };
    expect(scenarioSpreads(empty)[1]).toMatchObject({ scenarioId: 't12', bests: [], spread: null });
  });
});

describe("a trainee's first and last attempt", () => {
  const attempt = (id: string, startedAt: string, patch: Partial<InstructorAttempt> = {}): InstructorAttempt => ({
    id,
    trainee: { id: 't1', username: 'ana', displayName: 'Ana' },
    scenarioId: 'l1',
    scenarioVersion: 1,
    mode: 'practice',
    seed: 1,
    status: 'finished',
    station: null,
    startedAt,
    endedAt: null,
    updatedAt: startedAt,
    score: null,
    scoring: 'done',
    assignmentId: 'a1',
    ...patch,
  });
  const all = [
    attempt('third', '2026-03-03T10:00:00Z'),
    attempt('first', '2026-03-01T10:00:00Z'),
    attempt('open', '2026-03-04T10:00:00Z', { status: 'in-progress' }),
    attempt('other-assignment', '2026-02-01T10:00:00Z', { assignmentId: 'a2' }),
    attempt('other-scenario', '2026-02-01T10:00:00Z', { scenarioId: 't12' }),
    attempt('other-trainee', '2026-02-01T10:00:00Z', { trainee: { id: 't2', username: 'b', displayName: 'B' } }),
    attempt('second', '2026-03-02T10:00:00Z'),
  ];

  it('picks the oldest and the newest finished attempt of that trainee, scenario and assignment', () => {
    expect(firstAndLast(all, 't1', 'l1', 'a1')?.map((a) => a.id)).toEqual(['first', 'third']);
  });

  it('has none with fewer than two finished attempts', () => {
    expect(firstAndLast(all, 't1', 't12', 'a1')).toBeNull();
    expect(firstAndLast(all, 't2', 'l1', 'a1')).toBeNull();
  });
});
