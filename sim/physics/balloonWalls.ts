import { bodyRimSegments, pedicleCoreAt } from './bodyRim';
import { posteriorConcaveHalfWidthMm, wallInsetMm } from '../anatomy/bodyWaist';
import type { Anatomy } from '../anatomy/types';

/** Which part of the target body's rim a wall segment is: its cortex by outward normal, or a pedicle's core opening. */
export type BalloonWallId = 'lateral' | 'anterior' | 'posterior' | 'opening';

/** One rim segment in the axial plane (matter's x = patient x, matter's y = patient z): a thin rectangle. */
export interface BalloonWall {
  readonly id: BalloonWallId;
  readonly cx: number;
  readonly cz: number;
  readonly lengthMm: number;
  readonly thicknessMm: number;
  readonly angleRad: number;
}

/** Thinnest wall built, mm: thinner would let a ring particle tunnel through in one step. */
const MIN_THICKNESS_MM = 1;

/**
 * The target body's cortical rim cut by the axial plane at height y, as the balloon's ring meets it
 * (sim/physics/README.md, Balloon world). Built like wallSensors.ts builds the trocar's rim (same
 * footprint, same 64 segments, cortex thickness inward, labelled by outward normal), with two
 * differences: every segment is built whatever the height (the balloon sits between the endplates,
 * and a wedge that drops the anterior plate below the plane must not open a hole in the ring's
 * world), and where a pedicle's core joins the body the segment is kept but labelled `opening`: the
 * working cannula fills that channel, so the balloon cannot inflate back into the pedicle, but
 * pressing there is not pressing on cortex.
 */
export function balloonWallsAt(anatomy: Anatomy, y: number): BalloonWall[] {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const inPedicleCore = pedicleCoreAt(v, y, true);
  const thick = Math.max(MIN_THICKNESS_MM, v.cortexMm);
  const concave = posteriorConcaveHalfWidthMm(v);
  const out: BalloonWall[] = [];
  for (const seg of bodyRimSegments(v)) {
    const id: BalloonWallId = inPedicleCore(v.centre.x + seg.mx, v.centre.z + seg.mz) ? 'opening' : seg.facing;
    // The inner face lies cortexMm inside the wall, whatever thickness the body is built with, and the
    // wall stands inside the footprint's rim by the body's waist and posterior concavity at this
    // height (anatomy/bodyWaist.ts): the ring meets the cortex where the images, tissueAt and breach
    // detection put it. At the balloon's usual height that is ~1.5 mm nearer in front and at the
    // sides; what that did to the anterior squeeze is in sim/instruments/balloonThresholds.ts.
    const inset =
      wallInsetMm(y, v.centre.y, v.intactHeightMm / 2, seg.mx, seg.mz, concave, v.bodyDepthMm / 2) +
      v.cortexMm -
      thick / 2;
    out.push({
      id,
      cx: v.centre.x + seg.mx - seg.nx * inset,
      cz: v.centre.z + seg.mz - seg.nz * inset,
      lengthMm: seg.lengthMm + 0.4,
      thicknessMm: thick,
      angleRad: seg.angleRad,
    });
  }
  return out;
}
