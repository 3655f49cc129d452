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
 * only near the endplate it lifts (the renderer re-projects only that slab). 2.5 mm is assumed
 * (general radiographic anatomy: under a tenth of the body's depth; the waist is plain on lateral
 * films of healthy spines, and 1.5 mm did not show at the image's ~0.6 mm per map pixel). One figure
 * serves every level, although the thoracic waist is slighter than the lumbar.
 *
 * Every model that needs the body's side wall uses this inset with the footprint's signed distance
 * (the tissue classifier, so the images, tissueAt and breach detection; the cement lattice; the
 * balloon's ring; the breach depth), so none of them disagrees with the image.
 */
export const WAIST_MM = 2.5;

/** Share of the half depth behind the centre over which the waist fades to nothing at the posterior wall. */
const POSTERIOR_TAPER = 0.7;

/**
 * The posterior wall is concave in axial section (the basivertebral veins leave through its middle):
 * it lies POSTERIOR_CONCAVITY_MM in front of the footprint's rim at the midline, 0 at a third of the
 * width either side, so its two posterolateral corners stand proud. On a true lateral the corners
 * superimpose and the wall is one line; rotate the C-arm and they separate into the double posterior
 * wall a radiologist corrects for. 1.5 mm and the corners at 0.65 of the half width (between the
 * pedicles) are assumed (general radiographic anatomy).
 */
export const POSTERIOR_CONCAVITY_MM = 1.0;
const POSTERIOR_CONCAVE_SHARE = 0.65;

/** How far (mm) the posterior wall lies in front of the footprint's rim at lateral offset lx (half width a). */
export function posteriorConcavityMm(lx: number, a: number): number {
  const u = lx / (POSTERIOR_CONCAVE_SHARE * a);
  return u * u < 1 ? POSTERIOR_CONCAVITY_MM * (1 - u * u) : 0;
}

/**
 * How far (mm, >= 0) the body's side wall lies inside the footprint's rim at height y and axial
 * position (lx, lz) relative to the body's centre (+ posterior), in a body of half width a, half
 * depth b, whose intact mid-height is midY and half height halfHeightMm (absolute y): the waist
 * (0 at and beyond the intact rims) plus, behind the centre, the posterior wall's concavity.
 */
export function wallInsetMm(
  y: number,
  midY: number,
  halfHeightMm: number,
  lx: number,
  lz: number,
  a: number,
  b: number,
): number {
  const inset = lz > 0 ? posteriorConcavityMm(lx, a) : 0;
  const q = (y - midY) / halfHeightMm;
  if (q <= -1 || q >= 1) return inset;
  const taper = lz <= 0 ? 1 : 1 - lz / (POSTERIOR_TAPER * b);
  if (taper <= 0) return inset;
  return inset + WAIST_MM * (1 - q * q) * taper;
}

/** The wall's inset (mm) at an absolute point of a body's geometry; 0 outside its footprint. */
export function bodyWallInsetAt(v: VertebraGeometry, x: number, y: number, z: number): number {
  const lx = x - v.centre.x;
  const lz = z - v.centre.z;
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  if (footprintSignedDistance(lx, lz, a, b) > 0) return 0;
  return wallInsetMm(y, v.centre.y, v.intactHeightMm / 2, lx, lz, a, b);
}
