/**
 * Trabecular texture of cancellous bone, for imaging only (tissueAt still says 'cancellous'): a
 * deterministic, zero-mean modulation of the cancellous coefficient built from two families of
 * trabeculae, so films show the mesh of healthy vertebral bone and the vertical striation of
 * osteoporotic bone instead of a flat grey.
 *
 * Model (general radiographic anatomy and bone histomorphometry: load-bearing vertical trabeculae
 * are joined by thinner horizontal struts; in osteoporosis the horizontal struts thin and vanish
 * first, so what is left shows as vertical, "corduroy" striation at a lower overall density):
 * - each family is a stack of thin sheets, bone gathered on the lines where a wavy phase crosses a
 *   whole period: r = (1 - 2 d)^6, d the distance of s / spacing + WOBBLE n from the nearest
 *   integer, s the coordinate across the sheets and n a smooth 2D value noise of the two
 *   coordinates along them, so the sheets wander and bend (lines in projection, not blobs) but
 *   stay one spacing apart on average;
 * - vertical sheets: coronal ones (across z, the same along x for VERTICAL_COHERENT_MM, edge-on and
 *   so lines on a lateral view) and sagittal ones (across x, lines on an AP view); horizontal plates
 *   across y;
 * - the horizontal plates' share of the swing is PLATE_SHARE_HEALTHY x clamp((density - 0.25) /
 *   0.75, 0, 1), the vertical sheets take the rest, so bone at the density floor (0.25, T-score <=
 *   -3.75) is all vertical striation;
 * - each family's r is divided by its exact mean over a period (RIDGE_MEAN), minus 1: because the
 *   wobble does not depend on the coordinate across the sheets, the modulation averages to zero over
 *   every whole spacing, so the mean attenuation over a vertebral body is the mixture model's to a
 *   fraction of a percent (the cement and strength models rely on it), not just on average.
 *
 * The swing is TRABECULAR_CONTRAST of the whole cancellous coefficient (troughs at 0.7 of the mean):
 * more than bone's share over marrow in osteoporotic bone (the troughs dip below marrow), accepted
 * because the detector's ~1 mm pixels and 3 x 3 blur average real trabeculae (0.1-0.2 mm thick,
 * 0.6-1 mm apart) to grey; the texture is for the eye. For the same reason the spacings are the
 * finest that stay visible at the 256 px map (assumed), several times the real separation.
 */

/** Spacing (mm) of the vertical sheets, healthy -> density floor (sparser in osteoporosis). */
export const VERTICAL_SPACING_MM: readonly [number, number] = [3.5, 4.5];
/** Spacing (mm) of the horizontal plates. */
export const PLATE_SPACING_MM = 3.5;
/** Lattice (mm) of the wobble noise: along y and along the beam-wise axis of the vertical sheets, across x / z of the plates. */
export const VERTICAL_WOBBLE_ALONG_MM = 16;
export const VERTICAL_COHERENT_MM = 8;
export const PLATE_WOBBLE_MM = 8;
/** Wobble amplitude, in spacings per unit of noise (|n| < ~0.7): sheets wander up to ~0.6 of a spacing. */
export const WOBBLE = 0.9;
/** Share of the swing in horizontal plates at full density (assumed: an even, near-isotropic mesh). */
export const PLATE_SHARE_HEALTHY = 0.5;
/** Swing as a fraction of the cancellous coefficient: the troughs' depth below the mean (assumed, for the eye). */
export const TRABECULAR_CONTRAST = 0.3;
/** Density at which the horizontal plates are gone (the model's floor, boneQuality.ts). */
const DENSITY_FLOOR = 0.25;

/** Weight of the horizontal plates, 0 at the density floor rising to 1 at healthy density (clamped). */
export function horizontalWeight(cancellousDensity: number): number {
  return Math.min(1, Math.max(0, (cancellousDensity - DENSITY_FLOOR) / (1 - DENSITY_FLOOR)));
}

/** Constants of the pattern for one anatomy; inverse lengths so a sample only multiplies. */
export interface TrabecularPattern {
  readonly invSpacing: number;
  readonly invAlong: number;
  readonly invCoherent: number;
  readonly plateInvSpacing: number;
  readonly plateInvWobble: number;
  /** Swing (1/mm) times each vertical family's share, over the ridge's mean. */
  readonly verticalGain: number;
  /** 0 when the plates are gone: their noise is then skipped. */
  readonly plateGain: number;
  /** The swing itself, subtracted so the modulation has zero mean. */
  readonly swingMuPerMm: number;
}

/** The pattern for a relative cancellous density and the cancellous coefficient (1/mm). */
export function trabecularPattern(cancellousDensity: number, cancellousMuPerMm: number): TrabecularPattern {
  const s = Math.min(1, Math.max(0, (1 - cancellousDensity) / (1 - DENSITY_FLOOR)));
  const plates = PLATE_SHARE_HEALTHY * horizontalWeight(cancellousDensity);
  const swing = TRABECULAR_CONTRAST * cancellousMuPerMm;
  return {
    invSpacing: 1 / (VERTICAL_SPACING_MM[0] + (VERTICAL_SPACING_MM[1] - VERTICAL_SPACING_MM[0]) * s),
    invAlong: 1 / VERTICAL_WOBBLE_ALONG_MM,
    invCoherent: 1 / VERTICAL_COHERENT_MM,
    plateInvSpacing: 1 / PLATE_SPACING_MM,
    plateInvWobble: 1 / PLATE_WOBBLE_MM,
    verticalGain: (swing * (1 - plates)) / 2 / RIDGE_MEAN,
    plateGain: (swing * plates) / RIDGE_MEAN,
    swingMuPerMm: swing,
  };
}

