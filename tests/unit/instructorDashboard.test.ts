import { describe, expect, it } from 'vitest';
import {
  cellSummary,
  DEFAULT_VIEW,
  dashboardColumns,
  dashboardRows,
  minutesSeconds,
  needsAttention,
  statusOptions,
  visibleRows,
} from '../../src/instructor/dashboardModel';
import { cell, cohortResults } from './instructorResultsFixture';

const results = cohortResults();
const columns = dashboardColumns(results);
const rows = dashboardRows(results, columns);
const names = (view: Partial<typeof DEFAULT_VIEW>) =>
  visibleRows(rows, { ...DEFAULT_VIEW, ...view }).map((r) => r.trainee.username);

describe('the cohort dashboard', () => {
  it('has one column per scenario of each assignment, the oldest assignment first', () => {
    expect(columns.map((c) => `${c.assignment.id}/${c.scenarioId}`)).toEqual(['a1/l1', 'a1/t12', 'a2/l1']);
    expect(columns[1]?.scenarioTitle).toBe('Title t12');
  });

  it('puts each cell under its column, and none where the server sent none', () => {
    const zoe = rows.find((r) => r.trainee.id === 't-zoe');
    expect(zoe?.cells.map((c) => c?.bestTotal)).toEqual([91, 55, 95]);
    const max = rows.find((r) => r.trainee.id === 't-max');
    expect(max?.cells[2]).toBeNull();
    const nina = rows.find((r) => r.trainee.id === 't-new');
    expect(nina?.cells).toEqual([null, null, null]);
  });

  it("averages a trainee's best totals over the cells that have one", () => {
    expect(rows.map((r) => r.meanBest)).toEqual([(91 + 55 + 95) / 3, 70, 80, null]);
  });

  it('sorts by trainee name either way', () => {
    expect(names({})).toEqual(['ada', 'max', 'newbie', 'zoe']);
    expect(names({ direction: 'descending' })).toEqual(['zoe', 'newbie', 'max', 'ada']);
  });

  it('sorts by mean best score with the unscored last in both directions', () => {
    expect(names({ sort: 'score', direction: 'descending' })).toEqual(['zoe', 'max', 'ada', 'newbie']);
    expect(names({ sort: 'score', direction: 'ascending' })).toEqual(['ada', 'max', 'zoe', 'newbie']);
  });

  it('filters by a status any of the trainee’s cells has, and by what needs attention', () => {
    expect(names({ status: 'overdue' })).toEqual(['ada']);
    expect(names({ status: 'passed' })).toEqual(['ada', 'max', 'zoe']);
    expect(names({ status: 'submitted' })).toEqual(['max']);
    expect(names({ status: 'attention' })).toEqual(['ada', 'zoe']);
  });

  it('filters by name or username, case-blind, ignoring spaces around the text', () => {
    expect(names({ text: '  ZED ' })).toEqual(['zoe']);
    expect(names({ text: 'newb' })).toEqual(['newbie']);
    expect(names({ text: 'nobody' })).toEqual([]);
    expect(names({ text: 'a', status: 'overdue', sort: 'score' })).toEqual(['ada']);
  });

  it('says what a cell holds: best and latest, verdict, attempts, critical errors, time, abandoned', () => {
    const zoe = results.cells[0];
    if (!zoe) throw new Error('fixture');
    expect(cellSummary(zoe)).toEqual({
      status: 'passed',
      scores: 'best 91 · latest 85',
      details: ['3 attempts', 'time 10:40', '1 abandoned'],
      verdict: 'pass',
    });
    expect(cellSummary(results.cells[1] ?? zoe)).toMatchObject({
      scores: 'best 55',
      details: ['1 attempt', '1 critical error', 'time 11:40'],
      verdict: 'fail',
    });
    expect(cellSummary(cell('x', 'a', 's', { status: 'submitted', attemptsUsed: 2 }))).toEqual({
      status: 'submitted, not released',
      scores: '—',
      details: ['2 attempts'],
      verdict: null,
    });
  });

  it('needs attention for a failure, an overdue cell or a critical error, not for a pass', () => {
    expect(needsAttention(cell('x', 'a', 's', { status: 'failed' }))).toBe(true);
    expect(needsAttention(cell('x', 'a', 's', { status: 'overdue' }))).toBe(true);
    expect(needsAttention(cell('x', 'a', 's', { status: 'passed', criticalErrors: 2 }))).toBe(true);
    expect(needsAttention(cell('x', 'a', 's', { status: 'passed', criticalErrors: 0 }))).toBe(false);
  });

  it('offers the contract’s statuses and any other a newer server sends', () => {
    const withNew = { ...results, cells: [...results.cells, cell('t-new', 'a1', 'l1', { status: 'excused' })] };
    expect(statusOptions(withNew)).toEqual([
      'not-started',
      'in-progress',
      'submitted',
      'passed',
      'failed',
      'abandoned',
      'overdue',
      'excused',
    ]);
  });

  it('writes seconds as minutes and seconds', () => {
    expect(minutesSeconds(0)).toBe('0:00');
    expect(minutesSeconds(59.6)).toBe('1:00');
    expect(minutesSeconds(665.5)).toBe('11:06');
  });
});
