import { footprintSignedDistance } from './footprint';
import type { VertebraGeometry } from './types';

/**
 * The vertebral body's waist: its anterior and lateral walls are concave between the endplates,
 * the endplates' rims (the ring apophyses) standing proud of the mid-height wall, so a true lateral
 * shows the anterior wall as a shallow curve and the AP shows the lateral walls pinched in, rather
 * than a box. The posterior wall stays straight: it is the landmark the lateral view is aligned
 * on (one line when the view is true) and the canal's front.
 *
 * The wall moves inward by WAIST_MM x (1 - q^2) at the height fraction q of the intact body
 * (q = -1 at its inferior, 0 half-way, +1 at its superior rim), at full depth in front of the
 * body's centre and tapering to none over the back 70 % of the half depth behind it. The intact
 * body, not the fractured or lifted endplates, sets q: the balloon's lift then changes the anatomy
 * only near the endplate it lifts (the renderer re-projects only that slab). 1.5 mm is
 * assumed (general radiographic anatomy: a few per cent of the body's depth; the waist is plain on
 * lateral films of healthy spines and slighter in the thoracic than the lumbar spine, which one
 * figure does not distinguish).
 *
 * Every model that needs the body's side wall uses this inset with the footprint's signed distance
 * (the tissue classifier, so the images, tissueAt and breach detection; the cement lattice; the
 * balloon's ring; the breach depth), so none of them disagrees with the image.
 */
export const WAIST_MM = 1.5;

/** Share of the half depth behind the centre over which the waist fades to nothing at the posterior wall. */
const POSTERIOR_TAPER = 0.7;

/**
 * How far (mm, >= 0) the side wall lies inside the footprint's rim at height y, in a body whose
 * intact mid-height is midY and half height halfHeightMm (absolute y), at depth lz (relative to the
 * body's centre, + posterior) of a body whose half depth is b. 0 at and beyond the intact rims.
 */
export function waistInsetMm(y: number, midY: number, halfHeightMm: number, lz: number, b: number): number {
  const q = (y - midY) / halfHeightMm;
  if (q <= -1 || q >= 1) return 0;
  const taper = lz <= 0 ? 1 : 1 - lz / (POSTERIOR_TAPER * b);
  if (taper <= 0) return 0;
  return WAIST_MM * (1 - q * q) * taper;
}

/** The waist's inset (mm) at an absolute point of a body's geometry; 0 outside its footprint. */
export function bodyWaistInsetAt(v: VertebraGeometry, x: number, y: number, z: number): number {
  const lx = x - v.centre.x;
  const lz = z - v.centre.z;
  if (footprintSignedDistance(lx, lz, v.bodyWidthMm / 2, v.bodyDepthMm / 2) > 0) return 0;
  return waistInsetMm(y, v.centre.y, v.intactHeightMm / 2, lz, v.bodyDepthMm / 2);
}
