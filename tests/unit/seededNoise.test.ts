import { describe, expect, it } from 'vitest';
import { noiseOffset, noiseSeedFor, noiseTable } from '../../src/render/seededNoise';

/** The monitors' quantum noise comes from the session seed (src/render/seededNoise.ts), never Math.random. */
describe('seeded quantum noise', () => {
  it('gives the same table for the same seed and a different one for another seed', () => {
    const a = noiseTable(42, 4096);
    expect(noiseTable(42, 4096)).toEqual(a);
    const b = noiseTable(43, 4096);
    let differ = 0;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) differ++;
    expect(differ).toBeGreaterThan(4000);
  });

  it('is a standard normal table', () => {
    const t = noiseTable(7, 20000);
    const mean = t.reduce((s, x) => s + x, 0) / t.length;
    const sd = Math.sqrt(t.reduce((s, x) => s + (x - mean) ** 2, 0) / t.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeGreaterThan(0.97);
    expect(sd).toBeLessThan(1.03);
  });

  it('reads each tick from a reproducible offset inside the span, fresh from tick to tick', () => {
    const span = 256 * 256;
    const offsets = Array.from({ length: 50 }, (_, tick) => noiseOffset(9, tick, span));
    expect(Array.from({ length: 50 }, (_, tick) => noiseOffset(9, tick, span))).toEqual(offsets);
    for (const o of offsets) {
      expect(Number.isInteger(o)).toBe(true);
      expect(o).toBeGreaterThanOrEqual(0);
      expect(o).toBeLessThan(span);
    }
    expect(new Set(offsets).size).toBe(offsets.length);
    expect(noiseOffset(10, 3, span)).not.toBe(noiseOffset(9, 3, span));
  });

  it('salts the seed by view, so a biplane pair does not share its mottle', () => {
    expect(noiseSeedFor(42, 'AP')).toBe(noiseSeedFor(42, 'AP'));
    expect(noiseSeedFor(42, 'AP')).not.toBe(noiseSeedFor(42, 'lateral'));
    expect(noiseSeedFor(42, 'AP')).not.toBe(noiseSeedFor(43, 'AP'));
  });
});
