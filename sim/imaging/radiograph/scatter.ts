import { MU_PER_MM } from '../../anatomy/attenuation';

/**
 * Scattered radiation: a low-frequency veil over the primary image whose share grows with the
 * patient's thickness. Applied once per pose to the static line-integral map, so it costs nothing
 * per frame.
 *
 * Model (scatter-kernel superposition, after Love and Kruger's convolution model): each pixel's
 * primary P = exp(-A) emits scatter in proportion to the scatter-to-primary ratio of the tissue
 * thickness along its ray, SPR(t), spread over the detector by a wide kernel:
 *
 *   S = G_sigma * (SPR(t) P),   A' = -ln(P + S)
 *
 * - t, the water-equivalent thickness, is A / mu_water (bone counts as its water equivalent, so a
 *   ray through the spine reads a few cm thicker than it is).
 * - SPR(t) = SPR_AT_20CM (t / 200 mm)^1.5, capped at SPR_MAX: ~0.35 for 18 cm of water (a thin
 *   patient's lumbar or thoracic AP), ~0.9 at 35 cm, ~1.4 at 45 cm (an obese abdomen, or a lateral).
 *   Behind a 10:1 anti-scatter grid in an intensifier field of ~20-25 cm these are the ranges of
 *   the grid-fluoroscopy scatter measurements of Boone and Seibert and of Sorenson and Floch
 *   (SPR a few tenths for thin parts, about one to two for thick abdomens); the exponent (a
 *   slightly faster than linear rise) is a fit to those ranges, assumed.
 * - G_sigma: a Gaussian of SCATTER_SIGMA_MM = 30 mm at the detector (scatter point-spread
 *   functions are tens of mm wide behind a grid), approximated by three box passes each way on
 *   the map averaged over 4 x 4 pixel blocks (3.6 mm at 256 px over 230 mm, a tenth of sigma, so
 *   nothing of the smooth field is lost), then read back bilinearly. Normalised over the round
 *   field, so the rim is not darker for lack of neighbours. ~2-3 ms per 256 px map in Node.
 *
 * Scatter adds intensity (S >= 0), so A' <= A everywhere and contrast falls by the primary
 * fraction P / (P + S). The display window (ABC) is taken from A', so thick patients look flatter
 * and greyer, as they do. Moving parts (steel, contrast, cement) are added to A' afterwards, which
 * attenuates the scatter under them as well as the primary: it overstates their contrast in a thick
 * patient (they would sit on the unattenuated veil), an approximation that keeps them black.
 */

/** SPR at 20 cm of water-equivalent tissue behind the grid (assumed from the published ranges above). */
export const SPR_AT_20CM = 0.4;
/** SPR never exceeds this (the grid's limit for the thickest patients we generate; assumed). */
export const SPR_MAX = 2.5;
/** Width (sd) of the scatter kernel at the detector, mm. */
export const SCATTER_SIGMA_MM = 30;
/** The scatter field is blurred on blocks of this many pixels a side (it has no detail finer than sigma). */
const SCATTER_BLOCK_PX = 4;
/** Water at the model's effective energy, 1/mm (the anatomy's attenuation table). */
const MU_WATER_PER_MM = MU_PER_MM.disc;

/** Scatter-to-primary ratio behind the grid for a water-equivalent thickness in mm. */
export function scatterToPrimary(thicknessMm: number): number {
  if (!(thicknessMm > 0)) return 0;
  const x = thicknessMm / 200;
  // x^1.5 as x sqrt(x): a per-pixel pow costs as much as the rest of the pass.
  return Math.min(SPR_MAX, SPR_AT_20CM * x * Math.sqrt(x));
}

/**
 * Running-sum box blur of width 2r+1 along rows (stride 1) or columns (stride n) of an n x n
 * array, from `src` into `dst`. Zero outside the array (the weights are normalised by the caller).
 */
