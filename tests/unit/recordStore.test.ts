import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAutosaver } from '../../src/record/createAutosaver';
import { importAttempt } from '../../src/replay/importAttempt';
import { migrateRecordDb, RECORD_DB_VERSION, type MigratingDb } from '../../src/record/recordDb';
import { summarizeReport } from '../../src/record/summarizeReport';
import type { ScoreReport } from '../../sim/scoring/types';
import { goldenPath, GOLDEN_CASES } from './goldenFixtures';

const golden = () => JSON.parse(readFileSync(goldenPath(GOLDEN_CASES[0].name), 'utf8'));

describe('summarizeReport', () => {
  it('keeps total, verdict, domain scores and distinct critical error ids', () => {
    const report = {
      scenarioId: 's',
      seed: 1,
      total: 64.2,
      domainTotal: 64.2,
      passScore: 70,
      passed: false,
      domains: [
        { id: 'leakage', label: '', score: 40, weight: 0.5, items: [] },
        { id: 'process', label: '', score: 88.4, weight: 0.5, items: [] },
      ],
      criticalErrors: [
        { id: 'canalLeak', label: '', tick: 5 },
        { id: 'canalLeak', label: '', tick: 9 },
        { id: 'medialBreach', label: '', tick: 2 },
      ],
      seriousErrors: [],
      metrics: {},
    } as ScoreReport;
    expect(summarizeReport(report)).toEqual({
      total: 64.2,
      passScore: 70,
      passed: false,
      domains: { leakage: 40, process: 88.4 },
      criticalErrorIds: ['canalLeak', 'medialBreach'],
    });
  });
});

describe('createAutosaver', () => {
  it('coalesces requests made while a save waits, runs saves one at a time, and writes nothing after finish', async () => {
    const log: string[] = [];
    let running = 0;
    const save = async () => {
      running++;
      expect(running).toBe(1);
      log.push('save');
      await new Promise((r) => setTimeout(r, 5));
      running--;
    };
    const saver = createAutosaver(save, (e) => {
      throw e;
    });
    saver.request();
    saver.request();
    saver.request();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 1));
    saver.request(); // during the first save: one more queued
    saver.request();
    await saver.finish(async () => void log.push('finish'));
    saver.request();
    await saver.idle();
    expect(log).toEqual(['save', 'save', 'finish']);
  });

  it('reports a failed save and keeps going', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const saver = createAutosaver(
      async () => {
        if (n++ === 0) throw new Error('quota');
      },
      (e) => errors.push(e),
    );
    saver.request();
    await saver.idle();
    saver.request();
    await saver.idle();
    expect(errors).toHaveLength(1);
    expect(n).toBe(2);
  });
});

describe('record database migrations', () => {
  it('builds the attempts store with its trainee and status indexes from scratch, and does nothing when current', () => {
    const calls: string[] = [];
    const db: MigratingDb = {
      createObjectStore(name, options) {
        calls.push(`store ${name} ${String(options.keyPath)}`);
        return { createIndex: (index: string, keyPath: string) => calls.push(`index ${index} ${keyPath}`) };
      },
    };
    migrateRecordDb(db, 0);
    expect(calls).toEqual([
      'store attempts id',
      'index trainee trainee',
      'index status status',
      'store outbox attemptId',
    ]);
    calls.length = 0;
    migrateRecordDb(db, RECORD_DB_VERSION);
    expect(calls).toEqual([]);
  });

  it('takes a version 1 database (attempts only) to version 2 by adding the upload queue, leaving the attempts store alone', () => {
    const calls: string[] = [];
    const db: MigratingDb = {
      createObjectStore(name, options) {
        calls.push(`store ${name} ${String(options.keyPath)}`);
        return { createIndex: (index: string, keyPath: string) => calls.push(`index ${index} ${keyPath}`) };
      },
    };
    expect(RECORD_DB_VERSION).toBe(2);
    migrateRecordDb(db, 1);
    expect(calls).toEqual(['store outbox attemptId']);
  });
});

describe('importAttempt', () => {
  const text = () => JSON.stringify(golden().attempt);

  it.each([
    ['an empty file', () => '  ', /empty/],
    ['a truncated file', () => text().slice(0, 5000), /not valid JSON: it is truncated or corrupt/],
    ['a wrong version', () => JSON.stringify({ ...golden().attempt, version: 9 }), /version 9 is not supported/],
    [
      'an edited scenario',
      () => {
        const a = golden().attempt;
        a.scenario.scoring.passScore = 1;
        return JSON.stringify(a);
      },
      /does not match its hash/,
    ],
    ['a smuggled score', () => JSON.stringify({ ...golden().attempt, score: 100 }), /malformed[\s\S]*score/],
    [
      'an endTick before the last command',
      () => JSON.stringify({ ...golden().attempt, endTick: 1 }),
      /endTick is before the last logged command/,
    ],
  ])('rejects %s with a clear message', (_name, make, message) => {
    expect(() => importAttempt(make(), 'T', 'id', 0)).toThrow(message);
  });

  it('replays and re-scores a valid file: the summary is the golden score, not anything in the file', () => {
    const g = golden();
    const r = importAttempt(JSON.stringify(g.attempt), 'Dr T', 'id-1', 1234);
    expect(r).toMatchObject({
      id: 'id-1',
      trainee: 'Dr T',
      status: 'finished',
      source: 'imported',
      seed: 42,
      startedAt: 1234,
    });
    expect(r.summary?.total).toBe(g.expected.report.total);
    expect(r.summary?.passed).toBe(g.expected.report.passed);
  });
});
