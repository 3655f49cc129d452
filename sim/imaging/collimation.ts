/**
 * Collimation: the rectangular shutters in front of the tube, described by where their edges
 * fall on the detector. The exposed field is the round image-intensifier input field clipped by
 * the shutters. There is no collimation command yet (issue 3): every view uses DEFAULT_COLLIMATION,
 * which frames the target level and its neighbours with the lateral soft tissue shuttered off.
 */
export interface Collimation {
  /** Half-width and half-height of the shutter opening at the detector, mm. */
  readonly halfWidthMm: number;
  readonly halfHeightMm: number;
}

/**
 * Shutters at 18 x 21 cm on a 23 cm II field (assumed): about 11 x 13 cm at the isocentre, wide
 * enough for the body and the spinous process on the lateral view and for both pedicles and the
 * skin entry on AP.
 */
export const DEFAULT_COLLIMATION: Collimation = { halfWidthMm: 90, halfHeightMm: 105 };

/** Area of the exposed field at the detector, mm2: the II circle of this diameter clipped by the shutters. */
export function fieldAreaAtDetectorMm2(detectorDiameterMm: number, c: Collimation): number {
  const r = detectorDiameterMm / 2;
  const a = Math.min(c.halfWidthMm, r);
  const steps = 400;
  const dx = (2 * a) / steps;
  let area = 0;
  for (let i = 0; i < steps; i++) {
    const x = -a + (i + 0.5) * dx;
    const chord = Math.sqrt(Math.max(0, r * r - x * x));
    area += 2 * Math.min(c.halfHeightMm, chord) * dx;
  }
  return area;
}

/** Whether a detector point (mm from the centre) is exposed: inside the II circle and the shutters. */
export function isInField(uMm: number, vMm: number, detectorDiameterMm: number, c: Collimation): boolean {
  const r = detectorDiameterMm / 2;
  return uMm * uMm + vMm * vMm <= r * r && Math.abs(uMm) <= c.halfWidthMm && Math.abs(vMm) <= c.halfHeightMm;
}
