import type { Anatomy, EndplateLift } from '../../anatomy/types';
import { sampleMapBilinear } from './sampleMapBilinear';
import type { CArmPose } from '../carmPose';
import type { Collimation } from '../collimation';
import { createProjection } from '../projection';
import { developValue, gaussianTable } from './detectorPass';
import { FrameMapBuilder } from './frameMap';
import type { RadiopaqueShape } from './radiopaqueShapes';
import { StaticProjectionJob, type StaticProjection } from './staticProjection';

export interface StillOptions {
  readonly mapPx: number;
  readonly displayPx: number;
  readonly detectorSizeMm: number;
  readonly collimation: Collimation;
  /** Quantum noise sd at mid-window (0: none). */
  readonly noiseSigma: number;
  /** Uniform source for the noise (seeded in tests). */
  readonly uniform: () => number;
  readonly inverted?: boolean;
}

/**
 * One fluoroscopy frame on the CPU, exactly as the browser makes it (static projection, frame map
 * with the moving parts and noise, then `developValue` per display pixel from the bilinearly
 * sampled map, like the shader's linear filtering). Pure: tests and scripts write it as a PNG.
 */
export function renderStill(
  anatomy: Anatomy,
  lift: EndplateLift,
  pose: CArmPose,
  shapes: readonly RadiopaqueShape[],
  o: StillOptions,
): { grey: Uint8Array; projection: StaticProjection } {
  const n = o.mapPx;
  const job = new StaticProjectionJob('still', anatomy, lift, pose, n, o.detectorSizeMm);
  job.run(n);
  const sp = job.result();
  const frames = new FrameMapBuilder(n);
  frames.build(sp.enhanced, createProjection(pose, o.detectorSizeMm), shapes);
  frames.addNoise(sp.noiseGrowth, gaussianTable(n * n, o.uniform), 0, o.noiseSigma, sp.window);
  const map = frames.map;
  const params = { window: sp.window, noiseSigma: 0, edgeGain: 0, inverted: o.inverted ?? false };
  const size = o.displayPx;
  const sx = o.collimation.halfWidthMm / o.detectorSizeMm;
  const sy = o.collimation.halfHeightMm / o.detectorSizeMm;
  const grey = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      const a = sampleMapBilinear(map, n, u, v);
      grey[y * size + x] = Math.round(developValue(a, 0, params, u - 0.5, 0.5 - v, sx, sy) * 255);
    }
  }
  return { grey, projection: sp };
}
