import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenPath } from './goldenFixtures';
import { createReplayHandlers } from '../../src/replay/replayHandlers';
import type { AttemptInput, FilmSummary, OpenedAttempt } from '../../src/replay/replayProtocol';
import type { ExpertBenchmark } from '../../sim/attempt/expertBenchmark';
import type { AttemptRecord } from '../../src/record/attemptRecord';
import type { FilmImage } from '../../src/replay/filmImager';
import { parseAttemptFile } from '../../sim/attempt/attemptFile';
import { replay } from '../../sim/attempt/replay';

/**
 * The replay worker's work, run here on Node through the same handlers: the expert plan is found
 * through import.meta.glob, the history's import and open give what the page would compute itself.
 */
const golden = JSON.parse(readFileSync(goldenPath('textbook-vertebroplasty-t12-seed3'), 'utf8'));
const file = parseAttemptFile(golden.attempt);
const attempt: AttemptInput = {
  scenario: file.scenario,
  seed: file.seed,
  log: file.log,
  endTick: file.endTick,
  mode: file.mode,
};

describe('replay worker handlers', () => {
  it('runs the expert plan the scenario names (the golden textbook attempt is that plan: same total)', async () => {
    const handle = createReplayHandlers();
    const expert = (await handle({ id: 1, kind: 'expert', attempt })) as ExpertBenchmark;
    expect('report' in expert && expert.report.total).toBe(golden.expected.report.total);
    const named = {
      ...attempt,
      scenario: { ...attempt.scenario, scoring: { ...attempt.scenario.scoring, expertPlan: 'no-such-plan' } },
    };
    await expect(handle({ id: 2, kind: 'expert', attempt: named })).rejects.toThrow(
      /"no-such-plan" is not in levels\/plans/,
    );
  });

  it('imports an attempt file into a re-scored record, and refuses a tampered one with a clear message', async () => {
    const handle = createReplayHandlers();
    const record = (await handle({
      id: 1,
      kind: 'import',
      text: JSON.stringify(golden.attempt),
      trainee: 'Dr T',
      recordId: 'r1',
      nowMs: 5,
    })) as AttemptRecord;
    expect(record.summary?.total).toBe(golden.expected.report.total);
    expect(record.trainee).toBe('Dr T');
    const tampered = JSON.stringify({ ...golden.attempt, scenario: { ...golden.attempt.scenario, title: 'edited' } });
    await expect(
      handle({ id: 2, kind: 'import', text: tampered, trainee: 'Dr T', recordId: 'r2', nowMs: 5 }),
    ).rejects.toThrow(/does not match its hash/);
  });

  it('opens an attempt as its replay: the same final state', async () => {
    const handle = createReplayHandlers();
    const opened = (await handle({ id: 1, kind: 'open', file: golden.attempt })) as OpenedAttempt;
    const direct = replay(file.scenario, file.seed, file.log, file.endTick, file.mode);
    expect(opened.session.tick).toBe(direct.tick);
    expect(opened.finalSnapshot).toEqual(direct.snapshot());
  });

  it('makes images only after the film, by index', async () => {
    const handle = createReplayHandlers();
    await expect(handle({ id: 1, kind: 'image', index: 0 })).rejects.toThrow(/ask for the film/);
    const film = (await handle({ id: 2, kind: 'film', attempt })) as FilmSummary;
    expect(film.sides).toEqual(['left']);
    const image = (await handle({ id: 3, kind: 'image', index: film.frames.length - 1 })) as FilmImage;
    expect(image.grey.length).toBe(image.sizePx * image.sizePx);
    await expect(handle({ id: 4, kind: 'image', index: film.frames.length })).rejects.toThrow(/has no image/);
  });
});
