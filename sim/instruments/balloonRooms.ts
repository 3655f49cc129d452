import type { VertebraGeometry } from '../anatomy/types';
import type { Vec3 } from '../math/vec3';
import { cancellousSpanAt, distanceToShellMm, liftableAtMm } from './endplateGeometry';

/** Room (mm) around a balloon before it meets bone it cannot crush: endplates and cortex. */
export interface BalloonRooms {
  /** From the balloon axis up to the superior endplate's inner face, and down to the inferior one. */
  readonly upMm: number;
  readonly downMm: number;
  /** Sideways (horizontal, perpendicular to the axis) to the shell on each side. */
  readonly sideAMm: number;
  readonly sideBMm: number;
  /** From the distal marker forward to the anterior / lateral shell. */
  readonly aheadMm: number;
  /** Height the fracture took at the balloon's depth (what lifting can give back), mm. */
  readonly lostAtBalloonMm: number;
}

/** Rooms in the balloon's axial plane, measured to the cortex bodies the ring meets (sim/physics/balloonWorld.ts); null where no wall was found. */
export interface PlaneRooms {
  readonly sideAMm: number | null;
  readonly sideBMm: number | null;
  readonly aheadMm: number | null;
}

/**
 * Rooms for a balloon centred at `centre`, distal marker at `tip`, along unit `axis`, with endplate
 * restoration t. Up and down come from the endplates (3D); sideways and ahead from `plane` (where
 * the balloon's ring meets the rim in its matter world, the footprint the anatomy draws) when
 * given, else from the elliptic-cylinder shell.
 */
export function balloonRooms(
  v: VertebraGeometry,
  centre: Vec3,
  tip: Vec3,
  axis: Vec3,
  t: number,
  plane?: PlaneRooms,
): BalloonRooms {
  const span = cancellousSpanAt(v, centre, t);
  const h = Math.hypot(axis.x, axis.z);
  // Horizontal direction of the axis and its horizontal normal (x/z plane); a vertical axis falls back to x.
  const ux = h > 1e-9 ? axis.x / h : 0;
  const uz = h > 1e-9 ? axis.z / h : -1;
  return {
    upMm: Math.max(0, span.superiorY - centre.y),
    downMm: Math.max(0, centre.y - span.inferiorY),
    sideAMm: plane?.sideAMm ?? distanceToShellMm(v, centre, uz, -ux),
    sideBMm: plane?.sideBMm ?? distanceToShellMm(v, centre, -uz, ux),
    aheadMm: plane?.aheadMm ?? distanceToShellMm(v, tip, ux, uz),
    lostAtBalloonMm: liftableAtMm(v, centre),
  };
}