/**
 * One family of sheets: (1 - 2 d)^6, d = |phase - nearest integer| in [0, 0.5]: 1 on the sheets
 * (a cusp, so thin lines), 0 midway between them with five vanishing derivatives (no seam). Its
 * mean over a period is exactly 1 / 7 (RIDGE_MEAN). A polynomial, not a sine: this runs per
 * cancellous ray sample.
 */
function sheets(phase: number): number {
  const r = 1 - 2 * Math.abs(phase - Math.round(phase));
  const r3 = r * r * r;
  return r3 * r3;
}

const RIDGE_MEAN = 1 / 7;

/**
 * The texture's change to the cancellous coefficient (1/mm) at a point: zero mean over every whole
 * spacing, never below minus the swing. The wobble noises are 2D (half the cost of 3D; this runs per
 * cancellous ray sample) and offset so the three families are independent. Allocation-free.
 */
export function trabecularDeltaMu(P: TrabecularPattern, x: number, y: number, z: number): number {
  const v = y * P.invAlong;
  let mu =
    P.verticalGain *
    (sheets(z * P.invSpacing + WOBBLE * valueNoise2(x * P.invCoherent, v)) +
      sheets(x * P.invSpacing + WOBBLE * valueNoise2(z * P.invCoherent + 71.9, v + 13.3)));
  if (P.plateGain !== 0) {
    mu +=
      P.plateGain *
      sheets(y * P.plateInvSpacing + WOBBLE * valueNoise2(x * P.plateInvWobble + 101.3, z * P.plateInvWobble + 57.7));
  }
  return mu - P.swingMuPerMm;
}

/** Bilinear, smoothstep-weighted value noise in [-1, 1] on the same tables as valueNoise3. Allocation-free. */
export function valueNoise2(u: number, v: number): number {
  const fi = Math.floor(u);
  const fj = Math.floor(v);
  let fu = u - fi;
  let fv = v - fj;
  fu = fu * fu * (3 - 2 * fu);
  fv = fv * fv * (3 - 2 * fv);
  const i = fi & 255;
  const j = fj & 255;
  const a = PERM[i] + j;
  const b = PERM[i + 1] + j;
  const x0 = VALUE[PERM[a]] + (VALUE[PERM[b]] - VALUE[PERM[a]]) * fu;
  const x1 = VALUE[PERM[a + 1]] + (VALUE[PERM[b + 1]] - VALUE[PERM[a + 1]]) * fu;
  return x0 + (x1 - x0) * fv;
}

/**
 * Permutation and value tables of the lattice hash (Perlin's scheme), filled once from a fixed
 * integer generator so the texture is the same on every run and machine (no Math.random).
 */
const PERM = new Uint8Array(512);
const VALUE = new Float64Array(256);
{
  let state = 0x9e3779b9;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const p = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    p[i] = i;
    VALUE[i] = (next() >>> 8) / 8388607.5 - 1;
  }
  for (let i = 255; i > 0; i--) {
    const j = next() % (i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  for (let i = 0; i < 512; i++) PERM[i] = p[i & 255];
}

/**
 * Trilinear value noise in [-1, 1] at lattice coordinates (u, v, w), smoothstep-weighted so the
 * grain has no visible lattice seams; the lattice repeats every 256 cells (307 mm at the finest
 * grain, beyond any field of view). Allocation-free.
 */
export function valueNoise3(u: number, v: number, w: number): number {
  const fi = Math.floor(u);
  const fj = Math.floor(v);
  const fk = Math.floor(w);
  let fu = u - fi;
  let fv = v - fj;
  let fw = w - fk;
  fu = fu * fu * (3 - 2 * fu);
  fv = fv * fv * (3 - 2 * fv);
  fw = fw * fw * (3 - 2 * fw);
  const i = fi & 255;
  const j = fj & 255;
  const k = fk & 255;
  const a = PERM[i] + j;
  const b = PERM[i + 1] + j;
  const aa = PERM[a] + k;
  const ab = PERM[a + 1] + k;
  const ba = PERM[b] + k;
  const bb = PERM[b + 1] + k;
  const x00 = VALUE[PERM[aa]] + (VALUE[PERM[ba]] - VALUE[PERM[aa]]) * fu;
  const x10 = VALUE[PERM[ab]] + (VALUE[PERM[bb]] - VALUE[PERM[ab]]) * fu;
  const x01 = VALUE[PERM[aa + 1]] + (VALUE[PERM[ba + 1]] - VALUE[PERM[aa + 1]]) * fu;
  const x11 = VALUE[PERM[ab + 1]] + (VALUE[PERM[bb + 1]] - VALUE[PERM[ab + 1]]) * fu;
  const y0 = x00 + (x10 - x00) * fv;
  const y1 = x01 + (x11 - x01) * fv;
  return y0 + (y1 - y0) * fw;
}
