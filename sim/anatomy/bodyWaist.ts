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
 * only near the endplate it lifts (the renderer re-projects only that slab). 1.5 mm is assumed
 * (general radiographic anatomy: a few per cent of the body's depth; slighter in the thoracic than
 * the lumbar spine, which one figure does not distinguish). 2.5 mm showed more plainly on the image
 * but took so much of the small thoracic bodies' room that the reference experts' balloons burst
 * at T9 (standard set), so the figure stays at the conservative end.
 *
 * Every model that needs the body's side wall uses this inset with the footprint's signed distance
 * (the tissue classifier, so the images, tissueAt and breach detection; the cement lattice; the
 * breach depth; the balloon's ring walls and its rooms), so none of them disagrees with the image.
 */
export const WAIST_MM = 1.5;

/** Share of the half depth behind the centre over which the waist fades to nothing at the posterior wall. */
const POSTERIOR_TAPER = 0.7;

/**
 * The posterior wall is concave in axial section between the pedicles (the basivertebral veins leave
 * through its middle): it lies POSTERIOR_CONCAVITY_MM in front of the footprint's rim at the midline,
 * `1.0 (1 - (x / w)^2)`, none from w out, w the pedicles' medial borders where they join the body
 * less 1 mm, so the pedicles' bases stay flush with the wall and its two posterolateral corners
 * stand proud. On a true lateral the corners superimpose and the wall is one line; rotate the C-arm
 * and they separate into the double posterior wall a radiologist corrects for. 1 mm is assumed
 * (general radiographic anatomy).
 */
export const POSTERIOR_CONCAVITY_MM = 1.0;

/** Half width (mm) of the posterior wall's concave stretch: the pedicles' medial borders at the body, less 1 mm. */
export function posteriorConcaveHalfWidthMm(v: VertebraGeometry): number {
  const medial = Math.min(...v.pedicles.map((p) => Math.abs(p.anteriorCentre.x - v.centre.x) - p.widthMm / 2));
  return Math.max(0, medial - 1);
}

/** How far (mm) the posterior wall lies in front of the footprint's rim at lateral offset lx (concave half width w). */
export function posteriorConcavityMm(lx: number, w: number): number {
  if (w <= 0) return 0;
  const u = lx / w;
  return u * u < 1 ? POSTERIOR_CONCAVITY_MM * (1 - u * u) : 0;
}

/**
 * How far (mm, >= 0) the body's side wall lies inside the footprint's rim at height y and axial
 * position (lx, lz) relative to the body's centre (+ posterior), in a body of half depth b whose
 * posterior wall is concave over half width w (posteriorConcaveHalfWidthMm), intact mid-height
 * midY and half height halfHeightMm (absolute y): the waist (0 at and beyond the intact rims) plus,
 * behind the centre, the posterior wall's concavity.
 */
export function wallInsetMm(
  y: number,
  midY: number,
  halfHeightMm: number,
  lx: number,
  lz: number,
  w: number,
  b: number,
): number {
  const inset = lz > 0 ? posteriorConcavityMm(lx, w) : 0;
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
  return wallInsetMm(y, v.centre.y, v.intactHeightMm / 2, lx, lz, posteriorConcaveHalfWidthMm(v), b);
}
