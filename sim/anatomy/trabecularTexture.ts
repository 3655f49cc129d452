/**
 * Trabecular texture of cancellous bone, for imaging only (tissueAt still says 'cancellous'):
 * a deterministic value noise of position that modulates the bone volume fraction, so films show
 * the grainy, vertically striated cancellous bone of real vertebrae instead of a flat grey.
 *
 * Assumed numbers (general radiographic anatomy; trabecular separation ~0.6-1 mm healthy, wider in
 * osteoporosis, where horizontal trabeculae are resorbed first and the vertical ones stand out):
 * grain 1.2 mm across and 3 mm vertically in healthy bone, coarsening to 2 mm / 6 mm at the
 * lowest density (sparser, more vertical trabeculae). The attenuation varies by +/-15 % of the
 * cancellous value (95th percentile of the noise, whose |n| < 0.72 there), so less in absolute
 * terms where less bone is left; in the most osteoporotic bone the troughs dip ~2 % below marrow
 * (accepted: the mean is the mixture model's value and the texture is for the eye only).
 */

/** Attenuation swing per unit of noise, as a fraction of the cancellous coefficient (0.15 / 0.72). */
export const TRABECULAR_SWING = 0.21;

/** Noise lattice spacing (mm) across and along the vertical trabeculae for a relative cancellous density. */
export function trabecularGrainMm(cancellousDensity: number): { acrossMm: number; verticalMm: number } {
  // Density 1 (healthy) -> 1.2 / 3 mm; 0.25 (the model's floor) -> 2 / 6 mm; linear between, clamped.
  const s = Math.min(1, Math.max(0, (1 - cancellousDensity) / 0.75));
  return { acrossMm: 1.2 + 0.8 * s, verticalMm: 3 + 3 * s };
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
