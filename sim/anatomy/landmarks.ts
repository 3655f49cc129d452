import type { Vec3 } from '../math/vec3';
import { compilePedicle, type CompiledPedicle } from './compileAnatomy';
import { endplatesAt } from './endplatesAt';
import { bodyWallInsetAt } from './bodyWaist';
import { footprintSignedDistance } from './footprint';
import type { Anatomy, EndplateLift, VertebraGeometry } from './types';

/** Pedicle-local coordinates: t along the axis from the anterior centre (posterior +), w lateral, v cranial. */
export interface PedicleLocal {
  readonly t: number;
  readonly w: number;
  readonly v: number;
}

/** Express a point in a pedicle's local frame. */
export function pedicleLocal(p: CompiledPedicle, q: Vec3): PedicleLocal {
  const dx = q.x - p.ax;
  const dz = q.z - p.az;
  return { t: dx * p.ux + dz * p.uz, w: dx * p.nx + dz * p.nz, v: q.y - p.y };
}

/** The compiled pedicle of a vertebra on one side. */
export function pedicleOf(v: VertebraGeometry, side: 'left' | 'right'): CompiledPedicle {
  return compilePedicle(v.pedicles[side === 'left' ? 0 : 1]);
}

/** The posterior wall as the lateral view shows it: its most posterior line, z. */
export function posteriorWallLineZ(v: VertebraGeometry): number {
  return v.centre.z + v.bodyDepthMm / 2;
}

/** |x| of the pedicle oval's medial border on the AP view (the most medial point of its outer wall). */
export function pedicleMedialBorderX(v: VertebraGeometry, side: 'left' | 'right'): number {
  const p = v.pedicles[side === 'left' ? 0 : 1];
  return Math.min(Math.abs(p.anteriorCentre.x), Math.abs(p.posteriorCentre.x)) - p.widthMm / 2;
}

/** Distance (mm) inside the body's outer surface (sides and endplates), negative outside. */
export function depthInsideBody(v: VertebraGeometry, q: Vec3, lift?: EndplateLift): number {
  // The wall stands inside the footprint's rim by the waist and the posterior concavity (bodyWaist.ts).
  const side =
    -footprintSignedDistance(q.x - v.centre.x, q.z - v.centre.z, v.bodyWidthMm / 2, v.bodyDepthMm / 2) -
    bodyWallInsetAt(v, q.x, q.y, q.z);
  const ep = endplatesAt(v, q.x, q.z, lift);
  if (!ep) return side;
  return Math.min(side, ep.superiorY - q.y, q.y - ep.inferiorY);
}

/**
 * The target zone (docs/clinical-sources.md Technique: anterior third, paramedian, anterior cortex
 * intact): inside the target body by at least its cortex, in the anterior third of its depth, and
 * within the central half of its width.
 */
export function inTargetZone(anatomy: Anatomy, q: Vec3): boolean {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const lz = q.z - v.centre.z;
  const b = v.bodyDepthMm / 2;
  return lz <= -b / 3 && Math.abs(q.x - v.centre.x) <= v.bodyWidthMm / 4 && depthInsideBody(v, q) >= v.cortexMm;
}

/** Tip at least 1 mm anterior to the posterior wall line and inside the target body. */
export function pastPosteriorWall(anatomy: Anatomy, q: Vec3): boolean {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  return q.z <= posteriorWallLineZ(v) - 1 && depthInsideBody(v, q) >= 0;
}
