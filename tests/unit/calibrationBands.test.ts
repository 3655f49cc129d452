import { describe, expect, it } from 'vitest';
import { bandPValue, binomialCdf, inRange, oddsRatio, type Outcome } from '../../scripts/calibrate-cement';

/**
 * The cement calibration's range check: a leak rate outside its band is a miss only when the count
 * is improbable at the band's nearer edge (one-sided exact binomial test at 5 %), because 40
 * patients measure a rate to about +/- 12 points.
 */
describe('calibration bands', () => {
  it('sums the binomial distribution exactly', () => {
    expect(binomialCdf(0, 40, 0.08)).toBeCloseTo(0.92 ** 40, 12);
    expect(binomialCdf(2, 40, 0.08)).toBeCloseTo(
      0.92 ** 40 + 40 * 0.08 * 0.92 ** 39 + 780 * 0.08 ** 2 * 0.92 ** 38,
      12,
    );
    expect(binomialCdf(-1, 10, 0.5)).toBe(0);
    expect(binomialCdf(10, 10, 0.5)).toBe(1);
    expect(binomialCdf(5, 10, 0.5)).toBeCloseTo(638 / 1024, 12);
  });

  it('never lets a case that does not leak at all through a band that starts above zero', () => {
    // The bipedicular kyphoplasty that never leaked in 40 expert attempts, against 8-35 %.
    expect(bandPValue(0, 40, 8, 35)).toBeLessThan(0.05);
    expect(inRange({ figure: 'x', value: 0, lo: 8, hi: 35, count: { k: 0, n: 40 } })).toBe(false);
  });

  it('takes a count just outside the band as sampling, and one far outside as a miss', () => {
    expect(inRange({ figure: 'x', value: 5, lo: 8, hi: 35, count: { k: 2, n: 40 } })).toBe(true);
    expect(inRange({ figure: 'x', value: 30, lo: 5, hi: 25, count: { k: 12, n: 40 } })).toBe(true);
    // 90 % of a thoracic vertebroplasty's attempts leaking against 40-85 % is out at 40 patients.
    expect(bandPValue(39, 40, 40, 85)).toBeLessThan(0.05);
    expect(inRange({ figure: 'x', value: 97.5, lo: 40, hi: 85, count: { k: 39, n: 40 } })).toBe(false);
    expect(inRange({ figure: 'x', value: 50, lo: 5, hi: 25, count: { k: 20, n: 40 } })).toBe(false);
  });

  it('keeps the strict band for figures that are not counts (odds ratios, volumes)', () => {
    expect(inRange({ figure: 'odds', value: 4.1, lo: 2, hi: 4 })).toBe(false);
    expect(inRange({ figure: 'odds', value: 3.9, lo: 2, hi: 4 })).toBe(true);
  });

  it('corrects the odds ratio with half a patient in each cell', () => {
    const o = (leaked: boolean, i: number): Outcome => ({ seed: i, stopped: null, leaked }) as unknown as Outcome;
    const a = [
      ...Array.from({ length: 12 }, (_, i) => o(true, i)),
      ...Array.from({ length: 8 }, (_, i) => o(false, i)),
    ];
    const b = [
      ...Array.from({ length: 2 }, (_, i) => o(true, i)),
      ...Array.from({ length: 18 }, (_, i) => o(false, i)),
    ];
    expect(oddsRatio(a, b)).toBeCloseTo(12.5 / 8.5 / (2.5 / 18.5), 10);
  });
});
