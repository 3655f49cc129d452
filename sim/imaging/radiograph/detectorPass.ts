import { isInField, type Collimation } from '../collimation';
import { pixelToDetector } from './lineIntegralMap';

/**
 * The detector and display chain. This file is the CPU **reference** implementation (pure, runs in
 * Node for tests and scripts); the browser runs the same chain as a fragment shader
 * (detectorShader.ts), term by term, as documented there. Two stages:
 *
 * 1. `enhanceMap` (linear, per pose for the static anatomy): the focal spot / intensifier
 *    unsharpness (3x3 binomial blur) and the camera's edge enhancement (unsharp mask, 3x3 box),
 *    both applied to the line integrals. Windowing is linear in the integral, so an unsharp mask
 *    before the window equals one after it except where the window clips. Moving parts get the
 *    blur only (`blurRegion`): unsharp masking steel would ring far more than a real camera does.
 * 2. `developValue` (per pixel): Beer-Lambert transmission with quantum noise in the log domain,
 *    the logarithmic response windowed by the automatic brightness control, inversion, gamma,
 *    vignetting, the round image-intensifier field and the collimator shutters. Dense is dark on
 *    a light field unless inverted.
 */

/** Region codes of a field mask. */
export const OUTSIDE = 0;
export const SHUTTERED = 1;
export const EXPOSED = 2;

export interface FieldMask {
  readonly sizePx: number;
  readonly region: Uint8Array;
  /** Image-intensifier vignetting gain, 1 at the centre. */
  readonly gain: Float32Array;
}

/** II brightness falls ~30 % from centre to rim (vignetting; assumed typical). */
export const VIGNETTE = 0.3;
/** Grey level behind the shutters: lead blocks the beam, only scatter reaches there. */
export const SHUTTER_LEVEL = 0.07;
/** Behind dense parts the noise grows at most this much over mid-window (they clip to black anyway). */
export const MAX_NOISE_GROWTH = 2.5;
/**
 * Tone curve of the camera/monitor chain: T(s) = s (1 + TONE_LIFT (1 - s)), a mild lift of the
 * mid-tones (within 0.02 of a 0.9 gamma; assumed). A polynomial, not pow(): the shader is
 * cheaper and the CPU reference is the same expression.
 */
export const TONE_LIFT = 0.1;
/**
 * Dense-end roll-off of the display (the camera chain's highlight compression): below DENSE_KNEE
 * of the window the grey level falls as DENSE_KNEE / (1 + (DENSE_KNEE - s) / DENSE_ROLL) instead of
 * clipping at black, so that a thick cement mass (barium PMMA, mu 0.26 /mm: 2-5 nepers beyond the
 * window through 1-2 cm) still grades from its thin, interdigitated rim to its thick core, with its
 * mottle, rather than reading as a flat black mask, while steel stays near black. The knee sits in
 * the ABC's 10 % pad beyond the anatomy's densest 1 % (autoWindow), so the anatomy's own grey
 * levels are unchanged. A rational function, continuous at the knee and monotonic, and as cheap in
 * the shader as on the CPU. Constants assumed, tuned by eye on the lateral view of a 3-4 mL fill.
 */
export const DENSE_KNEE = 0.08;
export const DENSE_ROLL = 3;
/** Grey level of a linear window value s with the dense-end roll-off, at most 1 (thin parts still clip to white). */
export function rollOffDense(s: number): number {
  return s < DENSE_KNEE ? DENSE_KNEE / (1 + (DENSE_KNEE - s) / DENSE_ROLL) : Math.min(s, 1);
}
/** Unsharp-mask gain of the II camera's edge enhancement (mild; tuned by eye). */
export const EDGE_GAIN = 0.3;

/** Precompute the round field, shutters and vignetting for a map size. */
export function createFieldMask(sizePx: number, detectorSizeMm: number, collimation: Collimation): FieldMask {
  const region = new Uint8Array(sizePx * sizePx);
  const gain = new Float32Array(sizePx * sizePx);
  const uv = new Float64Array(2);
  const r = detectorSizeMm / 2;
  for (let j = 0; j < sizePx; j++) {
    for (let i = 0; i < sizePx; i++) {
      pixelToDetector(i, j, sizePx, detectorSizeMm, uv);
      const k = j * sizePx + i;
      const rr = (uv[0] * uv[0] + uv[1] * uv[1]) / (r * r);
      if (rr > 1) continue;
      region[k] = isInField(uv[0], uv[1], detectorSizeMm, collimation) ? EXPOSED : SHUTTERED;
      gain[k] = 1 - VIGNETTE * rr;
    }
  }
  return { sizePx, region, gain };
}

export interface DisplayWindow {
  /** Line integrals mapped to white and to black (before inversion). */
  readonly lo: number;
  readonly hi: number;
}

