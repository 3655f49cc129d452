import type { Anatomy, EndplateLift } from '../../anatomy/types';
import { createAttenuationField, type SampledAttenuationField } from '../../anatomy/attenuation';
import type { AttenuationField } from '../beamPath';
import type { CArmPose } from '../carmPose';
import { DEFAULT_COLLIMATION } from '../collimation';
import { createProjection, type Projection } from '../projection';
import { autoWindow, createFieldMask, EDGE_GAIN, enhanceMap, type DisplayWindow } from './detectorPass';
import { noiseGrowthMap } from './frameMap';
import { addScatter } from './scatter';
import { computeLineIntegralMap, DEFAULT_STEPS, samplingBoxes, type LineIntegralOptions } from './lineIntegralMap';

/** The cached, per-pose part of an image: the anatomy's line-integral map and the grey range it is displayed with. */
export interface StaticProjection {
  readonly key: string;
  readonly sizePx: number;
  /** The primary line integrals (ray sums through the anatomy), before scatter. */
  readonly map: Float32Array;
  /**
   * The map with scatter (scatter.ts: -ln(primary + scatter)); the map itself for a lift delta, a
   * difference that gets none. What the window and the enhanced map are made from.
   */
  readonly detected: Float32Array;
  /** `detected` after the detector's blur and edge enhancement (stage 1 of detectorPass.ts): what the shader reads. */
  readonly enhanced: Float32Array;
  readonly window: DisplayWindow;
  /** Quantum-noise growth over the enhanced map (frameMap.ts: noiseGrowthMap). */
  readonly noiseGrowth: Float32Array;
  /** Line integral at the image centre (drives the made-up kV/mA of the overlay). */
  readonly centreIntegral: number;
}

const fields = new WeakMap<Anatomy, { liftKey: string; field: SampledAttenuationField }>();

/**
 * The attenuation field of an anatomy and lift, built once and reused for every projection of it:
 * building one compiles the anatomy (the classifier grid, ~100 ms cold, is kept per anatomy), and a fresh closure per
 * projection would also make V8 re-optimise the ray loop (its call target changes).
 */
export function attenuationFieldFor(anatomy: Anatomy, lift: EndplateLift): SampledAttenuationField {
  const liftKey = `${lift.anteriorMm}|${lift.middleMm}`;
  const hit = fields.get(anatomy);
  if (hit && hit.liftKey === liftKey) return hit.field;
  const field = createAttenuationField(anatomy, lift);
  fields.set(anatomy, { liftKey, field });
  return field;
}

/** Cache key of a static projection: pose geometry plus the endplate lift (0.1 mm). */
export function staticKey(poseKey: string, lift: EndplateLift, sizePx: number): string {
  return `${poseKey}|${lift.anteriorMm.toFixed(1)}|${lift.middleMm.toFixed(1)}|${sizePx}`;
}

/**
 * A resumable projection of the static anatomy: `run(rows)` computes the next rows and says
 * whether it is done, so the caller can spread the work over frames (or run it all in a worker).
 */
export class StaticProjectionJob {
  private row = 0;
  private readonly map: Float32Array;
  private readonly field: AttenuationField;
  private readonly options: LineIntegralOptions;
  private readonly projection: Projection;

  constructor(
    readonly key: string,
    anatomy: Anatomy,
    lift: EndplateLift,
    pose: CArmPose,
    readonly sizePx: number,
    readonly detectorSizeMm: number,
    field?: AttenuationField,
  ) {
    this.map = new Float32Array(sizePx * sizePx);
    this.field = field ?? attenuationFieldFor(anatomy, lift);
    this.options = { sizePx, ...samplingBoxes(anatomy), ...DEFAULT_STEPS };
    this.projection = createProjection(pose, detectorSizeMm);
  }

  /** Compute up to `rows` more rows; true when the map is complete. */
  run(rows: number): boolean {
    const end = Math.min(this.sizePx, this.row + rows);
    computeLineIntegralMap(this.field, this.projection, this.options, this.map, this.row, end);
    this.row = end;
    return this.row >= this.sizePx;
  }

  /** The finished projection (call after run() returned true). */
  result(): StaticProjection {
    return finishStaticProjection(this.key, this.sizePx, this.detectorSizeMm, this.map);
  }
}

/**
 * Rows [rowStart, rowEnd) of a static projection as their own array: the unit of work of one
 * projection worker when several share a pose.
 */
export function projectRows(
  anatomy: Anatomy,
  lift: EndplateLift,
  pose: CArmPose,
  sizePx: number,
  detectorSizeMm: number,
  rowStart: number,
  rowEnd: number,
): Float32Array {
  const full = new Float32Array(sizePx * sizePx);
  const options = { sizePx, ...samplingBoxes(anatomy), ...DEFAULT_STEPS };
  computeLineIntegralMap(
    attenuationFieldFor(anatomy, lift),
    createProjection(pose, detectorSizeMm),
    options,
    full,
    rowStart,
    rowEnd,
  );
  return full.slice(rowStart * sizePx, rowEnd * sizePx);
}

/**
 * Scatter, window, enhanced map and centre integral of a finished line-integral map. A lift delta
 * (`part` 'liftDelta', a difference map added to a static one) gets no scatter of its own: the
 * pose's static map carries it, and the delta's contrast is the primary's (slightly too high in a
 * thick patient, over the few mm of a lifted endplate).
 */
export function finishStaticProjection(
  key: string,
  sizePx: number,
  detectorSizeMm: number,
  map: Float32Array,
  part: 'static' | 'liftDelta' = 'static',
): StaticProjection {
  const n = sizePx;
  // The ABC measures a fixed central field, whatever the trainee's shutters (which are inside it or close).
  const mask = createFieldMask(n, detectorSizeMm, DEFAULT_COLLIMATION);
  const c = Math.floor(n / 2);
  const detected = part === 'static' ? addScatter(map, n, detectorSizeMm).map : map;
  const enhanced = enhanceMap(detected, n, EDGE_GAIN);
  const displayWindow = autoWindow(detected, mask);
  return {
    key,
    sizePx: n,
    map,
    detected,
    enhanced,
    window: displayWindow,
    noiseGrowth: noiseGrowthMap(enhanced, displayWindow),
    centreIntegral: (map[c * n + c] + map[(c - 1) * n + c - 1]) / 2,
  };
}
