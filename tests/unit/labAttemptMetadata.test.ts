import { readFileSync } from 'node:fs';
import { upgradeScenarioJson } from '../../levels/scenarioMigrations';
import { describe, expect, it } from 'vitest';
import { attemptFileV2 } from '../../src/record/attemptFileV2';
import { attemptMetadataOf } from '../../src/record/attemptMetadata';
import type { AttemptRecord } from '../../src/record/attemptRecord';
import { serverScoreView } from '../../src/labClient/serverScore';
import type { ServerAttemptSummary } from '../../src/labClient/labApiTypes';
import { importAttempt } from '../../src/replay/importAttempt';
import { parseAttemptFile } from '../../sim/attempt';

/** A committed attempt of format version 1 (tests/fixtures/attempt-v1). */
/** The golden's scenario is a version-1 file: what reading the attempt makes of it. */
const withUpgradedScenario = <T extends { scenario: unknown }>(file: T): T => ({
  ...file,
  scenario: upgradeScenarioJson(file.scenario),
});
const golden = () =>
  JSON.parse(readFileSync('tests/fixtures/attempt-v1/textbook-kyphoplasty-l1-seed42.json', 'utf8')).attempt;

const record = (patch: Partial<AttemptRecord> = {}): AttemptRecord => ({
  id: 'a-1',
  trainee: 'Ana Trainee',
  traineeId: 'u-1',
  station: 'station-ab12',
  scenarioId: 'l1',
  scenarioTitle: 'L1',
  seed: 42,
  mode: 'practice',
  status: 'in-progress',
  source: 'played',
  startedAt: Date.UTC(2026, 11, 3, 9, 30),
  updatedAt: Date.UTC(2026, 11, 3, 9, 41),
  simTimeS: 60,
  file: golden(),
  ...patch,
});

describe('attempt file v2 of a record', () => {
  it('adds trainee, station, wall-clock times (ISO, UTC) and keeps the sim version of the replayable file', () => {
    const file = attemptFileV2(record());
    expect(file).toMatchObject({
      format: 'kyphosim-attempt',
      version: 2,
      trainee: { id: 'u-1', name: 'Ana Trainee' },
      station: 'station-ab12',
      startedAt: '2026-12-03T09:30:00.000Z',
      endedAt: null,
      simVersion: 'unknown', // the golden is a version 1 file: its model is not known
      seed: golden().seed,
      log: golden().log,
    });
    expect(file).not.toHaveProperty('score');
    expect(file).not.toHaveProperty('signature');
    // What the simulator's parser takes as a valid v2 file (its version-1 scenario upgraded on reading).
    expect(parseAttemptFile(file)).toEqual(withUpgradedScenario(file));
  });

  it('ends a finished attempt at its end time, and names no trainee when nobody was named', () => {
    const finished = attemptFileV2(record({ status: 'finished', endedAt: Date.UTC(2026, 11, 3, 10, 0) }));
    expect(finished.endedAt).toBe('2026-12-03T10:00:00.000Z');
    expect(attemptFileV2(record({ trainee: '  ', traineeId: null })).trainee).toBeNull();
    expect(attemptFileV2(record({ traineeId: undefined })).trainee).toEqual({ id: null, name: 'Ana Trainee' });
  });

  it('makes a typed name plain text the file can carry (no markup, no control characters, one line)', () => {
    const file = attemptFileV2(record({ trainee: 'Dr <b>X</b>\n\tY', traineeId: null, station: 'Bench\u00073' }));
    expect(file.trainee).toEqual({ id: null, name: 'Dr b X /b Y' });
    expect(file.station).toBe('Bench 3');
    expect(() => parseAttemptFile(file)).not.toThrow();
  });
});

