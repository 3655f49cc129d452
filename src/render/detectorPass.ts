import { isInField, type Collimation } from '../../sim/imaging/collimation';
import { pixelToDetector } from './lineIntegralMap';

/**
 * The detector and display chain, on the CPU (pure; see README for why not a shader):
 * Beer-Lambert transmission with quantum noise, a logarithmic response windowed by the automatic
 * brightness control, mild edge enhancement, vignetting, the round image-intensifier field and
 * the collimator shutters. Dense is dark on a light field unless inverted.
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
const VIGNETTE = 0.3;
/** Grey level behind the shutters: lead blocks the beam, only scatter reaches there. */
const SHUTTER_LEVEL = 0.07;

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
 * Automatic brightness/contrast: window the log image between low and high percentiles of the
 * central measuring field, like the II camera's ABC. Computed on the static anatomy so that
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
  return { lo: lo - pad, hi: hi + pad + 1e-6 };
}

export interface DetectorParams {
  readonly window: DisplayWindow;
  /** Quantum noise (sd of the log signal) at mid-window; grows where fewer photons arrive. */
  readonly noiseSigma: number;
  readonly edgeGain: number;
  readonly inverted: boolean;
}

/** Behind dense parts the noise grows at most this much over mid-window (they clip to black anyway). */
const MAX_NOISE_GROWTH = 2.5;
/** Display gamma of the camera/monitor chain (assumed). */
const GAMMA = 0.9;

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

/**
 * Detector pass: integral map -> RGBA pixels. `noise` is a table of N(0,1) deviates read from
 * `noiseOffset` (a fresh offset per frame gives fresh mottle). `scratch` holds N*N floats.
 */
export function detectorPass(
  integral: Float32Array,
  mask: FieldMask,
  params: DetectorParams,
  noise: Float32Array,
  noiseOffset: number,
  scratch: Float32Array,
  out: Uint8Array,
): void {
  const n = mask.sizePx;
  const { lo, hi } = params.window;
  const mid = (lo + hi) / 2;
  const span = hi - lo;
  const len = noise.length;
  // 1. Unsharpness of focal spot and intensifier: a 3x3 binomial blur of the line integrals.
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      if (mask.region[k] !== EXPOSED) {
        scratch[k] = 0;
        continue;
      }
      let sum = 0;
      let weight = 0;
      for (let dj = -1; dj <= 1; dj++) {
        const jj = j + dj;
        if (jj < 0 || jj >= n) continue;
        for (let di = -1; di <= 1; di++) {
          const ii = i + di;
          if (ii < 0 || ii >= n || mask.region[jj * n + ii] !== EXPOSED) continue;
          const w = (2 - Math.abs(di)) * (2 - Math.abs(dj));
          sum += w * integral[jj * n + ii];
          weight += w;
        }
      }
      scratch[k] = sum / weight;
    }
  }
  // 2. Noisy transmission in the log domain: photon count ~ exp(-A), so sd ~ exp((A - mid) / 2).
  for (let k = 0; k < n * n; k++) {
    if (mask.region[k] !== EXPOSED) continue;
    const a = scratch[k];
    const sigma = params.noiseSigma * Math.min(MAX_NOISE_GROWTH, Math.exp((a - mid) / 2));
    const noisy = a + sigma * noise[(k + noiseOffset) % len];
    const s = (hi - noisy) / span;
    scratch[k] = s < 0 ? 0 : s > 1 ? 1 : s;
  }
  // 3. Edge enhancement (unsharp mask, 3x3 box), vignetting, inversion, shutters, output.
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      let g: number;
      const region = mask.region[k];
      if (region === OUTSIDE) g = 0;
      else if (region === SHUTTERED) g = SHUTTER_LEVEL * mask.gain[k];
      else {
        let sum = 0;
        let cnt = 0;
        for (let dj = -1; dj <= 1; dj++) {
          const jj = j + dj;
          if (jj < 0 || jj >= n) continue;
          for (let di = -1; di <= 1; di++) {
            const ii = i + di;
            if (ii < 0 || ii >= n || mask.region[jj * n + ii] !== EXPOSED) continue;
            sum += scratch[jj * n + ii];
            cnt++;
          }
        }
        let s = scratch[k] + params.edgeGain * (scratch[k] - sum / cnt);
        s = s < 0 ? 0 : s > 1 ? 1 : s;
        if (params.inverted) s = 1 - s;
        g = Math.pow(s, GAMMA) * mask.gain[k];
      }
      const byte = Math.round(g * 255);
      const o = k * 4;
      out[o] = byte;
      out[o + 1] = byte;
      out[o + 2] = byte;
      out[o + 3] = 255;
    }
  }
}