function boxPass(src: Float32Array, dst: Float32Array, n: number, r: number, alongRows: boolean): void {
  const step = alongRows ? 1 : n;
  const lineStep = alongRows ? n : 1;
  for (let line = 0; line < n; line++) {
    const base = line * lineStep;
    let sum = 0;
    for (let i = 0; i <= Math.min(r, n - 1); i++) sum += src[base + i * step];
    for (let i = 0; i < n; i++) {
      dst[base + i * step] = sum;
      const add = i + r + 1;
      const drop = i - r;
      if (add < n) sum += src[base + add * step];
      if (drop >= 0) sum -= src[base + drop * step];
    }
  }
}

/** Three box passes each way: a Gaussian of sd ~sigmaPx (the central limit; within a few % of one). */
function gaussianish(values: Float32Array, n: number, sigmaPx: number, tmp: Float32Array): void {
  // Three passes of width w have variance 3 (w^2 - 1) / 12.
  const r = Math.max(1, Math.round((Math.sqrt(4 * sigmaPx * sigmaPx + 1) - 1) / 2));
  for (let pass = 0; pass < 3; pass++) {
    boxPass(values, tmp, n, r, true);
    boxPass(tmp, values, n, r, false);
  }
}

/** Whether pixel (i, j) of an n x n map lies inside the round field. */
function inField(i: number, j: number, n: number): boolean {
  const dx = i + 0.5 - n / 2;
  const dy = j + 0.5 - n / 2;
  return dx * dx + dy * dy <= (n * n) / 4;
}

/**
 * The static map with scatter: A' = -ln(exp(-A) + S) inside the round field (outside it the map
 * stays 0). `detectorSizeMm` sets the kernel's width in pixels. Returns a new map and the scatter
 * intensity S (relative to the unattenuated beam) for tests and figures.
 */
export function addScatter(
  map: Float32Array,
  n: number,
  detectorSizeMm: number,
): { readonly map: Float32Array; readonly scatter: Float32Array } {
  // Block means (of the emitted scatter and of the field's coverage) on an m x m grid.
  const b = n >= 64 ? SCATTER_BLOCK_PX : 1;
  const m = Math.ceil(n / b);
  const emitted = new Float32Array(m * m);
  const weight = new Float32Array(m * m);
  const tmp = new Float32Array(m * m);
  const primary = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    const row = Math.floor(j / b) * m;
    for (let i = 0; i < n; i++) {
      if (!inField(i, j, n)) continue;
      const a = map[j * n + i];
      const p = Math.exp(-a);
      primary[j * n + i] = p;
      const cell = row + Math.floor(i / b);
      emitted[cell] += scatterToPrimary(a / MU_WATER_PER_MM) * p;
      weight[cell] += 1;
    }
  }
  const sigmaCells = (SCATTER_SIGMA_MM * n) / detectorSizeMm / b;
  gaussianish(emitted, m, sigmaCells, tmp);
  gaussianish(weight, m, sigmaCells, tmp);
  for (let k = 0; k < m * m; k++) emitted[k] = weight[k] > 0 ? Math.max(0, emitted[k] / weight[k]) : 0;
  const out = new Float32Array(n * n);
  const scatter = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    // Cell centres sit at (cell + 0.5) b - 0.5 in pixels; clamp at the edges.
    const fy = Math.min(m - 1, Math.max(0, (j + 0.5) / b - 0.5));
    const y0 = Math.min(m - 2, Math.floor(fy));
    const ty = m > 1 ? fy - y0 : 0;
    for (let i = 0; i < n; i++) {
      if (!inField(i, j, n)) continue;
      const fx = Math.min(m - 1, Math.max(0, (i + 0.5) / b - 0.5));
      const x0 = Math.min(m - 2, Math.floor(fx));
      const tx = m > 1 ? fx - x0 : 0;
      const k0 = Math.max(0, y0) * m + Math.max(0, x0);
      const k1 = m > 1 ? k0 + 1 : k0;
      const k2 = m > 1 ? k0 + m : k0;
      const k3 = m > 1 ? k0 + m + 1 : k0;
      const s =
        (1 - ty) * ((1 - tx) * emitted[k0] + tx * emitted[k1]) + ty * ((1 - tx) * emitted[k2] + tx * emitted[k3]);
      const k = j * n + i;
      scatter[k] = s;
      out[k] = -Math.log(primary[k] + s);
    }
  }
  return { map: out, scatter };
}
