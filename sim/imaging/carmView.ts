import type { FluoroMode, View } from '../core/commands';
import type { PatientRotation } from './carmPose';
import type { Collimation } from './collimation';
/** The C-arm as the snapshot shows it: view, pose, mode, shutters and zoom. */
export interface CArmView {
  /** The view the C-arm is at (single plane) or the one being exposed (biplane). */
  readonly view: View;
  /** Orbital rotation away from the preset (deg) and cranio-caudal tilt (deg). */
  readonly orbitDeg: number;
  readonly tiltDeg: number;
  /** Seconds left while a single-plane C-arm swings between views; 0 when in place. */
  readonly movingS: number;
  readonly mode: FluoroMode;
  readonly exposing: boolean;
  /** The patient's seeded misalignment on the table (sim/imaging/carmPose.ts); absent = none. */
  readonly patientRotation?: PatientRotation;
  /** Shutters of this view: half-width / half-height of the opening at the detector, mm. */
  readonly collimation: Collimation;
  /** Electronic magnification of this view: 1 = full 23 cm field; 1.5, 2 = smaller fields, dose x zoom^2. */
  readonly zoom: number;
  /**
   * Angle between the central ray and the anatomy's true AP / lateral axis, deg (0 = true view).
   * For practice-mode hints only: exam mode must not show it.
   */
  readonly obliquityDeg: number;
  /** How far the table has moved the image centre cranially from the target's centre, mm (carm.pan); absent = 0. */
  readonly panMm?: number;
  /** How far the patient has moved on the table toward their left since the start, mm (a flinch in pain); absent = 0. */
  readonly patientShiftMm?: number;
  /** Single-plane (changing view takes time) or biplane. */
  readonly kind: 'single-plane' | 'biplane';
}
