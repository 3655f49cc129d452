import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AttemptError, parseAttemptFile } from '../../sim/attempt/attemptFile';
import { goldenPath, GOLDEN_CASES } from './goldenFixtures';

const valid = () => JSON.parse(readFileSync(goldenPath(GOLDEN_CASES[0].name), 'utf8')).attempt;

describe('attempt file validation', () => {
  it('accepts a recorded attempt', () => {
    expect(parseAttemptFile(valid()).seed).toBe(42);
  });

  it.each([
    ['not an object', () => 'hello', /not a JSON object/],
    ['another format', () => ({ ...valid(), format: 'other' }), /not a KyphoSim attempt/],
    ['a future version', () => ({ ...valid(), version: 2 }), /version 2 is not supported/],
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
