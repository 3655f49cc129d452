import type { Anatomy, EndplateLift, VertebraGeometry } from '../anatomy/types';
import type { Vec3 } from '../math/vec3';
import { endplatesAt } from '../anatomy/endplatesAt';
import { posteriorConcaveHalfWidthMm, wallInsetMm } from '../anatomy/bodyWaist';

/**
 * Where the target body's endplates are, as the balloon and the height model see them.
 *
 * The endplate surfaces come from sim/anatomy's endplatesAt (one description of the anatomy). The
 * balloon's lift is a restoration fraction t in [0, 1]: EndplateLift = t x the height lost at the
 * anterior cortex and mid-body, so it can never exceed the intact height. The 1-D profile below
 * (linear in z between anterior, middle and posterior heights, inferior endplate at its intact
 * place) is only a fallback for points outside the footprint, where endplatesAt returns null.
 */

/** The target vertebra of an anatomy. */
export const targetVertebra = (anatomy: Anatomy): VertebraGeometry => anatomy.vertebrae[anatomy.targetIndex];

/** Fractured body height (mm) at depth z (patient frame), before any lift. */
export function fracturedHeightAtMm(v: VertebraGeometry, z: number): number {
  const half = v.bodyDepthMm / 2;
  const zr = Math.max(-half, Math.min(half, z - v.centre.z));
  if (zr <= 0) {
    const t = (zr + half) / half;
    return v.anteriorHeightMm + (v.middleHeightMm - v.anteriorHeightMm) * t;
  }
  const t = zr / half;
  return v.middleHeightMm + (v.posteriorHeightMm - v.middleHeightMm) * t;
}

/** Height lost to the fracture (mm) at depth z. */
const lostHeightAtMm = (v: VertebraGeometry, z: number): number =>
  Math.max(0, v.intactHeightMm - fracturedHeightAtMm(v, z));

/** Lift of the superior endplate (mm) at depth z for a restoration fraction t in [0, 1]. */
const liftAtMm = (v: VertebraGeometry, z: number, t: number): number => t * lostHeightAtMm(v, z);

/** The EndplateLift (anterior and mid-body, mm) for a restoration fraction t. */
export function liftFromFraction(v: VertebraGeometry, t: number): EndplateLift {
  const tc = Math.max(0, Math.min(1, t));
  return {
    anteriorMm: tc * Math.max(0, v.intactHeightMm - v.anteriorHeightMm),
    middleMm: tc * Math.max(0, v.intactHeightMm - v.middleHeightMm),
  };
}

/** Inner (cancellous) limits of the body at a point: y of the superior and inferior endplates' inner faces. */
export function cancellousSpanAt(v: VertebraGeometry, p: Vec3, t: number): { superiorY: number; inferiorY: number } {
  const plates = endplatesAt(v, p.x, p.z, liftFromFraction(v, t));
  const inferior = plates?.inferiorY ?? v.centre.y - v.intactHeightMm / 2;
  const superior = plates?.superiorY ?? inferior + fracturedHeightAtMm(v, p.z) + liftAtMm(v, p.z, t);
  return { superiorY: superior - v.cortexMm, inferiorY: inferior + v.cortexMm };
}

/** How far (mm) the superior endplate above p rises between no lift and full restoration. */
export function liftableAtMm(v: VertebraGeometry, p: Vec3): number {
  return Math.max(0, cancellousSpanAt(v, p, 1).superiorY - cancellousSpanAt(v, p, 0).superiorY);
}

/**
 * Distance (mm) from p along the horizontal unit direction (dx, dz) to the inner face of the body's
 * shell, modelled as an elliptic cylinder (half-width W/2 in x, half-depth D/2 in z) whose wall
 * stands in by the body's waist at p's height where the ray meets it (anatomy/bodyWaist.ts, as the
 * balloon's ring walls do; taken along the ray: the balloon's far side, where this is used, meets
 * the wall near its normal). 0 when p is outside the shell (no room at all).
 */
export function distanceToShellMm(v: VertebraGeometry, p: Vec3, dx: number, dz: number): number {
  const a = v.bodyWidthMm / 2 - v.cortexMm;
  const b = v.bodyDepthMm / 2 - v.cortexMm;
  const px = p.x - v.centre.x;
  const pz = p.z - v.centre.z;
  // Solve ((px + s dx)/a)^2 + ((pz + s dz)/b)^2 = 1 for the positive root s.
  const qa = (dx * dx) / (a * a) + (dz * dz) / (b * b);
  const qb = 2 * ((px * dx) / (a * a) + (pz * dz) / (b * b));
  const qc = (px * px) / (a * a) + (pz * pz) / (b * b) - 1;
  const disc = qb * qb - 4 * qa * qc;
  if (qa <= 0 || qc > 0 || disc < 0) return 0;
  const s = (-qb + Math.sqrt(disc)) / (2 * qa);
  const inset = wallInsetMm(
    p.y,
    v.centre.y,
    v.intactHeightMm / 2,
    px + s * dx,
    pz + s * dz,
    posteriorConcaveHalfWidthMm(v),
    v.bodyDepthMm / 2,
  );
  return Math.max(0, s - inset);
}