/** The automatic brightness control measures the central part of the field (radius fraction; assumed). */
const ABC_RADIUS = 0.6;
/**
 * Narrowest window, in line-integral units (white to black = a transmission ratio of e^1.2 ~ 3.3).
 * A real ABC sets the dose rate, i.e. the brightness, while the camera's contrast (gain) is fixed:
 * a thick, scatter-flattened patient is not stretched back to full contrast but looks greyer.
 * 1.2 is about the span of a thin patient's AP with scatter (~1.3), so thin and average patients
 * keep their percentile window and only thick ones get the fixed-gain look (assumed, by eye).
 */
export const MIN_WINDOW_SPAN = 1.2;

/**
 * Automatic brightness/contrast: window the log image between low and high percentiles of the
 * central measuring field, like the II camera's ABC, never narrower than MIN_WINDOW_SPAN. Computed on the static anatomy so that
 * instruments (steel, contrast) saturate to black, and lung or air at the rim burns out to white,
 * as on a real monitor.
 */
export function autoWindow(map: Float32Array, mask: FieldMask): DisplayWindow {
  const n = mask.sizePx;
  const values: number[] = [];
  const r2 = (ABC_RADIUS * n) / 2;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const dx = i + 0.5 - n / 2;
      const dy = j + 0.5 - n / 2;
      if (mask.region[k] === EXPOSED && dx * dx + dy * dy <= r2 * r2) values.push(map[k]);
    }
  }
  if (values.length === 0) return { lo: 0, hi: 1 };
  values.sort((a, b) => a - b);
  const at = (q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))];
  const lo = at(0.02);
  const hi = at(0.99);
  const pad = 0.1 * (hi - lo);
  // Widened about its centre up to the fixed gain's span (see MIN_WINDOW_SPAN).
  const widen = Math.max(0, MIN_WINDOW_SPAN - (hi - lo + 2 * pad)) / 2;
  return { lo: lo - pad - widen, hi: hi + pad + widen + 1e-6 };
}

export interface DetectorParams {
  readonly window: DisplayWindow;
  /** Quantum noise (sd of the log signal) at mid-window; grows where fewer photons arrive. */
  readonly noiseSigma: number;
  readonly edgeGain: number;
  readonly inverted: boolean;
}

/** A table of standard normal deviates (Box-Muller) from any uniform source. */
export function gaussianTable(length: number, uniform: () => number): Float32Array {
  const t = new Float32Array(length);
  for (let k = 0; k < length; k += 2) {
    const u = Math.max(1e-12, uniform());
    const v = uniform();
    const m = Math.sqrt(-2 * Math.log(u));
    t[k] = m * Math.cos(2 * Math.PI * v);
    if (k + 1 < length) t[k + 1] = m * Math.sin(2 * Math.PI * v);
  }
  return t;
}

/** Whether pixel (i, j) of an n x n map lies inside the round field (the only pixels with data). */
function inCircle(i: number, j: number, n: number): boolean {
  const dx = i + 0.5 - n / 2;
  const dy = j + 0.5 - n / 2;
  return dx * dx + dy * dy <= (n * n) / 4;
}

/**
 * Mean of the 3x3 neighbourhood of pixel (i, j) that lies inside the round field: binomial
 * weights (1 2 1) x (1 2 1) when `tent`, a plain box otherwise.
 */
function meanAround(src: Float32Array, n: number, i: number, j: number, tent: boolean): number {
  let sum = 0;
  let weight = 0;
  for (let dj = -1; dj <= 1; dj++) {
    const jj = j + dj;
    if (jj < 0 || jj >= n) continue;
    for (let di = -1; di <= 1; di++) {
      const ii = i + di;
      if (ii < 0 || ii >= n || !inCircle(ii, jj, n)) continue;
      const w = tent ? (2 - Math.abs(di)) * (2 - Math.abs(dj)) : 1;
      sum += w * src[jj * n + ii];
      weight += w;
    }
  }
  return sum / weight;
}

/**
 * 3x3 binomial blur of `src` over rows/columns [i0, i1] x [j0, j1] (inclusive) into `dst`, using
 * only neighbours inside the round field (outside it the map is 0, not air).
 */
export function blurRegion(
  src: Float32Array,
  dst: Float32Array,
  n: number,
  i0 = 0,
  j0 = 0,
  i1 = n - 1,
  j1 = n - 1,
): void {
  for (let j = Math.max(0, j0); j <= Math.min(n - 1, j1); j++) {
    for (let i = Math.max(0, i0); i <= Math.min(n - 1, i1); i++) {
      const k = j * n + i;
      if (!inCircle(i, j, n)) {
        dst[k] = src[k];
        continue;
      }
      dst[k] = meanAround(src, n, i, j, true);
    }
  }
}

/**
 * Stage 1 for the static anatomy: blur, then unsharp-mask (gain `edgeGain`, 3x3 box) the line
 * integrals of an n x n map. Returns a new map; `src` is untouched.
 */
