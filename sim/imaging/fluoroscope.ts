import type { Command, FluoroMode, View } from '../core/commands';
import type { DomainEvent } from '../core/events';
import type { Anatomy } from '../anatomy/types';
import type { Rng } from '../math/rng';
import type { Vec3 } from '../math/vec3';
import { createAttenuationField } from '../anatomy/attenuation';
import {
  DETECTOR_DIAMETER_MM,
  drawPatientRotation,
  makePose,
  obliquityDeg,
  viewAlignment,
  pannedIsocentre,
  poseKey,
} from './carmPose';
import type { CArmPose, PatientRotation } from './carmPose';
import { createProjection } from './projection';
import { measureBeamPath, type AttenuationField } from './beamPath';
import { OPEN_COLLIMATION, clampCollimation, fieldAreaAtDetectorMm2, type Collimation } from './collimation';
import { MODES, doseRates, type ExposureGeometry } from './dose';
import type { CArmView } from './carmView';
import type { DoseView } from './doseView';
import { handBeamFraction, tissueBeforeMm } from './handInBeam';

export type CArmKind = 'single-plane' | 'biplane';

/** Time a single-plane C-arm takes to swing between AP and lateral, s (brief: ~20 s; assumed). */
export const SWING_S = 20;
/** Mechanical range of the fine adjustments, deg (assumed; the orbit reaches the owl's-eye view down an L5 pedicle, ~30 deg, on a rolled patient). */
const MAX_ORBIT_DEG = 40;
const MAX_TILT_DEG = 30;
/** Most the patient can have moved sideways on the frame in all, mm: its bolsters hold the trunk (assumed). */
const MAX_PATIENT_SHIFT_MM = 20;
/** Mode at power-on: continuous, so choosing pulsed or low dose is the trainee's decision. */
const DEFAULT_MODE: FluoroMode = 'continuous';

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const byView = <T>(f: () => T): Record<View, T> => ({ AP: f(), lateral: f() });

/** What the world tells the C-arm each step. */
export interface ExposureContext {
  /**
   * Where the operator's hands grip the instruments they are working this step (patient frame,
   * mm; sim/imaging/handInBeam.ts `handGrip`); empty when no hand is on an instrument.
   */
  readonly hands: readonly Vec3[];
}

/**
 * The C-arm and its exposure bookkeeping: pose, swing, mode, pedal, fluoro time, dose and the
 * operator's hand. Pure and deterministic; the renderer draws from its pose (carmView + anatomy).
 */
export class Fluoroscope {
  private view: View = 'AP';
  private movingS = 0;
  private mode: FluoroMode = DEFAULT_MODE;
  private exposingNow = false;
  private imageThisPress = false;
  private handThisPress = false;
  private readonly adjust = byView(() => ({ orbitDeg: 0, tiltDeg: 0 }));
  private readonly collimation = byView<Collimation>(() => OPEN_COLLIMATION);
  private readonly zoom = byView(() => 1);
  /** Time until the next pulse is due, s (0 at pedal press: the first pulse fires at once). */
  private pulseDueS = 0;
  private readonly pending: DomainEvent[] = [];
  private readonly patient: PatientRotation;
  private readonly field: AttenuationField;
  private readonly geometryCache = new Map<string, ExposureGeometry>();
  private readonly tissueBeforeCache = new Map<string, number>();

  private fluoroTimeS = 0;
  private airKermaMGy = 0;
  private dapGyCm2 = 0;
  private handInBeamS = 0;
  private handDoseMSv = 0;
  private readonly shots = byView(() => 0);
  private readonly fluoroTimeByViewS = byView(() => 0);
  private readonly skinDoseMGy = byView(() => 0);
  private readonly kermaByViewMGy = byView(() => 0);
  private readonly dapByViewGyCm2 = byView(() => 0);
  private readonly stored = byView(() => 0);
  private pulses = 0;
  /** Image centre above the target's centre, mm, and the range the table allows (carm.pan). */
  private panMm = 0;
  private panRange: readonly [number, number] = [0, 0];
  /** How far the patient has moved on the table toward their left, mm (shiftPatient). */
  private patientShiftMm = 0;

  /** A C-arm parked at AP; `field` defaults to the anatomy's attenuation (tests may pass their own). */
  constructor(
    private readonly anatomy: Anatomy,
    private readonly carm: CArmKind,
    rng: Rng,
    field?: AttenuationField,
  ) {
    this.patient = drawPatientRotation(rng, anatomy.vertebrae[anatomy.targetIndex]?.level, anatomy.scoliosis);
    this.field = field ?? createAttenuationField(anatomy);
  }

