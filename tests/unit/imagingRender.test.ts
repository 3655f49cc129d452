import { describe, expect, it } from 'vitest';
import { makePose, NO_ROTATION } from '../../sim/imaging/carmPose';
import { DEFAULT_COLLIMATION } from '../../sim/imaging/collimation';
import { createProjection } from '../../sim/imaging/projection';
import { relativeNoise } from '../../sim/imaging/dose';
import { computeLineIntegralMap, samplingBoxes, DEFAULT_STEPS } from '../../sim/imaging/radiograph/lineIntegralMap';
import { addShapeIntegrals, capsuleChord, ellipsoidChord } from '../../sim/imaging/radiograph/shapeIntegrals';
import { MU_PER_MM } from '../../sim/imaging/radiograph/radiopaqueShapes';
import { createFieldMask, detectorPass, gaussianTable, EXPOSED } from '../../sim/imaging/radiograph/detectorPass';
import { phantomAnatomy, phantomField } from './fixtures/imagingPhantom';

const N = 64;
const D = 230;
const anatomy = phantomAnatomy();
const options = { sizePx: N, ...samplingBoxes(anatomy), ...DEFAULT_STEPS };
const projection = (view: 'AP' | 'lateral') =>
  createProjection(makePose(view, 0, 0, NO_ROTATION, { x: 0, y: 0, z: 0 }), D);
const mapOf = (view: 'AP' | 'lateral') => computeLineIntegralMap(phantomField(), projection(view), options);
/** Pixel index of a detector point (mm). */
const px = (uMm: number, vMm: number) => Math.floor((0.5 - vMm / D) * N) * N + Math.floor((uMm / D + 0.5) * N);

describe('line-integral map', () => {
  const ap = mapOf('AP');
  const lat = mapOf('lateral');

  it('a ray through the vertebral body integrates more than one through soft tissue only', () => {
    const centre = ap[px(0, 0)];
    const softTissue = ap[px(90, 0)]; // 54 mm lateral of the midline at the isocentre: no bone
    expect(centre).toBeGreaterThan(softTissue + 0.5);
    expect(softTissue).toBeGreaterThan(2); // ~20 cm of soft tissue at 0.02/mm
  });

  it('AP and lateral maps differ, and the lateral beam crosses more patient', () => {
    let diff = 0;
    for (let k = 0; k < ap.length; k++) diff += Math.abs(ap[k] - lat[k]);
    expect(diff / ap.length).toBeGreaterThan(0.3);
    expect(lat[px(0, 0)]).toBeGreaterThan(ap[px(0, 0)]);
  });

  it('the disc space integrates less than the body on the lateral view', () => {
    // Bodies are 25 mm tall with 10 mm discs: mid-disc at y = 17.5 mm -> v = 29 mm on the detector.
    expect(lat[px(0, 0)]).toBeGreaterThan(lat[px(0, 17.5 * (1000 / 600))]);
  });

  it('pixels outside the round field stay zero', () => {
    expect(ap[0]).toBe(0);
  });
});

describe('instrument integrals', () => {
  it('chords: a ray through the middle of a capsule crosses its diameter; along an ellipsoid axis, twice the radius', () => {
    expect(capsuleChord([0, 0, -100], [0, 0, 1], [-20, 0, 0], [20, 0, 0], 1.5)).toBeCloseTo(3, 6);
    expect(capsuleChord([0, 5, -100], [0, 0, 1], [-20, 0, 0], [20, 0, 0], 1.5)).toBe(0);
    expect(capsuleChord([-100, 0, 0], [1, 0, 0], [-20, 0, 0], [20, 0, 0], 1.5)).toBeCloseTo(43, 6);
    expect(ellipsoidChord([0, 0, -50], [0, 0, 1], [0, 0, 0], [3, 4, 5])).toBeCloseTo(10, 6);
  });

  it('a trocar raises the integral along its projection only', () => {
    const p = projection('AP');
    const base = mapOf('AP');
    const withTrocar = base.slice();
    // A trocar in the left pedicle, pointing anteriorly and medially.
    const shape = {
      kind: 'capsule' as const,
      a: { x: 30, y: 4, z: 90 },
      b: { x: 8, y: 4, z: 0 },
      radiusMm: 1.5,
      innerRadiusMm: 0,
      muPerMm: MU_PER_MM.steel,
    };
    addShapeIntegrals(withTrocar, N, p, [shape]);
    const mid = p.project({ x: 19, y: 4, z: 45 })!;
    const k = px(mid.uMm, mid.vMm);
    expect(withTrocar[k] - base[k]).toBeGreaterThan(1.5);
    const far = px(-60, -60);
    expect(withTrocar[far]).toBe(base[far]);
  });
});

describe('detector transfer', () => {
  const mask = createFieldMask(N, D, DEFAULT_COLLIMATION);
  const centre = px(0, 0);
  const develop = (map: Float32Array, sigma: number, inverted = false) => {
    const out = new Uint8Array(N * N * 4);
    let seed = 1;
    const uniform = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    detectorPass(
      map,
      mask,
      { window: { lo: 2, hi: 8 }, noiseSigma: sigma, edgeGain: 0, inverted },
      gaussianTable(N * N, uniform),
      0,
      new Float32Array(N * N),
      out,
    );
    return out;
  };

  it('dense is dark on a light field by default, and the invert toggle flips it', () => {
    const thin = develop(new Float32Array(N * N).fill(3), 0);
    const thick = develop(new Float32Array(N * N).fill(7), 0);
    expect(thin[centre * 4]).toBeGreaterThan(thick[centre * 4] + 100);
    const thickInv = develop(new Float32Array(N * N).fill(7), 0, true);
    expect(thickInv[centre * 4]).toBeGreaterThan(thick[centre * 4] + 100);
  });

  it('outside the image-intensifier circle is black; behind the shutters almost black', () => {
    const img = develop(new Float32Array(N * N).fill(3), 0);
    expect(img[0]).toBe(0);
    const shuttered = px(100, 0);
    expect(mask.region[shuttered]).not.toBe(EXPOSED);
    expect(img[shuttered * 4]).toBeLessThan(30);
  });

  it('quantum mottle grows as the dose rate falls (pulsed 4/s noisier than continuous)', () => {
    const clean = develop(new Float32Array(N * N).fill(5), 0);
    const spread = (sigma: number) => {
      const img = develop(new Float32Array(N * N).fill(5), sigma);
      let sum = 0;
      let count = 0;
      for (let k = 0; k < N * N; k++) {
        if (mask.region[k] !== EXPOSED) continue;
        sum += (img[k * 4] - clean[k * 4]) ** 2;
        count++;
      }
      return Math.sqrt(sum / count);
    };
    const cont = spread(0.05 * relativeNoise('continuous'));
    const p4 = spread(0.05 * relativeNoise('pulsed4'));
    expect(p4).toBeGreaterThan(cont * 1.8);
  });
});
