import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAttemptFile } from '../../sim/attempt/attemptFile';
import { ReplayBudgetError, ReplayLimitError, replay } from '../../sim/attempt/replay';
import { traceAttempt } from '../../sim/attempt/attemptTrace';
import { filmAttempt } from '../../sim/attempt/replayFilm';
import { MAX_PROCEDURE_TICKS, REPLAY_CHECK_EVERY_TICKS } from '../../sim/core/bounds';
import { createReplayHandlers } from '../../src/replay/replayHandlers';
import { goldenPath } from './goldenFixtures';

const golden = JSON.parse(readFileSync(goldenPath('textbook-vertebroplasty-t12-seed3'), 'utf8'));
const file = parseAttemptFile(golden.attempt);
/** A plausible attempt that is never finished: the first commands, then a long wait to its end. */
const longAttempt = { ...golden.attempt, log: golden.attempt.log.slice(0, 4), endTick: 200_000 };

describe('a replay never hangs', () => {
  it.each([
    ['replay', () => replay(file.scenario, file.seed, file.log, 2 ** 53 - 1, file.mode)],
    ['the trace', () => traceAttempt(file.scenario, file.seed, file.log, 2 ** 53 - 1, file.mode)],
    ['the film', () => filmAttempt(file.scenario, file.seed, file.log, 2 ** 53 - 1, file.mode)],
    [
      'a log tick beyond the bound',
      () => replay(file.scenario, file.seed, [{ ...file.log[0], tick: MAX_PROCEDURE_TICKS + 1 }], 0, file.mode),
    ],
  ])('%s refuses an attempt beyond the longest procedure at once, before stepping', (_name, run) => {
    const started = performance.now();
    expect(run).toThrow(ReplayLimitError);
    expect(run).toThrow(/beyond the longest procedure \(1296000 ticks, 6 h\)/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops a plausible but long replay when its caller says so, and says where', () => {
    const calls: number[] = [];
    const shouldContinue = (tick: number) => {
      calls.push(tick);
      return calls.length < 3;
    };
    const run = () =>
      replay(file.scenario, file.seed, longAttempt.log, longAttempt.endTick, file.mode, { shouldContinue });
    expect(run).toThrow(ReplayBudgetError);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    // Asked every REPLAY_CHECK_EVERY_TICKS ticks at most: the replay does not run on unchecked.
    for (let i = 1; i < calls.length; i++)
      expect(calls[i] - calls[i - 1]).toBeLessThanOrEqual(REPLAY_CHECK_EVERY_TICKS);
    expect(() =>
      replay(file.scenario, file.seed, longAttempt.log, longAttempt.endTick, file.mode, {
        shouldContinue: () => false,
      }),
    ).toThrow(/ran out of its time budget at tick \d+ of 200000/);
  });

  it('replays in chunks to the same end state as before (the golden attempt, asked at every chunk)', () => {
    let asked = 0;
    const session = replay(file.scenario, file.seed, file.log, file.endTick, file.mode, {
      shouldContinue: () => ++asked > 0,
    });
    expect(asked).toBeGreaterThan(0);
    expect(session.tick).toBe(golden.expected.endTick);
  });

  it('the replay worker stops a long import at its budget with a clear message', async () => {
    let t = 0;
    const handle = createReplayHandlers({ budgetMs: 1000, now: () => (t += 300) });
    await expect(
      handle({ id: 1, kind: 'import', text: JSON.stringify(longAttempt), trainee: 'T', recordId: 'r', nowMs: 0 }),
    ).rejects.toThrow(/ran out of its time budget at tick \d+ of 200000.*at most 1 s/);
    await expect(handle({ id: 2, kind: 'open', file: longAttempt })).rejects.toThrow(/time budget/);
    await expect(
      handle({
        id: 3,
        kind: 'trace',
        attempt: { scenario: file.scenario, seed: file.seed, log: longAttempt.log, endTick: 200_000, mode: file.mode },
      }),
    ).rejects.toThrow(/time budget/);
  });
});