describe('attempt metadata read from a file', () => {
  it('reads a v2 file back as the record wrote it', () => {
    const meta = attemptMetadataOf(attemptFileV2(record({ status: 'finished', endedAt: Date.UTC(2026, 11, 3, 10) })));
    expect(meta).toEqual({
      trainee: { id: 'u-1', name: 'Ana Trainee' },
      station: 'station-ab12',
      startedAt: Date.UTC(2026, 11, 3, 9, 30),
      endedAt: Date.UTC(2026, 11, 3, 10),
    });
  });

  it('knows nothing of a v1 file, and no time outside the years a lab could have played it', () => {
    expect(attemptMetadataOf(parseAttemptFile(golden()))).toEqual({
      trainee: null,
      station: null,
      startedAt: null,
      endedAt: null,
    });
    const odd = { ...attemptFileV2(record()), startedAt: '1970-01-01T00:00:00.000Z' };
    expect(attemptMetadataOf(odd).startedAt).toBeNull();
  });

  it('files a v1 import under the importer and the import time, as nothing better is known', () => {
    const r = importAttempt(JSON.stringify(golden()), 'Dr Importer', 'id-9', 1_800_000_000_000);
    expect(r).toMatchObject({
      trainee: 'Dr Importer',
      traineeId: null,
      startedAt: 1_800_000_000_000,
      source: 'imported',
    });
    expect(r.file.trainee).toBeNull();
  });

  it("files a colleague's v2 import under the colleague and the time it was played", () => {
    const played = attemptFileV2(record({ status: 'finished', endedAt: Date.UTC(2026, 11, 3, 10) }));
    const r = importAttempt(JSON.stringify(played), 'Dr Importer', 'id-10', 1_800_000_000_000);
    expect(r).toMatchObject({
      trainee: 'Ana Trainee',
      traineeId: 'u-1',
      station: 'station-ab12',
      startedAt: Date.UTC(2026, 11, 3, 9, 30),
      endedAt: Date.UTC(2026, 11, 3, 10),
      updatedAt: 1_800_000_000_000,
    });
    expect(r.file).toEqual(withUpgradedScenario(played));
  });
});

describe("the lab server's score as the history and the debrief show it", () => {
  const summary = (patch: Partial<ServerAttemptSummary>): ServerAttemptSummary => ({
    id: 'a-1',
    trainee: { id: 'u-1', username: 'ana', displayName: 'Ana' },
    scenarioId: 'l1',
    scenarioVersion: 2,
    mode: 'exam',
    seed: 1,
    status: 'finished',
    station: 's',
    startedAt: null,
    endedAt: null,
    updatedAt: '2026-12-03T10:00:00Z',
    score: null,
    scoring: 'queued',
    ...patch,
  });
  const score = {
    total: 81.25,
    passed: true,
    criticalErrors: 0,
    simVersion: 'sim-9',
    scoredAt: '2026-12-03T10:00:05Z',
  };

  it('waits while the upload is queued here or the server is scoring, then gives its score and sim version', () => {
    expect(serverScoreView(undefined, true)).toEqual({ kind: 'waiting' });
    expect(serverScoreView(summary({ scoring: 'queued' }), false)).toEqual({ kind: 'waiting' });
    expect(serverScoreView(summary({ scoring: 'running' }), false)).toEqual({ kind: 'waiting' });
    expect(serverScoreView(summary({ scoring: 'done', score }), false)).toEqual({
      kind: 'scored',
      total: 81.25,
      passed: true,
      simVersion: 'sim-9',
    });
    expect(serverScoreView(summary({ scoring: 'failed' }), false)).toEqual({ kind: 'failed', why: null });
    expect(serverScoreView(undefined, false)).toEqual({ kind: 'none' });
    expect(serverScoreView(summary({ status: 'in-progress', scoring: 'done' }), false)).toEqual({ kind: 'none' });
    // The lab server answers scoring null while no job exists yet.
    expect(serverScoreView(summary({ status: 'in-progress', scoring: null }), false)).toEqual({ kind: 'none' });
    expect(serverScoreView(summary({ status: 'finished', scoring: null }), false)).toEqual({ kind: 'waiting' });
  });
});
