import type { SampledAttenuationField } from '../../anatomy/attenuation';
import { HABITUS } from '../../anatomy/habitus';
import type { Anatomy } from '../../anatomy/types';
import type { AttenuationField } from '../beamPath';
import type { Projection } from '../projection';
import type { Vec3 } from '../../math/vec3';

/**
 * The static part of the X-ray: for every detector pixel, the line integral of attenuation along
 * the ray from the focal spot to that pixel (Beer-Lambert exponent). Pure, no DOM, no pixi: it runs
 * in a Web Worker in the browser and in Node for tests and scripts/render-xray-preview.ts.
 *
 * Pixel (i, j) of an N x N map covers the detector square of side detectorSizeMm: column i goes
 * image-left to image-right, row j image-top to image-bottom (see pixelToDetector).
 */

export interface Box {
  readonly min: Vec3;
  readonly max: Vec3;
}

export interface LineIntegralOptions {
  readonly sizePx: number;
  /** Everything outside `bounds` is air. */
  readonly bounds: Box;
  /** Inside `fineBounds` (the bones) the ray is sampled every fineStepMm, elsewhere every coarseStepMm. */
  readonly fineBounds: Box;
  readonly fineStepMm: number;
  readonly coarseStepMm: number;
  /**
   * The torso's elliptic cylinder (half-width a, half-depth b about z = zc, along y): everything
   * outside it is air, so a ray is integrated only over its chord through it (optional).
   */
  readonly torso?: { readonly a: number; readonly b: number; readonly zc: number };
}

/** Default sampling: 1 mm through the spine (cortex is ~1 mm, sample positions are jittered per ray), 4 mm through soft tissue. */
export const DEFAULT_STEPS = { fineStepMm: 1, coarseStepMm: 4 } as const;

/** Detector coordinates (mm) of the centre of pixel (i, j); writes [uMm, vMm] into out. */
export function pixelToDetector(i: number, j: number, sizePx: number, detectorSizeMm: number, out: Float64Array): void {
  out[0] = ((i + 0.5) / sizePx - 0.5) * detectorSizeMm;
  out[1] = (0.5 - (j + 0.5) / sizePx) * detectorSizeMm;
}

/** Boxes around the patient (generous, for the soft tissue) and around the vertebrae (fine sampling). */
export function samplingBoxes(anatomy: Anatomy): {
  bounds: Box;
  fineBounds: Box;
  torso: { a: number; b: number; zc: number };
} {
  let x = 0;
  let y0 = Infinity;
  let y1 = -Infinity;
  let z0 = Infinity;
  let z1 = -Infinity;
  for (const v of anatomy.vertebrae) {
    x = Math.max(
      x,
      v.bodyWidthMm / 2,
      v.transverseProcessSpanMm / 2,
      ...v.pedicles.map((p) => Math.abs(p.posteriorCentre.x) + p.widthMm),
    );
    y0 = Math.min(y0, v.centre.y - v.intactHeightMm);
    y1 = Math.max(y1, v.centre.y + v.intactHeightMm);
    z0 = Math.min(z0, v.centre.z - v.bodyDepthMm / 2);
    z1 = Math.max(z1, v.spinousTipZMm);
  }
  const m = 6;
  const habitus = HABITUS[anatomy.scenario.patient.habitus];
  return {
    // The torso: 25 cm either side and 35 cm anterior of the posterior skin covers every habitus we generate (assumed).
    bounds: {
      min: { x: -250, y: y0 - 150, z: anatomy.skinZMm - 350 },
      max: { x: 250, y: y1 + 150, z: anatomy.skinZMm + 2 },
    },
    fineBounds: { min: { x: -x - m, y: y0 - m, z: z0 - m }, max: { x: x + m, y: y1 + m, z: z1 + m } },
    // The skin's ellipse (sim/anatomy/torso.ts), 1 mm larger: beyond it the classifier says air.
    torso: {
      a: habitus.torsoHalfWidthMm + 1,
      b: habitus.torsoHalfDepthMm + 1,
      zc: anatomy.skinZMm - habitus.torsoHalfDepthMm,
    },
  };
}

/** Ray/box slab test: writes [tEnter, tExit] into out; returns false on a miss. */
function clipRay(
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  b: Box,
  out: Float64Array,
): boolean {
  out[0] = 0;
  out[1] = Infinity;
  return (
    slab(ox, dx, b.min.x, b.max.x, out) && slab(oy, dy, b.min.y, b.max.y, out) && slab(oz, dz, b.min.z, b.max.z, out)
  );
}

