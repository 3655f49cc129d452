import type { Anatomy, EndplateLift } from '../../anatomy/types';
import { createAttenuationField } from '../../anatomy/attenuation';
import { superiorYAt, makeEndplateProfile } from '../../anatomy/endplateProfile';
import type { AttenuationField } from '../beamPath';
import type { CArmPose } from '../carmPose';
import { createProjection } from '../projection';
import { computeLineIntegralMap, type Box } from './lineIntegralMap';

/**
 * The balloon's lifted endplate as a moving part ("each frame draws only what moves").
 * The static projection is made once per C-arm pose with no lift; the lift changes the anatomy only
 * in a thin slab around the target's superior endplate (the endplate cortex, the subchondral and
 * impaction bands that follow it, and the disc above it). Its effect on the image is the line
 * integral of (mu with the lift - mu without) through that slab: a small projection of a small box,
 * recomputed when the lift changes and added to the static map. Static + delta equals the
 * projection of the lifted anatomy (tests/unit/liftDelta.test.ts), without re-projecting the torso.
 */

export const NO_LIFT: EndplateLift = { anteriorMm: 0, middleMm: 0 };

/** Step along rays inside the slab, mm: the static map's spine step (sample positions are jittered per pixel the same way). */
const DELTA_STEP_MM = 1;
/**
 * Margins of the slab around the superior endplate surfaces with and without the lift, mm: below,
 * the bands that hang from the endplate (0.8 mm cortex, 1.5 mm subchondral, impaction band, the
 * fracture detail drawn relative to it) with room to spare; above, the disc's floor; sideways, the
 * footprints of the target and its upper neighbour (the disc test uses both).
 */
const BELOW_MM = 12;
const ABOVE_MM = 2;
const SIDE_MM = 4;

/** Whether a lift changes anything (the classifier ignores lifts <= 0). */
export function hasLift(lift: EndplateLift): boolean {
  return lift.anteriorMm > 0 || lift.middleMm > 0;
}

/** The box outside which the anatomy is the same with and without this lift. */
export function liftRegion(anatomy: Anatomy, lift: EndplateLift): Box {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const above = anatomy.vertebrae[anatomy.targetIndex - 1];
  const halfX = Math.max(v.bodyWidthMm, above?.bodyWidthMm ?? 0) / 2 + SIDE_MM;
  const halfZ = Math.max(v.bodyDepthMm, above?.bodyDepthMm ?? 0) / 2 + SIDE_MM;
  const x0 = Math.min(v.centre.x, above?.centre.x ?? v.centre.x) - halfX;
  const x1 = Math.max(v.centre.x, above?.centre.x ?? v.centre.x) + halfX;
  const z0 = Math.min(v.centre.z, above?.centre.z ?? v.centre.z) - halfZ;
  const z1 = Math.max(v.centre.z, above?.centre.z ?? v.centre.z) + halfZ;
  const flat = makeEndplateProfile(v);
  const lifted = makeEndplateProfile(v, lift);
  let lo = Infinity;
  let hi = -Infinity;
  // The surfaces over the whole box (they are smooth: a 1 mm grid and the margins cover them).
  for (let x = x0; x <= x1 + 1e-9; x += 1) {
    for (let z = z0; z <= z1 + 1e-9; z += 1) {
      const a = superiorYAt(flat, x - v.centre.x, z - v.centre.z);
      const b = superiorYAt(lifted, x - v.centre.x, z - v.centre.z);
      lo = Math.min(lo, a, b);
      hi = Math.max(hi, a, b);
    }
  }
  return { min: { x: x0, y: lo - BELOW_MM, z: z0 }, max: { x: x1, y: hi + ABOVE_MM, z: z1 } };
}

const deltaFields = new WeakMap<Anatomy, { key: string; field: AttenuationField }>();

/** The delta field of an anatomy and lift, built once and reused (a worker asks for the same lift once per band). */
function deltaFieldFor(anatomy: Anatomy, lift: EndplateLift): AttenuationField {
  const key = `${lift.anteriorMm}|${lift.middleMm}`;
  const hit = deltaFields.get(anatomy);
  if (hit?.key === key) return hit.field;
  const field = liftDeltaField(anatomy, lift);
  deltaFields.set(anatomy, { key, field });
  return field;
}

/** mu(lifted) - mu(not lifted), 1/mm, inside the region; 0 outside. */
export function liftDeltaField(anatomy: Anatomy, lift: EndplateLift): AttenuationField {
  const withLift = createAttenuationField(anatomy, lift);
  const without = createAttenuationField(anatomy, NO_LIFT);
  const r = liftRegion(anatomy, lift);
  return (x, y, z) =>
    x < r.min.x || x > r.max.x || y < r.min.y || y > r.max.y || z < r.min.z || z > r.max.z
      ? 0
      : withLift(x, y, z) - without(x, y, z);
}

/**
 * Rows [rowStart, rowEnd) of the lift's delta map (line integrals, 1) for one pose: rays are
 * clipped to the region, so a pixel whose ray misses it costs one box test.
 */
export function projectLiftDeltaRows(
  anatomy: Anatomy,
  lift: EndplateLift,
  pose: CArmPose,
  sizePx: number,
  detectorSizeMm: number,
  rowStart: number,
  rowEnd: number,
): Float32Array {
  const full = new Float32Array(sizePx * sizePx);
  if (hasLift(lift)) {
    const region = liftRegion(anatomy, lift);
    const options = {
      sizePx,
      bounds: region,
      fineBounds: region,
      fineStepMm: DELTA_STEP_MM,
      coarseStepMm: DELTA_STEP_MM,
    };
    computeLineIntegralMap(
      deltaFieldFor(anatomy, lift),
      createProjection(pose, detectorSizeMm),
      options,
      full,
      rowStart,
      rowEnd,
    );
  }
  return full.slice(rowStart * sizePx, rowEnd * sizePx);
}
