import { describe, expect, it } from 'vitest';
import { attemptCounts, attemptCountsText, attemptFileName } from '../../src/record/attemptCounts';
import type { AttemptRecord } from '../../src/record/attemptRecord';

const rec = (id: string, status: AttemptRecord['status']) =>
  ({ id: `${id}-0000-0000`, status, scenarioId: 'l1-osteoporotic-wedge', seed: 7 }) as AttemptRecord;

describe('attempt counts', () => {
  it('counts every attempt started, abandoned and interrupted ones included', () => {
    const c = attemptCounts([
      rec('a', 'finished'),
      rec('b', 'abandoned'),
      rec('c', 'in-progress'),
      rec('d', 'finished'),
    ]);
    expect(c).toEqual({ total: 4, finished: 2, abandoned: 1, inProgress: 1 });
    expect(attemptCountsText(c)).toBe('4 attempts: 2 finished, 1 abandoned, 1 in progress or interrupted');
    expect(attemptCountsText(attemptCounts([rec('a', 'finished')]))).toBe('1 attempt: 1 finished');
  });

  it('names an unfinished attempt file by its state', () => {
    expect(attemptFileName(rec('abcdefgh', 'finished'))).toBe('attempt-l1-osteoporotic-wedge-7-abcdefgh.json');
    expect(attemptFileName(rec('abcdefgh', 'abandoned'))).toBe(
      'attempt-l1-osteoporotic-wedge-7-abcdefgh-abandoned.json',
    );
    expect(attemptFileName(rec('abcdefgh', 'in-progress'))).toBe(
      'attempt-l1-osteoporotic-wedge-7-abcdefgh-in-progress.json',
    );
  });
});
