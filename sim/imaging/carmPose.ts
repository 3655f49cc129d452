import type { View } from '../core/commands';
import type { Anatomy, Scoliosis } from '../anatomy/types';
import type { Rng } from '../math/rng';
import { vec3, type Vec3 } from '../math/vec3';

/**
 * C-arm pose: where the tube and detector are, relative to the patient's anatomy.
 *
 * Table frame = patient frame of a perfectly aligned patient (mm; x patient's left, y cranial,
 * z posterior; note this frame is left-handed, so every axis below is written out explicitly
 * instead of being derived from cross products).
 *
 * - The C-arm's orbital angle theta is 0 deg for AP and 90 deg for lateral, plus the trainee's
 *   orbit correction. Beam direction before tilt: (sin theta, 0, cos theta). AP: the beam travels
 *   anterior -> posterior (+z): tube under the table, opposite the operator (docs/clinical-sources.md,
 *   "dose levers"). Lateral: beam along +x, tube on the patient's right.
 * - Positive tilt angles the beam cranially (detector toward the head).
 * - The patient never lies perfectly: a seeded axial roll (about y), sagittal pitch (about x) and
 *   coronal list (about z) of the target relative to the table. A true AP needs orbit = roll and
 *   tilt = pitch; a true lateral needs orbit = roll and tilt = list.
 */

/** Rotation of the target vertebra relative to the table, degrees. */
export interface PatientRotation {
  readonly rollDeg: number;
  readonly pitchDeg: number;
  readonly listDeg: number;
}

export interface CArmPose {
  readonly view: View;
  /** Trainee's orbital correction away from the preset, deg (positive: tube toward the patient's right). */
  readonly orbitDeg: number;
  /** Trainee's cranio-caudal tilt, deg (positive: beam angled cranially). */
  readonly tiltDeg: number;
  readonly patient: PatientRotation;
  /** Centre of rotation of the C-arm: the target body centre. */
  readonly isocentre: Vec3;
  readonly sourceToImageMm: number;
  readonly sourceToIsocentreMm: number;
}

/**
 * Mobile C-arm geometry (assumed typical of OR C-arms, e.g. 100 cm SID with the isocentre about
 * 60 cm from the focal spot): magnification at the isocentre is SID / SOD = 1.67.
 */
export const SOURCE_TO_IMAGE_MM = 1000;
export const SOURCE_TO_ISOCENTRE_MM = 600;
/** Image-intensifier input field diameter (9-inch II, assumed). */
export const DETECTOR_DIAMETER_MM = 230;

/** Spread of the seeded patient rotation, deg (sd): "a few degrees" so presets are not true views (assumed). */
const ROLL_SD_DEG = 3;
const PITCH_SD_DEG = 3;
const LIST_SD_DEG = 2;

export const NO_ROTATION: PatientRotation = { rollDeg: 0, pitchDeg: 0, listDeg: 0 };

/**
 * Sagittal inclination of each level's body relative to the table of a prone patient, deg, as a
 * pitch (positive: the cranial end of the body dips toward the table). From the thoracic kyphosis
 * apex (T7, most posterior) to the lumbar lordosis apex (L3, most anterior) the spine climbs
 * cranially (negative); above T7 and below L3 it falls away (positive). Standing curves of ~40 deg
 * kyphosis and ~50 deg lordosis, flattened by about half on a prone frame (assumed).
 */
const SAGITTAL_PITCH_DEG: Readonly<Record<string, number>> = {
  T4: 9,
  T5: 8,
  T6: 5,
  T7: 0,
  T8: -3,
  T9: -5,
  T10: -6,
  T11: -7,
  T12: -7,
  L1: -6,
  L2: -4,
  L3: 0,
  L4: 5,
  L5: 10,
  S1: 14,
};
/** Share of elderly patients with a degenerative scoliosis at the treated level (~30 % over 60; assumed). */
const SCOLIOSIS_PREVALENCE = 0.3;
/** Coronal tilt of a scoliotic level, deg (sd), with an axial rotation of about half of it (assumed). */
const SCOLIOSIS_LIST_SD_DEG = 6;
const SCOLIOSIS_ROLL_PER_LIST = 0.5;

