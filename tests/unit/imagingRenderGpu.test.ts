import { describe, expect, it } from 'vitest';
import { makePose, NO_ROTATION } from '../../sim/imaging/carmPose';
import { createProjection } from '../../sim/imaging/projection';
import {
  addQuantumNoise,
  blurRegion,
  developValue,
  enhanceMap,
  gaussianTable,
} from '../../sim/imaging/radiograph/detectorPass';
import { FrameMapBuilder, noiseGrowthMap } from '../../sim/imaging/radiograph/frameMap';
import { MU_PER_MM, type RadiopaqueShape } from '../../sim/imaging/radiograph/radiopaqueShapes';
import { addShapeIntegrals } from '../../sim/imaging/radiograph/shapeIntegrals';

/** The browser's per-frame CPU steps (frame map, fast noise) against the reference functions. */
const N = 64;
const D = 230;
const projection = createProjection(makePose('AP', 0, 0, NO_ROTATION, { x: 0, y: 0, z: 0 }), D);
const trocar: RadiopaqueShape = {
  kind: 'capsule',
  a: { x: 30, y: 4, z: 90 },
  b: { x: 8, y: 4, z: 0 },
  radiusMm: 1.5,
  innerRadiusMm: 0,
  muPerMm: MU_PER_MM.steel,
};
const staticMap = () => {
  const m = new Float32Array(N * N);
  for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) m[j * N + i] = 4 + Math.sin(i / 5) + 0.5 * Math.cos(j / 3);
  return m;
};

describe('frame map', () => {
  it('equals the static map plus the blurred chords of the moving parts, and resets between frames', () => {
    const enhanced = enhanceMap(staticMap(), N, 0.6);
    const builder = new FrameMapBuilder(N);
    const withTrocar = builder.build(enhanced, projection, [trocar]).slice();
    const dyn = new Float32Array(N * N);
    addShapeIntegrals(dyn, N, projection, [trocar]);
    const blurred = new Float32Array(N * N);
    blurRegion(dyn, blurred, N);
    let maxErr = 0;
    for (let k = 0; k < N * N; k++) maxErr = Math.max(maxErr, Math.abs(withTrocar[k] - (enhanced[k] + blurred[k])));
    expect(maxErr).toBeLessThan(1e-5);
    expect(Math.max(...blurred)).toBeGreaterThan(1);
    // Next frame without the trocar: no trace of it left.
    const empty = builder.build(enhanced, projection, []);
    for (let k = 0; k < N * N; k++) expect(empty[k]).toBe(enhanced[k]);
  });

  it('fast per-frame noise is the reference quantum noise exactly, also under the moving parts', () => {
    const enhanced = enhanceMap(staticMap(), N, 0.6);
    const window = { lo: 3, hi: 6 };
    let seed = 7;
    const noise = gaussianTable(N * N * 2 + 6, () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    });
    const builder = new FrameMapBuilder(N);
    const ref = builder.build(enhanced, projection, [trocar]).slice();
    const clean = ref.slice();
    builder.addNoise(noiseGrowthMap(enhanced, window), noise, 12345, 0.08, window);
    addQuantumNoise(ref, noise, 12345, 0.08, window);
    let maxErr = 0;
    for (let k = 0; k < N * N; k++) maxErr = Math.max(maxErr, Math.abs(builder.map[k] - ref[k]));
    expect(maxErr).toBeLessThan(1e-4);
    expect(builder.map.filter((v, k) => Math.abs(v - clean[k]) > 0.01).length).toBeGreaterThan(N * N * 0.5);
  });
});

describe('developValue (the shader reference)', () => {
  const params = { window: { lo: 2, hi: 8 }, noiseSigma: 0, edgeGain: 0, inverted: false };
  it('is black outside the round field, dim behind the shutters, and darker for denser integrals', () => {
    expect(developValue(3, 0, params, 0.4, 0.4, 0.5, 0.5)).toBe(0);
    expect(developValue(3, 0, params, 0.3, 0, 0.2, 0.5)).toBeLessThan(0.08);
    expect(developValue(3, 0, params, 0, 0, 0.5, 0.5)).toBeGreaterThan(
      developValue(6, 0, params, 0, 0, 0.5, 0.5) + 0.3,
    );
    // Inversion flips the tone.
    expect(developValue(7.5, 0, { ...params, inverted: true }, 0, 0, 0.5, 0.5)).toBeGreaterThan(0.85);
  });
});
