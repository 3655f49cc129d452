/**
 * Collimation: the rectangular shutters in front of the tube, described by where their edges
 * fall on the detector. The exposed field is the round image-intensifier input field (smaller
 * under electronic magnification) clipped by the shutters. The trainee sets them per view with
 * `carm.collimate`; the C-arm powers on with them open (OPEN_COLLIMATION).
 */
export interface Collimation {
  /** Half-width and half-height of the shutter opening at the detector, mm. */
  readonly halfWidthMm: number;
  readonly halfHeightMm: number;
}

/** Narrowest shutter opening, half-size at the detector, mm (assumed: ~2.4 cm at the isocentre). */
export const MIN_SHUTTER_HALF_MM = 20;
/** Widest: the shutters clear the 23 cm II field. */
export const MAX_SHUTTER_HALF_MM = 115;

/** Shutters fully open: the whole round II field is exposed (power-on state). */
export const OPEN_COLLIMATION: Collimation = { halfWidthMm: MAX_SHUTTER_HALF_MM, halfHeightMm: MAX_SHUTTER_HALF_MM };

/**
 * A typical field for one level (used by the dose calibration): 14 x 16 cm at the detector,
 * about 8.4 x 9.6 cm at the isocentre: the target body, both pedicles and the spinous process
 * with half of each neighbour (assumed).
 */
export const TYPICAL_COLLIMATION: Collimation = { halfWidthMm: 70, halfHeightMm: 80 };

/** Shutters clamped to their mechanical range. */
export function clampCollimation(c: Collimation): Collimation {
  const f = (v: number) => Math.min(MAX_SHUTTER_HALF_MM, Math.max(MIN_SHUTTER_HALF_MM, v));
  return { halfWidthMm: f(c.halfWidthMm), halfHeightMm: f(c.halfHeightMm) };
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