/** Narrow the interval in out to where o + t d lies within [lo, hi] on one axis. */
function slab(o: number, d: number, lo: number, hi: number, out: Float64Array): boolean {
  if (Math.abs(d) < 1e-12) return o >= lo && o <= hi;
  const a = (lo - o) / d;
  const c = (hi - o) / d;
  out[0] = Math.max(out[0], Math.min(a, c));
  out[1] = Math.min(out[1], Math.max(a, c));
  return out[0] < out[1];
}

/**
 * Narrow [out[0], out[1]] to the ray's chord through the elliptic cylinder x^2/a^2 + (z-zc)^2/b^2 <= 1
 * (any y); false when the ray misses it.
 */
function clipCylinder(
  ox: number,
  oz: number,
  dx: number,
  dz: number,
  c: { readonly a: number; readonly b: number; readonly zc: number },
  out: Float64Array,
): boolean {
  const px = ox / c.a;
  const pz = (oz - c.zc) / c.b;
  const qx = dx / c.a;
  const qz = dz / c.b;
  const qa = qx * qx + qz * qz;
  if (qa < 1e-18) return px * px + pz * pz <= 1;
  const qb = px * qx + pz * qz;
  const disc = qb * qb - qa * (px * px + pz * pz - 1);
  if (disc <= 0) return false;
  const r = Math.sqrt(disc);
  out[0] = Math.max(out[0], (-qb - r) / qa);
  out[1] = Math.min(out[1], (-qb + r) / qa);
  return out[0] < out[1];
}

/** Cheap deterministic per-pixel jitter in [0, 1), so regular sampling does not alias thin cortex into moire. */
function jitter(i: number, j: number): number {
  let h = Math.imul(i, 374761393) ^ Math.imul(j, 668265263);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/**
 * Compute rows [rowStart, rowEnd) of the line-integral map into `out` (allocated when absent)
 * and return it. Pixels outside the round detector field stay 0.
 */
export function computeLineIntegralMap(
  field: AttenuationField,
  projection: Projection,
  options: LineIntegralOptions,
  out: Float32Array = new Float32Array(options.sizePx * options.sizePx),
  rowStart = 0,
  rowEnd = options.sizePx,
): Float32Array {
  const n = options.sizePx;
  const size = projection.detectorSizeMm;
  const { x: ox, y: oy, z: oz } = projection.source;
  const uv = new Float64Array(2);
  const dir = new Float64Array(3);
  const outer = new Float64Array(2);
  const fine = new Float64Array(2);
  const rMax2 = (size / 2) ** 2;

  // A field that sums its own samples (sim/anatomy/attenuation.ts) gives the same sums, faster.
  const sampled = (field as Partial<SampledAttenuationField>).sumSamples;
  const segment = (a: number, b: number, step: number, dx: number, dy: number, dz: number, phase: number): number => {
    const len = b - a;
    if (len <= 0) return 0;
    const count = Math.max(1, Math.ceil(len / step));
    const h = len / count;
    if (sampled) return sampled(ox, oy, oz, dx, dy, dz, a, h, count, phase) * h;
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const t = a + (k + phase) * h;
      sum += field(ox + dx * t, oy + dy * t, oz + dz * t);
    }
    return sum * h;
  };

  for (let j = rowStart; j < rowEnd; j++) {
    for (let i = 0; i < n; i++) {
      pixelToDetector(i, j, n, size, uv);
      const idx = j * n + i;
      if (uv[0] * uv[0] + uv[1] * uv[1] > rMax2) {
        out[idx] = 0;
        continue;
      }
      projection.rayDirectionInto(uv[0], uv[1], dir);
      const dx = dir[0];
      const dy = dir[1];
      const dz = dir[2];
      if (
        !clipRay(ox, oy, oz, dx, dy, dz, options.bounds, outer) ||
        (options.torso !== undefined && !clipCylinder(ox, oz, dx, dz, options.torso, outer))
      ) {
        out[idx] = 0;
        continue;
      }
      const phase = jitter(i, j);
      const [t0, t1] = outer;
      let sum: number;
      if (clipRay(ox, oy, oz, dx, dy, dz, options.fineBounds, fine) && fine[1] > t0 && fine[0] < t1) {
        const f0 = Math.max(t0, fine[0]);
        const f1 = Math.min(t1, fine[1]);
        sum =
          segment(t0, f0, options.coarseStepMm, dx, dy, dz, phase) +
          segment(f0, f1, options.fineStepMm, dx, dy, dz, phase) +
          segment(f1, t1, options.coarseStepMm, dx, dy, dz, phase);
      } else {
        sum = segment(t0, t1, options.coarseStepMm, dx, dy, dz, phase);
      }
      out[idx] = sum;
    }
  }
  return out;
}
