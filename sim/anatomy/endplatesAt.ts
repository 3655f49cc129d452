import { footprintSignedDistance } from './footprint';
import { inferiorYAt, makeEndplateProfile, superiorYAt } from './endplateProfile';
import type { EndplateLift, VertebraGeometry } from './types';

/** Superior and inferior endplate heights (absolute y, mm) of a body at (x, z); null outside its footprint. */
export function endplatesAt(
  v: VertebraGeometry,
  x: number,
  z: number,
  lift?: EndplateLift,
): { superiorY: number; inferiorY: number } | null {
  const lx = x - v.centre.x;
  const lz = z - v.centre.z;
  if (footprintSignedDistance(lx, lz, v.bodyWidthMm / 2, v.bodyDepthMm / 2) > 0) return null;
  const p = makeEndplateProfile(v, lift);
  return { superiorY: superiorYAt(p, lx, lz), inferiorY: inferiorYAt(p, lx, lz) };
}
