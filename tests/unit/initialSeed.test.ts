import { describe, expect, it } from 'vitest';
import { initialSeed } from '../../src/menu/initialSeed';

describe('the seed a new attempt starts from', () => {
  it('takes the address pin when it is a seed, and otherwise draws a fresh one', () => {
    expect(initialSeed('?seed=42')).toEqual({ seed: 42 });
    expect(initialSeed('?seed=4294967295')).toEqual({ seed: 4294967295 });
    const fresh = initialSeed('');
    expect(Number.isInteger(fresh.seed) && fresh.seed >= 1).toBe(true);
    expect(fresh.refusedText).toBeUndefined();
  });

  it('refuses a pinned seed that is none, keeping its text for the box instead of another patient', () => {
    for (const bad of ['5000000000', '4294967296', '-1', '1.5', 'abc', '']) {
      const s = initialSeed(`?seed=${encodeURIComponent(bad)}`);
      expect(s.refusedText).toBe(bad);
    }
    // The text kept is bounded.
    expect(initialSeed(`?seed=${'9'.repeat(500)}`).refusedText).toHaveLength(40);
  });
});
