import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { imagingClassifierFor } from '../../sim/anatomy/classifierCache';
import { CODE } from '../../sim/anatomy/tissueCodes';
import { attenuationAt, cancellousMuPerMm } from '../../sim/anatomy/attenuation';

/**
 * The trabecular texture (sim/anatomy/trabecularTexture.ts) measured on the attenuation field
 * itself: a grid of samples in the middle of an intact vertebral body (L2 under the fractured L1,
 * so no fracture detail), trimmed to the samples the imaging classifier calls plain cancellous.
 */
const base = JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8'));
const STEP_MM = 0.5;
/** Share of the body's width, height and depth sampled (the middle; the grid is then trimmed to plain cancellous bone). */
const SHARE = 0.8;

interface Measure {
  /** Mean squared difference of neighbouring samples across x and z (horizontal) and along y (vertical). */
  horizontal: number;
  vertical: number;
  /** Mean attenuation over the samples over the mixture model's cancellous coefficient. */
  meanRatio: number;
}

function measure(tScore: number): Measure {
  const scenario = parseScenario({ ...base, patient: { ...base.patient, tScore } });
  const a = buildAnatomy(scenario, createRng(3));
  const v = a.vertebrae[a.targetIndex + 1];
  const nx = Math.floor((SHARE * v.bodyWidthMm) / STEP_MM);
  const ny = Math.floor((SHARE * v.intactHeightMm) / STEP_MM);
  const nz = Math.floor((SHARE * v.bodyDepthMm) / STEP_MM);
  const x0 = v.centre.x - (nx * STEP_MM) / 2;
  const y0 = v.centre.y - (ny * STEP_MM) / 2;
  const z0 = v.centre.z - (nz * STEP_MM) / 2;
  const code = imagingClassifierFor(a);
  const f = new Float64Array(nx * ny * nz);
  const at = (i: number, j: number, k: number) => (i * ny + j) * nz + k;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < nx; i++)
    for (let j = 0; j < ny; j++)
      for (let k = 0; k < nz; k++) {
        const p = { x: x0 + i * STEP_MM, y: y0 + j * STEP_MM, z: z0 + k * STEP_MM };
        // Only plain cancellous bone carries the texture (not the subchondral band, the wall rim or a channel).
        const mu = code(p.x, p.y, p.z) === CODE.cancellous ? attenuationAt(a, p) : Number.NaN;
        f[at(i, j, k)] = mu;
        if (!Number.isNaN(mu)) {
          sum += mu;
          count++;
        }
      }
  const diff = (di: number, dj: number, dk: number) => {
    let s = 0;
    let n = 0;
    for (let i = 0; i + di < nx; i++)
      for (let j = 0; j + dj < ny; j++)
        for (let k = 0; k + dk < nz; k++) {
          const d = f[at(i + di, j + dj, k + dk)] - f[at(i, j, k)];
          if (!Number.isNaN(d)) {
            s += d * d;
            n++;
          }
        }
    return s / n;
  };
  // Differences over 1.5 mm: below the sheets' spacing, above the sampling step.
  const h = 3;
  // At least the middle of the body is plain cancellous bone.
  expect(count).toBeGreaterThan(0.7 * nx * ny * nz);
  return {
    horizontal: (diff(h, 0, 0) + diff(0, 0, h)) / 2,
    vertical: diff(0, h, 0),
    meanRatio: sum / count / cancellousMuPerMm(a.cancellousDensity),
  };
}

describe('trabecular pattern by bone quality', () => {
  const tScores = [0, -1.5, -2.5, -3.5, -4.5];
  const measures = tScores.map(measure);

  it('vertical striation grows as the T-score falls: horizontal over vertical variation rises', () => {
    const anisotropy = measures.map((m) => m.horizontal / m.vertical);
    for (let i = 1; i < anisotropy.length; i++) expect(anisotropy[i]).toBeGreaterThan(anisotropy[i - 1]);
    // Healthy bone is a near-isotropic mesh; bone at the density floor is vertical striation only.
    expect(anisotropy[0]).toBeLessThan(1.2);
    expect(anisotropy[anisotropy.length - 1]).toBeGreaterThan(3);
  });

  it('leaves the mean attenuation over the body at the mixture model value (within 1 %)', () => {
    for (const m of measures) expect(Math.abs(m.meanRatio - 1)).toBeLessThan(0.01);
  });

  it('is deterministic', () => {
    expect(measure(-2.5)).toEqual(measures[2]);
  });
});