  /** Apply a C-arm or fluoroscopy command; other commands are ignored. */
  apply(command: Command): void {
    switch (command.type) {
      case 'carm.view':
        this.swingTo(command.view);
        break;
      case 'carm.adjust': {
        const a = this.adjust[this.view];
        a.orbitDeg = clamp(a.orbitDeg + command.dOrbitDeg, -MAX_ORBIT_DEG, MAX_ORBIT_DEG);
        a.tiltDeg = clamp(a.tiltDeg + command.dTiltDeg, -MAX_TILT_DEG, MAX_TILT_DEG);
        break;
      }
      case 'carm.pan':
        this.panMm = clamp(this.panMm + command.dCranialMm, this.panRange[0], this.panRange[1]);
        break;
      case 'carm.collimate':
        this.collimation[this.view] = clampCollimation(command);
        break;
      case 'carm.zoom':
        this.zoom[this.view] = command.zoom;
        break;
      case 'fluoro.store':
        // The active monitor holds the last image of this view, if one was ever taken.
        if (this.shots[this.view] > 0) {
          this.stored[this.view] += 1;
          this.pending.push({ type: 'image.stored', view: this.view });
        }
        break;
      case 'fluoro.mode':
        this.mode = command.mode;
        this.pulseDueS = Math.min(this.pulseDueS, 1 / MODES[command.mode].framesPerS);
        break;
      case 'fluoro.expose':
        if (command.on && !this.exposingNow) {
          this.imageThisPress = false;
          this.handThisPress = false;
          this.pulseDueS = 0;
        }
        this.exposingNow = command.on;
        break;
      default:
        break;
    }
  }

  /** The pedal is down: the tube fires (the world only needs the hands' places then). */
  get exposing(): boolean {
    return this.exposingNow;
  }

  /** Advance by dtS: swing, exposure, dose; returns the events of this step. */
  step(dtS: number, ctx: ExposureContext): DomainEvent[] {
    const events = this.pending.splice(0, this.pending.length);
    if (this.movingS > 0) {
      this.movingS = Math.max(0, this.movingS - dtS);
      if (this.movingS < 1e-9) {
        this.movingS = 0;
        events.push({ type: 'carm.moved', view: this.view });
      }
    }
    if (!this.exposingNow || dtS <= 0) return events;

    // The tube fires whenever the pedal is down, even mid-swing (that dose forms no image). Dose
    // comes in pulses (frames): each pulse delivers the rate divided by the pulse rate.
    const rates = doseRates(this.mode, this.geometry(this.view));
    const periodS = 1 / MODES[this.mode].framesPerS;
    this.fluoroTimeS += dtS;
    this.fluoroTimeByViewS[this.view] += dtS;
    // The hand is in the beam only when it is on an instrument inside the collimated field of this view.
    const handFraction = this.handFraction(ctx.hands);
    const handInBeam = handFraction > 0;
    if (handInBeam) this.handInBeamS += dtS;
    while (this.pulseDueS < dtS - 1e-9) {
      this.pulses += 1;
      this.pulseDueS += periodS;
      const kerma = rates.irpKermaMGyPerS * periodS;
      const dap = rates.dapGyCm2PerS * periodS;
      this.airKermaMGy += kerma;
      this.kermaByViewMGy[this.view] += kerma;
      this.dapGyCm2 += dap;
      this.dapByViewGyCm2[this.view] += dap;
      this.skinDoseMGy[this.view] += rates.skinDoseMGyPerS * periodS;
      this.handDoseMSv += rates.handScatterMSvPerS * periodS;
      if (handInBeam) this.handDoseMSv += rates.irpKermaMGyPerS * handFraction * periodS;
    }
    this.pulseDueS -= dtS;
    if (this.movingS === 0 && !this.imageThisPress) {
      this.imageThisPress = true;
      this.shots[this.view] += 1;
      events.push({ type: 'image.acquired', view: this.view, alignment: viewAlignment(this.pose()) });
    }
    // Once per exposure episode (pedal press), the first time a hand is in the beam.
    if (handInBeam && !this.handThisPress) {
      this.handThisPress = true;
      events.push({ type: 'handInBeam', view: this.view });
    }
    return events;
  }

  /**
   * Where the table starts (the image centre panMm above the target's centre) and how far it can
   * move: [min, max] of panMm. Without a call the C-arm is centred on the target and does not pan.
   */
  placeTable(panMm: number, range: readonly [number, number]): void {
    this.panRange = range;
    this.panMm = clamp(panMm, range[0], range[1]);
  }

  /**
   * The patient moved on the table by dxMm toward their left (negative: right): a flinch in pain
   * (sim/patient/painMovement.ts). The C-arm stays with the table, so every later image shows the
   * spine moved; the total is bounded by the frame's bolsters.
   */
  shiftPatient(dxMm: number): void {
    this.patientShiftMm = clamp(this.patientShiftMm + dxMm, -MAX_PATIENT_SHIFT_MM, MAX_PATIENT_SHIFT_MM);
  }

  /** The image centre above the target's centre, mm. */
  get pan(): number {
    return this.panMm;
  }

