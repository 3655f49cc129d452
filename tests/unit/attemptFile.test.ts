import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AttemptError, parseAttemptFile, toAttemptFile } from '../../sim/attempt/attemptFile';
import { SIM_VERSION } from '../../sim/core/version';

/** A committed attempt of format version 1 (tests/fixtures/attempt-v1). */
const valid = () =>
  JSON.parse(readFileSync('tests/fixtures/attempt-v1/textbook-kyphoplasty-l1-seed42.json', 'utf8')).attempt;
const METADATA = {
  trainee: { id: '5f0c9a54-3c1e-4a57-9d7e-2b1f3c4d5e6f', name: 'Ada Resident' },
  station: 'lab-3',
  startedAt: '2026-12-03T18:04:05.000Z',
  endedAt: '2026-12-03T18:15:00.000Z',
  simVersion: SIM_VERSION,
};
/** The same attempt written as version 2, with metadata. */
const v2 = () => ({ ...valid(), version: 2, ...METADATA });

describe('attempt file validation', () => {
  it('accepts a recorded attempt', () => {
    expect(parseAttemptFile(valid()).seed).toBe(42);
  });

  it('reads a committed version 1 file as version 2 with null metadata and an unknown model', () => {
    const v1 = valid();
    expect(v1.version).toBe(1);
    const a = parseAttemptFile(v1);
    expect(a.version).toBe(2);
    expect(a).toMatchObject({ trainee: null, station: null, startedAt: null, endedAt: null, simVersion: 'unknown' });
    expect(a.log).toEqual(v1.log);
    expect(a.endTick).toBe(v1.endTick);
    expect(a.scenarioHash).toBe(v1.scenarioHash);
  });

  it('reads a version 2 file with its metadata and an optional signature', () => {
    expect(parseAttemptFile(v2())).toMatchObject({ version: 2, ...METADATA });
    const signature = { alg: 'HMAC-SHA256', keyId: '0a1b2c3d', value: 'ab'.repeat(32) };
    expect(parseAttemptFile({ ...v2(), signature }).signature).toEqual(signature);
  });

  it('writes version 2: toAttemptFile takes the metadata, absent meaning null', () => {
    const a = parseAttemptFile(valid());
    const session = { scenario: a.scenario, seed: a.seed, mode: a.mode, log: a.log, tick: a.endTick };
    const bare = toAttemptFile(session, '0.1.0');
    expect(bare).toMatchObject({ version: 2, trainee: null, station: null, simVersion: SIM_VERSION });
    expect(parseAttemptFile(JSON.parse(JSON.stringify(bare)))).toEqual(bare);
    const full = toAttemptFile(session, '0.1.0', METADATA);
    expect(parseAttemptFile(JSON.parse(JSON.stringify(full)))).toMatchObject(METADATA);
  });

  it.each([
    ['not an object', () => 'hello', /not a JSON object/],
    ['another format', () => ({ ...valid(), format: 'other' }), /not a KyphoSim attempt/],
    ['a future version', () => ({ ...valid(), version: 3 }), /version 3 is not supported/],
    ['a version 2 file without its metadata', () => ({ ...valid(), version: 2 }), /trainee/],
    [
      'a version 2 file with a local-time start',
      () => ({ ...v2(), startedAt: '2026-12-03T18:04:05+01:00' }),
      /startedAt/,
    ],
    ['a version 2 station with a newline', () => ({ ...v2(), station: 'lab\nstation' }), /station/],
    [
      'a version 2 signature that is not hex',
      () => ({ ...v2(), signature: { alg: 'HMAC-SHA256', keyId: 'ab', value: 'z'.repeat(64) } }),
      /signature\.value/,
    ],
    ['a truncated log entry', () => ({ ...valid(), log: [{ tick: 3 }] }), /log\.0\.command/],
    [
      'a non-finite number in a command',
      () => ({ ...valid(), log: [{ tick: 0, command: { type: 'needle.advance', mm: 1e9 } }] }),
      /log\.0\.command\.mm/,
    ],
    [
      'an edited scenario',
      () => {
        const a = valid();
        a.scenario.patient.tScore = 0;
        return a;
      },
      /does not match its hash/,
    ],
    [
      'a log going back in time',
      () => {
        const a = valid();
        a.log[2].tick = 0;
        a.log[1].tick = 5;
        return a;
      },
      /goes back in time/,
    ],
    ['a score smuggled in', () => ({ ...valid(), score: 100 }), /score/],
  ])('rejects %s with a clear message', (_name, make, message) => {
    expect(() => parseAttemptFile(make())).toThrow(AttemptError);
    expect(() => parseAttemptFile(make())).toThrow(message);
  });
});