/**
 * Draw the target's misalignment on the table: a seeded positioning error (its own stream), the
 * level's place on the sagittal curve (kyphosis / lordosis) and, in some patients, a scoliosis.
 * All three are pose offsets: the trainee finds the true AP / lateral with carm.adjust, so a true
 * view is always one squared to the target vertebra itself, however it is turned.
 * A scenario's own scoliosis (anatomy.scoliosis) replaces the drawn one; the draws are made all the
 * same, so the positioning error of a patient is the same with or without it.
 */
export function drawPatientRotation(rng: Rng, level?: string, scoliosis?: Scoliosis): PatientRotation {
  const r = rng.fork('patient-rotation');
  const rollDeg = r.normal(0, ROLL_SD_DEG);
  const pitchDeg = r.normal(0, PITCH_SD_DEG) + (level ? (SAGITTAL_PITCH_DEG[level] ?? 0) : 0);
  const listDeg = r.normal(0, LIST_SD_DEG);
  const c = rng.fork('scoliosis');
  const scoliotic = c.next() < SCOLIOSIS_PREVALENCE;
  const drawnListDeg = scoliotic ? c.normal(0, SCOLIOSIS_LIST_SD_DEG) : 0;
  const scoliosisRollDeg = scoliosis ? scoliosis.axialRotationDeg : drawnListDeg * SCOLIOSIS_ROLL_PER_LIST;
  const scoliosisListDeg = scoliosis ? scoliosis.coronalTiltDeg : drawnListDeg;
  return {
    rollDeg: rollDeg + scoliosisRollDeg,
    pitchDeg,
    listDeg: listDeg + scoliosisListDeg,
  };
}

/** Level's sagittal inclination on a prone frame, deg (see SAGITTAL_PITCH_DEG); 0 for unknown levels. */
export function sagittalPitchDeg(level: string): number {
  return SAGITTAL_PITCH_DEG[level] ?? 0;
}

/** The isocentre used for every view: the centre of the target vertebral body. */
export function targetIsocentre(anatomy: Anatomy): Vec3 {
  return anatomy.vertebrae[anatomy.targetIndex]?.centre ?? vec3(0, 0, 0);
}

/**
 * The isocentre with the table moved along the spine (carm.pan): the target's centre shifted
 * cranially by panMm, so the image centre follows the pan in every view. patientShiftMm: how far
 * the patient has moved on the table toward their left (sim/patient/painMovement.ts; negative:
 * right); the C-arm stays with the table, so in the patient's frame its isocentre moves the other way.
 */
export function pannedIsocentre(anatomy: Anatomy, panMm: number, patientShiftMm = 0): Vec3 {
  const c = targetIsocentre(anatomy);
  return panMm === 0 && patientShiftMm === 0 ? c : vec3(c.x - patientShiftMm, c.y + panMm, c.z);
}

/** Build a pose for a view with the trainee's corrections. */
export function makePose(
  view: View,
  orbitDeg: number,
  tiltDeg: number,
  patient: PatientRotation,
  isocentre: Vec3,
): CArmPose {
  return {
    view,
    orbitDeg,
    tiltDeg,
    patient,
    isocentre,
    sourceToImageMm: SOURCE_TO_IMAGE_MM,
    sourceToIsocentreMm: SOURCE_TO_ISOCENTRE_MM,
  };
}

/** Beam direction and image axes, unit vectors in the anatomy (patient) frame. */
export interface BeamAxes {
  /** Central ray, from the source toward the detector. */
  readonly direction: Vec3;
  /** Image right on the monitor. */
  readonly right: Vec3;
  /** Image up on the monitor (cranial for both presets). */
  readonly up: Vec3;
}

const DEG = Math.PI / 180;

