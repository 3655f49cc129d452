import type { Anatomy } from '../../sim/anatomy';
import type { Side } from '../../sim/core';
import { DETECTOR_DIAMETER_MM, poseKey } from '../../sim/imaging';
import { DEFAULT_COLLIMATION } from '../../sim/imaging';
import { relativeNoise } from '../../sim/imaging';
import { createProjection } from '../../sim/imaging';
import { createRng } from '../../sim/math';
import type { FilmFrame } from '../../sim/attempt';
import { developValue, gaussianTable } from '../../sim/imaging';
import { FrameMapBuilder } from '../../sim/imaging';
import { BASE_NOISE_SIGMA, MAP_PX } from '../../sim/imaging';
import { poseForView } from '../../sim/imaging';
import { shapesFromSnapshot } from '../../sim/imaging';
import { sampleMapBilinear } from '../../sim/imaging';
import { StaticProjectionJob, staticKey, type StaticProjection } from '../../sim/imaging';
import { revealOverlay, type RevealOverlay } from './revealOverlay';

/** One re-made image: grey levels row by row (0 black .. 255 white), and its reveal overlay. */
export interface FilmImage {
  readonly index: number;
  readonly sizePx: number;
  readonly grey: Uint8Array;
  readonly reveal: RevealOverlay;
}

/**
 * The cement reveal mode outlines: all of it in the body, and leaked cement where a leak was
 * reported (seepage below the visible 0.05 mL is not a leak, so it is not drawn as one).
 */
function revealedCement(s: FilmFrame['state']): FilmFrame['state']['cement']['deposits'] {
  const leaked = new Set<string>(s.cement.leaks.map((l) => l.location));
  return s.cement.deposits.filter((d) => d.location === 'body' || leaked.has(d.location));
}

/** Static projections kept (per pose, field and lift); an attempt seldom has more distinct ones. */
const CACHE_ENTRIES = 24;

/**
 * Re-makes the images an attempt took from its replay (sim/attempt/replayFilm.ts) with the CPU reference of
 * the browser's imaging chain (sim/imaging/radiograph/renderStill.ts: static projection of the anatomy with the
 * lift, the moving parts' chords, quantum noise, the detector's develop step per display pixel).
 * The noise is seeded by the frame's tick, so the same attempt always gives the same pixels. The
 * images are what the trainee's monitor held, up to the mottle of the noise (the browser draws a
 * fresh random mottle per frame) and the GPU's filtering (within 2 grey levels, xray-pixels.spec).
 * Pixels are not stored in the attempt: they are re-made, so an imported attempt has its images.
 */
export class FilmImager {
  private readonly cache = new Map<string, StaticProjection>();
  private readonly frames: FrameMapBuilder;

  constructor(
    private readonly anatomy: Anatomy,
    /** The sides whose ideal trajectory reveal mode draws. */
    private readonly sides: readonly Side[],
    private readonly displayPx = 320,
    private readonly mapPx = MAP_PX,
  ) {
    this.frames = new FrameMapBuilder(mapPx);
  }

  render(frame: FilmFrame): FilmImage {
    const s = frame.state;
    const snapshot = { ...s, anatomy: this.anatomy };
    const pose = poseForView(snapshot, frame.view);
    const zoom = s.carm.zoom > 0 ? s.carm.zoom : 1;
    const detectorSizeMm = DETECTOR_DIAMETER_MM / zoom;
    const collimation = s.carm.collimation ?? DEFAULT_COLLIMATION;
    const lift = s.height.lift;
    const key = `${staticKey(poseKey(pose), lift, this.mapPx)}|${detectorSizeMm.toFixed(1)}`;
    let sp = this.cache.get(key);
    if (!sp) {
      const job = new StaticProjectionJob(key, this.anatomy, lift, pose, this.mapPx, detectorSizeMm);
      job.run(this.mapPx);
      sp = job.result();
      if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, sp);
    }
    const projection = createProjection(pose, detectorSizeMm);
    const n = this.mapPx;
    const map = this.frames.build(sp.enhanced, projection, shapesFromSnapshot(snapshot));
    const rng = createRng(frame.tick * 2 + (frame.view === 'AP' ? 0 : 1));
    this.frames.addNoise(
      sp.noiseGrowth,
      gaussianTable(n * n, rng.next),
      0,
      BASE_NOISE_SIGMA * relativeNoise(s.carm.mode),
      sp.window,
    );
    const params = { window: sp.window, noiseSigma: 0, edgeGain: 0, inverted: false };
    const size = this.displayPx;
    const sx = collimation.halfWidthMm / detectorSizeMm;
    const sy = collimation.halfHeightMm / detectorSizeMm;
    const grey = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const u = (x + 0.5) / size;
        const v = (y + 0.5) / size;
        grey[y * size + x] = Math.round(
          developValue(sampleMapBilinear(map, n, u, v), 0, params, u - 0.5, 0.5 - v, sx, sy) * 255,
        );
      }
    }
    return {
      index: frame.index,
      sizePx: size,
      grey,
      reveal: revealOverlay(this.anatomy, lift, projection, this.sides, revealedCement(s)),
    };
  }
}
