import { describe, expect, it } from 'vitest';
import { DENSE_KNEE, developValue, rollOffDense } from '../../sim/imaging';
import { DETECTOR_FRAGMENT } from '../../src/render/detectorShader';

/**
 * The display's dense-end roll-off (sim/imaging/radiograph/detectorPass.ts): beyond the window a
 * thick cement mass grades from its rim to its core instead of clipping to one flat black, the
 * anatomy inside the window keeps its grey levels, and steel stays near black.
 */
describe('the dense-end roll-off of the display', () => {
  const window = { lo: 0, hi: 1.5 };
  const params = { window, noiseSigma: 0, edgeGain: 0, inverted: false };
  const grey = (a: number) => Math.round(developValue(a, 0, params, 0, 0, 1, 1) * 255);

  it('leaves the window above the knee linear and clips only the thin end to white', () => {
    for (const s of [DENSE_KNEE, 0.2, 0.5, 0.9, 1]) expect(rollOffDense(s)).toBeCloseTo(s, 12);
    expect(rollOffDense(1.4)).toBe(1);
  });

  it('is continuous at the knee and falls monotonically toward black without reaching it', () => {
    expect(rollOffDense(DENSE_KNEE - 1e-9)).toBeCloseTo(DENSE_KNEE, 6);
    let last = rollOffDense(DENSE_KNEE);
    for (let s = DENSE_KNEE - 0.05; s > -10; s -= 0.05) {
      const v = rollOffDense(s);
      expect(v).toBeLessThan(last);
      expect(v).toBeGreaterThan(0);
      last = v;
    }
  });

  it('grades a cement mass: 1, 2 and 4 nepers beyond the window are three distinct greys, all darker than the densest bone', () => {
    // mu 0.26 /mm: 1 neper is ~4 mm of cement, 4 nepers ~15 mm (a lateral view through a 3-4 mL fill).
    const rim = grey(window.hi + 1);
    const mid = grey(window.hi + 2);
    const core = grey(window.hi + 4);
    expect(rim - mid).toBeGreaterThanOrEqual(2);
    expect(mid - core).toBeGreaterThanOrEqual(2);
    expect(core).toBeGreaterThan(0);
    expect(rim).toBeLessThan(grey(window.hi - 0.1 * 1.5));
    // Steel (an 11 G shaft, ~3 nepers) stays near black: under 6 % of full scale.
    expect(grey(window.hi + 3)).toBeLessThan(0.06 * 255);
  });

  it('is the same curve in the browser’s shader', () => {
    expect(DETECTOR_FRAGMENT).toContain(`s < ${DENSE_KNEE.toFixed(6)}`);
  });
});