/** Table frame -> anatomy frame: undo the patient's roll, then pitch, then list. */
function toAnatomy(v: Vec3, p: PatientRotation): Vec3 {
  // Inverse roll about y: z -> (sin a, 0, cos a) convention, so rotate by -roll.
  const r = -p.rollDeg * DEG;
  const x1 = v.x * Math.cos(r) + v.z * Math.sin(r);
  const z1 = -v.x * Math.sin(r) + v.z * Math.cos(r);
  // Inverse pitch about x: z -> (0, sin a, cos a) convention.
  const q = -p.pitchDeg * DEG;
  const y2 = v.y * Math.cos(q) + z1 * Math.sin(q);
  const z2 = -v.y * Math.sin(q) + z1 * Math.cos(q);
  // Inverse list about z: x -> (cos a, sin a, 0) convention.
  const l = -p.listDeg * DEG;
  const x3 = x1 * Math.cos(l) - y2 * Math.sin(l);
  const y3 = x1 * Math.sin(l) + y2 * Math.cos(l);
  return vec3(x3, y3, z2);
}

/**
 * Beam and image axes of a pose in the anatomy frame. Image conventions (documented in README):
 * AP is shown as the operator sees the prone patient from behind: cranial up, patient's left on
 * image left. Lateral: cranial up, anterior on image left, posterior on image right.
 */
export function beamAxes(pose: CArmPose): BeamAxes {
  const theta = ((pose.view === 'AP' ? 0 : 90) + pose.orbitDeg) * DEG;
  const t = pose.tiltDeg * DEG;
  const st = Math.sin(theta);
  const ct = Math.cos(theta);
  const direction = vec3(Math.cos(t) * st, Math.sin(t), Math.cos(t) * ct);
  const right = vec3(-ct, 0, st);
  const up = vec3(-Math.sin(t) * st, Math.cos(t), -Math.sin(t) * ct);
  return {
    direction: toAnatomy(direction, pose.patient),
    right: toAnatomy(right, pose.patient),
    up: toAnatomy(up, pose.patient),
  };
}

/** Angle between the pose's central ray and the anatomy's true AP or lateral axis, deg (0 = true view). */
export function obliquityDeg(pose: CArmPose): number {
  const d = beamAxes(pose).direction;
  const along = pose.view === 'AP' ? d.z : d.x;
  return Math.acos(Math.min(1, Math.abs(along))) / DEG;
}

/**
 * How far a pose is from the true view, split the way a radiologist reads the image, deg, signed.
 * Axial: rotation about the spine's long axis (AP: the spinous process off the midline between
 * asymmetric pedicles; lateral: a doubled posterior wall); positive when the beam leans toward the
 * patient's left (AP) or anterior (lateral). Cranio-caudal: tilt against the endplates (both
 * views: doubled endplates instead of single lines); positive when the beam leans cranially.
 */
export interface ViewAlignment {
  readonly axialDeg: number;
  readonly craniocaudalDeg: number;
}

/** The pose's misalignment from the true AP or lateral, by component. */
export function viewAlignment(pose: CArmPose): ViewAlignment {
  const d = beamAxes(pose).direction;
  const along = Math.abs(pose.view === 'AP' ? d.z : d.x);
  const across = pose.view === 'AP' ? d.x * Math.sign(d.z || 1) : d.z * Math.sign(d.x || 1);
  const cranial = d.y * Math.sign((pose.view === 'AP' ? d.z : d.x) || 1);
  const round = (deg: number): number => Math.round(deg * 100) / 100 || 0;
  return {
    axialDeg: round(Math.atan2(across, along) / DEG),
    craniocaudalDeg: round(Math.atan2(cranial, along) / DEG),
  };
}

/** A string that identifies the geometry of a pose (cache key for projected images). */
export function poseKey(pose: CArmPose): string {
  const f = (n: number): string => n.toFixed(2);
  const p = pose.patient;
  return [
    pose.view,
    f(pose.orbitDeg),
    f(pose.tiltDeg),
    f(p.rollDeg),
    f(p.pitchDeg),
    f(p.listDeg),
    f(pose.isocentre.x),
    f(pose.isocentre.y),
    f(pose.isocentre.z),
    pose.sourceToImageMm,
    pose.sourceToIsocentreMm,
  ].join('|');
}