export function enhanceMap(src: Float32Array, n: number, edgeGain: number): Float32Array {
  const blurred = new Float32Array(n * n);
  blurRegion(src, blurred, n);
  const out = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      if (!inCircle(i, j, n)) continue;
      out[k] = blurred[k] + edgeGain * (blurred[k] - meanAround(blurred, n, i, j, false));
    }
  }
  return out;
}

/**
 * Stage 2, one pixel: enhanced line integral `a`, standard normal deviate `noise`, detector point
 * as a fraction of the field diameter (px, py in [-0.5, 0.5], y up), shutter half-sizes as
 * fractions of the field diameter. Returns the grey level in [0, 1]. detectorShader.ts is this
 * function in GLSL.
 */
export function developValue(
  a: number,
  noise: number,
  params: DetectorParams,
  px: number,
  py: number,
  shutterX: number,
  shutterY: number,
): number {
  const rr = (px * px + py * py) * 4;
  if (rr > 1) return 0;
  const gain = 1 - VIGNETTE * rr;
  if (Math.abs(px) > shutterX || Math.abs(py) > shutterY) return SHUTTER_LEVEL * gain;
  const { lo, hi } = params.window;
  let s = rollOffDense((hi - noisyIntegral(a, noise, params.noiseSigma, params.window)) / (hi - lo));
  if (params.inverted) s = 1 - s;
  return s * (1 + TONE_LIFT * (1 - s)) * gain;
}

/**
 * Quantum noise in the log domain: photon count ~ exp(-A), so the sd of the log signal grows as
 * exp((A - mid) / 2) from `noiseSigma` at mid-window (capped: dense parts clip to black anyway).
 */
export function noisyIntegral(a: number, noise: number, noiseSigma: number, displayWindow: DisplayWindow): number {
  if (noiseSigma === 0) return a;
  return (
    a + noiseSigma * Math.min(MAX_NOISE_GROWTH, Math.exp((a - (displayWindow.lo + displayWindow.hi) / 2) / 2)) * noise
  );
}

/** Add quantum noise to a frame's map in place (the browser's per-frame CPU step before the shader). */
export function addQuantumNoise(
  map: Float32Array,
  noise: Float32Array,
  noiseOffset: number,
  noiseSigma: number,
  displayWindow: DisplayWindow,
): void {
  if (noiseSigma === 0) return;
  const len = noise.length;
  for (let k = 0; k < map.length; k++)
    map[k] = noisyIntegral(map[k], noise[(k + noiseOffset) % len], noiseSigma, displayWindow);
}

/**
 * The whole chain on the CPU: integral map -> RGBA pixels (N x N, the mask's size). `noise` is a
 * table of N(0,1) deviates read from `noiseOffset` (a fresh offset per frame gives fresh mottle).
 * `scratch` is unused since the two-stage split and kept for callers' convenience.
 */
export function detectorPass(
  integral: Float32Array,
  mask: FieldMask,
  params: DetectorParams,
  noise: Float32Array,
  noiseOffset: number,
  _scratch: Float32Array,
  out: Uint8Array,
  detectorSizeMm = 230,
  collimation?: Collimation,
): void {
  const n = mask.sizePx;
  const enhanced = enhanceMap(integral, n, params.edgeGain);
  developMap(enhanced, n, params, noise, noiseOffset, out, shutterFractions(detectorSizeMm, collimation, mask));
}

/** Shutter half-sizes as fractions of the field diameter (from a collimation, or read off a mask). */
function shutterFractions(
  detectorSizeMm: number,
  collimation: Collimation | undefined,
  mask: FieldMask,
): [number, number] {
  if (collimation) return [collimation.halfWidthMm / detectorSizeMm, collimation.halfHeightMm / detectorSizeMm];
  // Recover the shutter edges from the mask's centre row and column.
  const n = mask.sizePx;
  const c = Math.floor(n / 2);
  let ix = c;
  while (ix + 1 < n && mask.region[c * n + ix + 1] === EXPOSED) ix++;
  let jy = c;
  while (jy - 1 >= 0 && mask.region[(jy - 1) * n + c] === EXPOSED) jy--;
  return [(ix + 1) / n - 0.5, 0.5 - jy / n];
}

/** Stage 2 over an already enhanced map (the per-frame part; same as the shader at map resolution). */
export function developMap(
  enhanced: Float32Array,
  n: number,
  params: DetectorParams,
  noise: Float32Array,
  noiseOffset: number,
  out: Uint8Array,
  shutter: readonly [number, number],
): void {
  const len = noise.length;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const g = developValue(
        enhanced[k],
        noise[(k + noiseOffset) % len],
        params,
        (i + 0.5) / n - 0.5,
        0.5 - (j + 0.5) / n,
        shutter[0],
        shutter[1],
      );
      const byte = Math.round(g * 255);
      const o = k * 4;
      out[o] = byte;
      out[o + 1] = byte;
      out[o + 2] = byte;
      out[o + 3] = 255;
    }
  }
}
