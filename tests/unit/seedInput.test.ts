import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../src/menu/seedInput';
import { createSession } from '../../sim/session/session';
import { loadScenario } from './goldenFixtures';

describe('the menu seed box', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    [' 7 ', 7],
    ['4294967295', 4294967295],
  ])('takes %s as seed %d', (text, seed) => {
    expect(parseSeed(text)).toEqual({ ok: true, seed });
  });

  it.each(['5e9', '5000000000', '4294967296', 'Infinity', '-1', '1.5', '', 'abc', '0x10'])(
    'refuses %j with a message, instead of wrapping it into another patient',
    (text) => {
      const r = parseSeed(text);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/whole number from 0 to 4294967295/);
    },
  );
});

describe('createSession', () => {
  const scenario = loadScenario('levels/l1-osteoporotic-wedge.json');
  it.each([2 ** 32, 5e9, Number.POSITIVE_INFINITY, -1, 1.5, Number.NaN])(
    'refuses seed %d instead of wrapping it',
    (seed) => {
      expect(() => createSession(scenario, seed)).toThrow(/The seed must be a whole number from 0 to 4294967295/);
    },
  );

  it('takes the largest seed', () => {
    expect(createSession(scenario, 2 ** 32 - 1).seed).toBe(2 ** 32 - 1);
  });
});
