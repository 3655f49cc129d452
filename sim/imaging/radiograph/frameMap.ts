import type { Projection } from '../projection';
import { blurRegion, MAX_NOISE_GROWTH, noisyIntegral, type DisplayWindow } from './detectorPass';
import type { RadiopaqueShape } from './radiopaqueShapes';
import { addShapeIntegrals } from './shapeIntegrals';

/**
 * The line-integral map of one frame: the cached, enhanced static anatomy plus the moving parts
 * (instruments, balloon, cement), whose exact chords are computed only inside their projected
 * bounding boxes and blurred there (the detector's unsharpness; see detectorPass.ts). Buffers are
 * reused between frames, so a frame allocates nothing.
 */
export class FrameMapBuilder {
  private readonly dynamic: Float32Array;
  private readonly blurred: Float32Array;
  readonly map: Float32Array;
  /** Pixels changed by the moving parts in the last build (inclusive), or null. */
  private box: { i0: number; j0: number; i1: number; j1: number } | null = null;

  constructor(readonly sizePx: number) {
    this.dynamic = new Float32Array(sizePx * sizePx);
    this.blurred = new Float32Array(sizePx * sizePx);
    this.map = new Float32Array(sizePx * sizePx);
  }

  /** Compose a frame: `enhancedStatic` (N x N) plus `shapes` seen through `projection`. Returns `map`. */
  build(enhancedStatic: Float32Array, projection: Projection, shapes: readonly RadiopaqueShape[]): Float32Array {
    const n = this.sizePx;
    this.map.set(enhancedStatic);
    const box = addShapeIntegrals(this.dynamic, n, projection, shapes);
    this.box = null;
    if (!box) return this.map;
    const i0 = Math.max(0, box.i0 - 1);
    const j0 = Math.max(0, box.j0 - 1);
    const i1 = Math.min(n - 1, box.i1 + 1);
    const j1 = Math.min(n - 1, box.j1 + 1);
    this.box = { i0, j0, i1, j1 };
    blurRegion(this.dynamic, this.blurred, n, i0, j0, i1, j1);
    for (let j = j0; j <= j1; j++) {
      for (let k = j * n + i0; k <= j * n + i1; k++) {
        this.map[k] += this.blurred[k];
        this.dynamic[k] = 0;
      }
    }
    return this.map;
  }

  /**
   * Add quantum noise to the last built map: exactly `addQuantumNoise` (detectorPass.ts), but
   * fast: outside the moving parts' box the noise growth comes from the pose's cached
   * `noiseGrowth` map (min(2.5, exp((a - mid) / 2)) of the static map), inside it is recomputed.
   */
  addNoise(
    noiseGrowth: Float32Array,
    noise: Float32Array,
    noiseOffset: number,
    noiseSigma: number,
    displayWindow: DisplayWindow,
  ): void {
    if (noiseSigma === 0) return;
    const map = this.map;
    const len = noise.length;
    const total = map.length;
    // Two runs instead of a modulo per pixel: table[(k + offset) % len].
    const split = Math.min(total, len - (noiseOffset % len));
    const off = noiseOffset % len;
    for (let k = 0; k < split; k++) map[k] += noiseSigma * noiseGrowth[k] * noise[k + off];
    for (let k = split; k < total; k++) map[k] += noiseSigma * noiseGrowth[k] * noise[k + off - len];
    const b = this.box;
    if (!b) return;
    const n = this.sizePx;
    for (let j = b.j0; j <= b.j1; j++) {
      for (let k = j * n + b.i0; k <= j * n + b.i1; k++) {
        const nz = noise[(k + off) % len];
        // Undo the static-growth noise, then apply the exact one for the composed integral.
        const a = map[k] - noiseSigma * noiseGrowth[k] * nz;
        map[k] = noisyIntegral(a, nz, noiseSigma, displayWindow);
      }
    }
  }
}

/** The noise growth of a static map (see FrameMapBuilder.addNoise). */
export function noiseGrowthMap(enhanced: Float32Array, displayWindow: DisplayWindow): Float32Array {
  const mid = (displayWindow.lo + displayWindow.hi) / 2;
  return enhanced.map((a) => Math.min(MAX_NOISE_GROWTH, Math.exp((a - mid) / 2)));
}
