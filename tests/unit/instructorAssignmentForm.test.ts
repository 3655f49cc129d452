import { describe, expect, it } from 'vitest';
import { type AssignmentDraft, assignmentBody, defaultPassMark, emptyDraft } from '../../src/instructor/assignmentForm';

const draft = (patch: Partial<AssignmentDraft>): AssignmentDraft => ({
  ...emptyDraft(),
  title: 'Week 1',
  scenarioIds: ['kyphoplasty-l1'],
  targetId: 'c1',
  ...patch,
});
const utc = (local: string) => `${local}:00.000Z`;
const problems = (d: AssignmentDraft) => {
  const r = assignmentBody(d, utc);
  return 'problems' in r ? r.problems : [];
};

describe('the assignment form', () => {
  it('makes the body of POST /api/assignments from a practice draft: unlimited attempts, the scenarios’ pass mark, a seed drawn by the server', () => {
    expect(assignmentBody(draft({ title: '  Week 1 ' }), utc)).toEqual({
      body: {
        title: 'Week 1',
        scenarioIds: ['kyphoplasty-l1'],
        mode: 'practice',
        dueAt: null,
        attemptsAllowed: null,
        passMark: null,
        seedPolicy: 'fixed',
        target: { cohortId: 'c1' },
        releaseScores: 'immediately',
      },
    });
  });

  it('sends an exam with its attempts, due date, pass mark, seed, one trainee and manual release', () => {
    const r = assignmentBody(
      draft({
        mode: 'exam',
        attemptsAllowed: '2',
        due: '2026-04-01T17:30',
        passMark: '72.5',
        seed: '1234',
        targetKind: 'trainee',
        targetId: 't9',
        releaseScores: 'manually',
      }),
      utc,
    );
    expect(r).toEqual({
      body: expect.objectContaining({
        mode: 'exam',
        attemptsAllowed: 2,
        dueAt: '2026-04-01T17:30:00.000Z',
        passMark: 72.5,
        seed: 1234,
        target: { traineeId: 't9' },
        releaseScores: 'manually',
      }),
    });
  });

  it('sends no seed for a fresh patient each attempt, even if one was typed', () => {
    const r = assignmentBody(draft({ seedPolicy: 'fresh', seed: '7' }), utc);
    expect('body' in r && r.body).toMatchObject({ seedPolicy: 'fresh' });
    expect('body' in r && 'seed' in r.body).toBe(false);
  });

  it('names every field that is wrong, before anything is sent', () => {
    expect(problems(draft({ title: ' ', scenarioIds: [], targetId: '' }))).toEqual([
      'Title: give the assignment a title.',
      'Scenarios: choose at least one.',
      'Assign to: choose a cohort.',
    ]);
    expect(problems(draft({ mode: 'exam', releaseScores: 'manually' }))).toEqual([
      'Attempts allowed: an exam needs a number (1 to 50).',
    ]);
    expect(problems(draft({ mode: 'exam', attemptsAllowed: '1', releaseScores: 'immediately' }))).toEqual([
      "Scores for trainees: an exam's scores are shown when you release them.",
    ]);
    expect(problems(draft({ attemptsAllowed: '51' }))).toHaveLength(1);
    expect(problems(draft({ attemptsAllowed: '1.5' }))).toHaveLength(1);
    expect(problems(draft({ attemptsAllowed: '0' }))).toHaveLength(1);
    expect(problems(draft({ passMark: '101' }))).toEqual(['Pass mark: a number from 0 to 100.']);
    expect(problems(draft({ passMark: 'abc' }))).toHaveLength(1);
    expect(problems(draft({ seed: '-1' }))).toHaveLength(1);
    expect(problems(draft({ seed: String(2 ** 31) }))).toHaveLength(1);
    expect(problems(draft({ seed: String(2 ** 31 - 1) }))).toEqual([]);
    expect(problems(draft({ title: 'x'.repeat(201) }))).toEqual(['Title: at most 200 characters.']);
    expect(problems(draft({ scenarioIds: Array.from({ length: 13 }, (_, i) => `s${i}`) }))).toEqual([
      'Scenarios: at most 12.',
    ]);
    expect(problems(draft({ targetKind: 'trainee', targetId: '' }))).toEqual(['Assign to: choose a trainee.']);
    expect(assignmentBody(draft({ due: 'soon' }), () => null)).toEqual({ problems: ['Due: not a date and time.'] });
  });

  it("shows the scenarios' own pass mark when they agree, none when they differ", () => {
    expect(defaultPassMark([])).toBeNull();
    expect(defaultPassMark([70, 70])).toBe(70);
    expect(defaultPassMark([70, 65])).toBeNull();
  });
});
