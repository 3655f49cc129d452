import { describe, expect, it } from 'vitest';
import { detectorUniforms, DETECTOR_FRAGMENT } from '../../src/render/detectorShader';
import { DENSE_KNEE, DENSE_ROLL, developValue, VIGNETTE } from '../../sim/imaging';

/**
 * The shader folds developValue's constant parts into uniforms (window, inversion and tone curve
 * as one quadratic). This replays the shader's arithmetic in JS with those uniforms and checks it
 * against the CPU reference inside the open field.
 */
function shaderValue(a: number, u: number, v: number, window: { lo: number; hi: number }, inverted: boolean): number {
  const { uWindow, uTone } = detectorUniforms(window, inverted);
  const px = u - 0.5;
  const py = v - 0.5;
  let s = a * uWindow[0] + uWindow[1];
  s = s < DENSE_KNEE ? (DENSE_KNEE * DENSE_ROLL) / (DENSE_ROLL + DENSE_KNEE - s) : Math.min(s, 1);
  return ((uTone[0] * s + uTone[1]) * s + uTone[2]) * (1 - 4 * VIGNETTE * (px * px + py * py));
}

describe('the detector shader’s uniforms', () => {
  const window = { lo: 3.1, hi: 5.4 };
  it('give developValue’s grey for every integral, inverted or not, across the open field', () => {
    let n = 0;
    for (const inverted of [false, true])
      for (let a = 1; a <= 12; a += 0.173)
        for (const [u, v] of [
          [0.5, 0.5],
          [0.2, 0.7],
          [0.81, 0.33],
        ]) {
          const params = { window, noiseSigma: 0, edgeGain: 0, inverted };
          const ref = developValue(a, 0, params, u - 0.5, 0.5 - v, 0.5, 0.5);
          expect(shaderValue(a, u, v, window, inverted)).toBeCloseTo(ref, 10);
          n++;
        }
    expect(n).toBeGreaterThan(300);
  });

  it('are the names the shader reads', () => {
    expect(DETECTOR_FRAGMENT).toContain('uniform vec2 uWindow;');
    expect(DETECTOR_FRAGMENT).toContain('uniform vec3 uTone;');
  });
});