  /** The C-arm as the snapshot shows it. */
  carmView(): CArmView {
    const a = this.adjust[this.view];
    return {
      view: this.view,
      orbitDeg: a.orbitDeg,
      tiltDeg: a.tiltDeg,
      movingS: this.movingS,
      mode: this.mode,
      exposing: this.exposingNow,
      patientRotation: this.patient,
      collimation: this.collimation[this.view],
      zoom: this.zoom[this.view],
      obliquityDeg: obliquityDeg(this.pose()),
      panMm: this.panMm,
      patientShiftMm: this.patientShiftMm,
      kind: this.carm,
    };
  }

  /** Accumulated exposure as the snapshot shows it. */
  doseView(): DoseView {
    return {
      fluoroTimeS: this.fluoroTimeS,
      airKermaMGy: this.airKermaMGy,
      dapGyCm2: this.dapGyCm2,
      shots: { ...this.shots },
      fluoroTimeByViewS: { ...this.fluoroTimeByViewS },
      handInBeamS: this.handInBeamS,
      operatorHandDoseMSv: this.handDoseMSv,
      airKermaByViewMGy: { ...this.kermaByViewMGy },
      dapByViewGyCm2: { ...this.dapByViewGyCm2 },
      skinDoseByViewMGy: { ...this.skinDoseMGy },
      pulses: this.pulses,
      stored: { ...this.stored },
    };
  }

  /** Accumulated entrance skin dose per view (different skin fields), mGy. */
  entranceSkinDoseMGy(): Readonly<Record<View, number>> {
    return { ...this.skinDoseMGy };
  }

  /** Geometry of the C-arm at a view (default: the current one), including the patient's rotation. */
  pose(view: View = this.view): CArmPose {
    const a = this.adjust[view];
    return makePose(
      view,
      a.orbitDeg,
      a.tiltDeg,
      this.patient,
      pannedIsocentre(this.anatomy, this.panMm, this.patientShiftMm),
    );
  }

  /**
   * Fraction of the IRP kerma rate reaching the hands in the beam of the current view (0: none in
   * it). Mid-swing the pose is taken as the view being swung to (a simplification: the arm's
   * intermediate angles are not modelled).
   */
  private handFraction(hands: readonly Vec3[]): number {
    if (hands.length === 0) return 0;
    const pose = this.pose(this.view);
    const projection = createProjection(pose, DETECTOR_DIAMETER_MM);
    // Tissue between the tube and the hand, cached per pose and 2 mm of hand position (a pushing
    // hand moves ~0.2 mm per step; the answer only changes where the ray grazes the body's outline).
    const tissueBefore = (hand: Vec3): number => {
      const key = `${poseKey(pose)}|${Math.round(hand.x / 2)}|${Math.round(hand.y / 2)}|${Math.round(hand.z / 2)}`;
      const cached = this.tissueBeforeCache.get(key);
      if (cached !== undefined) return cached;
      const mm = tissueBeforeMm(this.field, projection.source, hand);
      if (this.tissueBeforeCache.size > 1024) this.tissueBeforeCache.clear();
      this.tissueBeforeCache.set(key, mm);
      return mm;
    };
    return handBeamFraction(
      hands,
      projection,
      DETECTOR_DIAMETER_MM / this.zoom[this.view],
      this.collimation[this.view],
      tissueBefore,
    );
  }

  private swingTo(view: View): void {
    if (view === this.view) return;
    this.view = view;
    if (this.carm === 'biplane') {
      // Both planes stay in place: switching the exposed plane is instant.
      this.pending.push({ type: 'carm.moved', view });
      return;
    }
    // Reversing mid-swing only has to undo the part already travelled.
    this.movingS = this.movingS > 0 ? SWING_S - this.movingS : SWING_S;
  }

  private geometry(view: View): ExposureGeometry {
    const pose = this.pose(view);
    const zoom = this.zoom[view];
    const collimation = this.collimation[view];
    const key = `${poseKey(pose)}|${zoom}|${collimation.halfWidthMm}|${collimation.halfHeightMm}`;
    const cached = this.geometryCache.get(key);
    if (cached) return cached;
    const path = measureBeamPath(this.field, createProjection(pose, DETECTOR_DIAMETER_MM));
    const g: ExposureGeometry = {
      thicknessMm: path.thicknessMm,
      entranceDepthMm: path.entranceDepthMm,
      // Magnification narrows the II input field to 23 cm / zoom before the shutters clip it.
      fieldAreaAtDetectorMm2: fieldAreaAtDetectorMm2(DETECTOR_DIAMETER_MM / zoom, collimation),
      sourceToIsocentreMm: pose.sourceToIsocentreMm,
      sourceToImageMm: pose.sourceToImageMm,
      zoom,
    };
    if (this.geometryCache.size > 256) this.geometryCache.clear();
    this.geometryCache.set(key, g);
    return g;
  }
}
