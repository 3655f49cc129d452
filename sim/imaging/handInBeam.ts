import { add, scale, type Vec3 } from '../math/vec3';
import type { TrocarView } from '../instruments/trocarView';
import { BODY_THRESHOLD_PER_MM, type AttenuationField } from './beamPath';
import { isInField, type Collimation } from './collimation';
import { HAND_BEAM_FRACTION, IRP_OFFSET_MM } from './dose';
import type { Projection } from './projection';
import { SHAFT_LENGTH_MM } from './radiograph/radiopaqueShapes';

/**
 * The operator's hand (sim/imaging/README.md, "Operator hand"). While the hands work an
 * instrument (a hand push or pull, a mallet tap, the drill, a cement push) one hand grips its
 * outer end: the trocar's handle, the cannula's hub with the drill or the cement device in it.
 * The instrument is the 150 mm steel shaft the images show (radiopaqueShapes.ts), so its outer
 * end lies 150 mm back from the tip along the track, or at the skin when more of it is in the
 * patient. The hand is a ball a hand-breadth across around that point (HAND_RADIUS_MM).
 */
export const HAND_RADIUS_MM = 45;

/**
 * Where the hand grips an instrument: its outer end, 150 mm back from the tip along the track and
 * never inside the skin. Assumed: an adult hand is ~8-9 cm across the palm, so a ball of radius
 * 45 mm centred on the grip covers the fingers wrapped round the handle.
 */
export function handGrip(t: TrocarView): Vec3 {
  const outsideMm = Math.max(0, SHAFT_LENGTH_MM - t.depthMm);
  return add(t.entry, scale(t.direction, -outsideMm));
}

/** Rings and directions sampled over the hand's disc on the detector. */
const RINGS = 6;
const DIRECTIONS = 48;

/**
 * Whether a disc on the detector (centre u, v and radius r, mm) touches the exposed field: the II
 * circle of this diameter clipped by the shutters. Sampled on rings (a sliver thinner than r / 6
 * can go unseen).
 */
export function discMeetsField(
  uMm: number,
  vMm: number,
  rMm: number,
  iiDiameterMm: number,
  collimation: Collimation,
): boolean {
  if (isInField(uMm, vMm, iiDiameterMm, collimation)) return true;
  for (let k = 1; k <= RINGS; k++) {
    const r = (rMm * k) / RINGS;
    for (let j = 0; j < DIRECTIONS; j++) {
      const a = (2 * Math.PI * j) / DIRECTIONS;
      if (isInField(uMm + r * Math.cos(a), vMm + r * Math.sin(a), iiDiameterMm, collimation)) return true;
    }
  }
  return false;
}

/** Tissue along the segment from the source to a point, mm (attenuation above the body threshold, 5 mm samples). */
export function tissueBeforeMm(field: AttenuationField, source: Vec3, p: Vec3): number {
  const d = { x: p.x - source.x, y: p.y - source.y, z: p.z - source.z };
  const len = Math.hypot(d.x, d.y, d.z);
  const step = 5;
  let mm = 0;
  for (let s = step / 2; s < len; s += step) {
    const f = s / len;
    if (field(source.x + d.x * f, source.y + d.y * f, source.z + d.z * f) > BODY_THRESHOLD_PER_MM) mm += step;
  }
  return mm;
}

/** Behind at least this much tissue the hand is on the exit side of the patient (assumed). */
const BEHIND_PATIENT_MM = 20;

/**
 * Fraction of the reference (IRP) kerma rate a hand receives when it is in the primary beam, or 0
 * when no hand is: for each hand, its ball projected onto the detector must touch the exposed field
 * (collimation, zoom and pose of the current view) and lie between the source and the detector.
 * tissueBefore(hand): tissue between the source and the hand, mm (tissueBeforeMm).
 * Behind the patient (the AP view of a prone patient, tube under the table) the hand gets
 * HAND_BEAM_FRACTION; with no patient between it and the tube (a hand on the tube side of a lateral
 * view) it gets the primary beam itself, inverse-square from the IRP.
 */
export function handBeamFraction(
  hands: readonly Vec3[],
  projection: Projection,
  iiDiameterMm: number,
  collimation: Collimation,
  tissueBefore: (hand: Vec3) => number,
): number {
  const sid = projection.pose.sourceToImageMm;
  const irpMm = projection.pose.sourceToIsocentreMm - IRP_OFFSET_MM;
  let fraction = 0;
  for (const hand of hands) {
    const p = projection.project(hand);
    if (!p || p.depthMm >= sid) continue;
    if (!discMeetsField(p.uMm, p.vMm, HAND_RADIUS_MM * p.magnification, iiDiameterMm, collimation)) continue;
    const behind = tissueBefore(hand) >= BEHIND_PATIENT_MM;
    fraction = Math.max(fraction, behind ? HAND_BEAM_FRACTION : (irpMm / p.depthMm) ** 2);
  }
  return fraction;
}
