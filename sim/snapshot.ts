import type { Vec3 } from './math/vec3';
import type { Anatomy, EndplateLift, Tissue } from './anatomy/types';
import type { CommandType, ExchangeStep, FluoroMode, Side, View } from './commands';
import type { BreachWall, CementPhase, LeakLocation, TackFeel, TimedEvent } from './events';
import type { CementDeliveryKind } from '../levels/scenarioSchema';
import type { PatientRotation } from './imaging/carmPose';
import type { AccessInstruments } from './instruments/accessInstruments';
import type { Collimation } from './imaging/collimation';

/**
 * The plain, immutable view model of the simulation at one tick. The Pixi renderer draws it;
 * React panels select from it; scoring reads the final one. Nothing in it is live.
 */

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
  /** Single-plane (changing view takes time) or biplane. */
  readonly kind: 'single-plane' | 'biplane';
}

export interface DoseView {
  readonly fluoroTimeS: number;
  readonly airKermaMGy: number;
  readonly dapGyCm2: number;
  readonly shots: Readonly<Record<View, number>>;
  readonly fluoroTimeByViewS: Readonly<Record<View, number>>;
  readonly handInBeamS: number;
  readonly operatorHandDoseMSv: number;
  /** Reference air kerma (IRP) and DAP per view. */
  readonly airKermaByViewMGy: Readonly<Record<View, number>>;
  readonly dapByViewGyCm2: Readonly<Record<View, number>>;
  /** Entrance skin dose per view (different skin fields), mGy. */
  readonly skinDoseByViewMGy: Readonly<Record<View, number>>;
  /** Pulses (frames) fired in total: the unit of dose accounting. */
  readonly pulses: number;
  /** Images stored by the trainee (fluoro.store) per view. */
  readonly stored: Readonly<Record<View, number>>;
}

export interface Breach {
  readonly wall: BreachWall;
  readonly depthMm: number;
  readonly tick: number;
  /** Where the tip first left bone through this wall: the hole cement can later follow. */
  readonly position: Vec3;
}

export interface TrocarView {
  readonly side: Side;
  readonly gauge: number;
  readonly entry: Vec3;
  readonly direction: Vec3;
  readonly medialDeg: number;
  readonly caudalDeg: number;
  readonly tip: Vec3;
  readonly depthMm: number;
  readonly tissueAtTip: Tissue;
  /** Furthest milestone reached. */
  readonly milestone: 'outside' | 'skin' | 'docked' | 'pedicle' | 'body' | 'target';
  /** What is in the patient along this track (sim/instruments/accessInstruments.ts). */
  readonly instruments: AccessInstruments;
  /** The trocar has been exchanged for a working cannula (the osteo-introducer). */
  readonly cannula: boolean;
  /** Drilled channel ahead of the tip (length mm, 0 if none). */
  readonly channelMm: number;
  readonly breaches: readonly Breach[];
  readonly safetyRuleViolated: boolean;
  /** Times the tip slid along cortex met at a glancing angle, and the total slide, mm. */
  readonly skives: number;
  readonly skivedMm: number;
  /** Mallet taps on this track. */
  readonly taps: number;
  /** The tip went past the pedicle without entering it (null if it entered, or has not got there). */
  readonly missedPedicle: 'medial' | 'lateral' | 'superior' | 'inferior' | null;
  /** Number of times the trainee pulled back and re-aimed inside bone. */
  readonly redirections: number;
  /** Taken out at instrument removal: the record stays, the steel is gone from the images. */
  readonly removed: boolean;
}

export interface BalloonView {
  readonly lengthMm: number;
  readonly inserted: boolean;
  /** Centre and axis of the balloon in the patient frame. */
  readonly centre: Vec3;
  readonly axis: Vec3;
  readonly radiusMm: number;
  readonly volumeMl: number;
  readonly pressurePsi: number;
  readonly peakPressurePsi: number;
  readonly cavityMl: number;
  readonly ruptured: boolean;
  readonly endplateContact: boolean;
  /*
   * Issue 5 additions: optional in the type only so that hand-written views need not list them;
   * the simulation always fills them.
   */
  /** Volume at the first endplate contact, mL (null before it). */
  readonly endplateContactMl?: number | null;
  /** Largest volume the balloon held, mL. */
  readonly peakVolumeMl?: number;
  /** The balloon has pressed on the body's lateral or anterior shell. */
  readonly cortexContact?: boolean;
  /** Where the balloon burst through the shell (first breach), or null. */
  readonly cortexBreach?: { readonly wall: 'lateral' | 'anterior'; readonly position: Vec3 } | null;
  /** Contrast that escaped when the balloon ruptured, mL (0 if it did not). */
  readonly leakedContrastMl?: number;
  /**
   * The escaped contrast for the renderer: a radiopaque cloud centred where it left the balloon (the
   * breach if there is one), spreading through the trabeculae over ~10 s. Null until a rupture.
   */
  readonly contrastLeak?: { readonly centre: Vec3; readonly volumeMl: number; readonly radiusMm: number } | null;
  /** Pressure-volume trace for the gauge plot (one point per 0.05 mL change). */
  readonly trace: readonly { readonly volumeMl: number; readonly pressurePsi: number }[];
  /**
   * The balloon's section in the axial plane through its centre, from its matter-js ring
   * (sim/physics/balloonWorld.ts): points in the patient frame, counter-clockwise seen from above;
   * null while not inserted.
   */
  readonly outline?: readonly Vec3[] | null;
  /** Body walls the ring presses on now (lateral / anterior / posterior cortex). */
  readonly wallContacts?: readonly ('lateral' | 'anterior' | 'posterior')[];
  /** Area the ring encloses, and the analytic cavity's section it aims at when full, mm^2 (null while not inserted). */
  readonly sectionAreaMm2?: number | null;
  readonly analyticSectionAreaMm2?: number | null;
}

export interface CementDeposit {
  /** Where cement sits: a blob in the body or a leak track. */
  readonly location: 'body' | LeakLocation;
  readonly centre: Vec3;
  /** Radii of an ellipsoid with the same volume (mm). */
  readonly radii: Vec3;
  readonly volumeMl: number;
}

export interface Leak {
  readonly location: LeakLocation;
  readonly volumeMl: number;
  readonly firstTick: number;
  /** First tick an image was acquired with this leak in it (the trainee could see it), or null. */
  readonly seenTick: number | null;
  /** Kinds of opening the cement left by (e.g. segmentalVein, endplateFissure, breach). */
  readonly via: readonly string[];
}

export interface CementView {
  readonly phase: CementPhase;
  readonly sinceMixS: number;
  readonly viscosityPaS: number;
  readonly injectedMl: number;
  readonly inBodyMl: number;
  readonly leakedMl: number;
  readonly inCannulaMl: number;
  /** Volume queued by inject commands not yet pushed. */
  readonly pendingMl: number;
  readonly injectionPressureKPa: number;
  /** Highest syringe pressure while pushing into the body, and the highest pressure in the body itself (the cement mass), kPa. */
  readonly peakInjectionPressureKPa: number;
  readonly peakBodyPressureKPa: number;
  /** Most cement pushed out of the cannula between two images (injection watched under fluoroscopy or not), mL. */
  readonly maxUnimagedMl: number;
  readonly leaks: readonly Leak[];
  readonly deposits: readonly CementDeposit[];
  readonly cannulaStuck: boolean;
  /** The bone filler or syringe in use and the batch it is filled from. */
  readonly delivery: DeliveryView;
  /** The latest tack test: how the cement felt and how long after mixing; null before any. */
  readonly lastTack: { readonly feel: TackFeel; readonly sinceMixS: number } | null;
  /** Where the cement lies in the body (sim/instruments/cementBodyFlow.ts). */
  readonly distribution: CementDistribution;
  /** Last tick cement moved (into the cannula, the body or out of it), or null. */
  readonly lastFlowTick: number | null;
}

/** Cement delivery: the device kind, what the loaded one still holds, the batch left to fill more. */
export interface CementDistribution {
  /** Cement in the body over the body's volume. */
  readonly fillFraction: number;
  readonly crossesMidline: boolean;
  readonly touchesSuperiorEndplate: boolean;
  readonly touchesInferiorEndplate: boolean;
}

export interface DeliveryView {
  readonly device: CementDeliveryKind;
  readonly loadedMl: number;
  readonly batchLeftMl: number;
  /** Devices filled so far, the loaded one included (0 before mixing). */
  readonly devicesUsed: number;
}

/** Heights of the target body at one stage of the procedure. */
export interface HeightFigures {
  readonly anteriorMm: number;
  readonly middleMm: number;
  readonly posteriorMm: number;
  /** Wedge (kyphotic) angle, degrees. */
  readonly wedgeDeg: number;
}

export interface HeightView {
  readonly intactMm: number;
  readonly preOpAnteriorMm: number;
  readonly preOpMiddleMm: number;
  readonly anteriorMm: number;
  readonly middleMm: number;
  readonly posteriorMm: number;
  /** Wedge (kyphotic) angle of the body, degrees: 0 when anterior equals posterior height. */
  readonly wedgeDeg: number;
  readonly preOpWedgeDeg: number;
  readonly lift: EndplateLift;
  /**
   * Heights before, at full inflation (the largest lift), after deflation (before cement) and after
   * cement; null for stages not reached. Optional in the type only (issue 5 addition); the
   * simulation always fills it.
   */
  readonly stages?: {
    readonly before: HeightFigures;
    readonly peak: HeightFigures | null;
    readonly afterDeflation: HeightFigures | null;
    readonly afterCement: HeightFigures | null;
  };
}

export interface SimSnapshot {
  readonly tick: number;
  readonly timeS: number;
  readonly seed: number;
  /** The machine's phase, e.g. 'access', and its full state value as a dotted path. */
  readonly phase: string;
  readonly stateValue: string;
  /** Command types the machine accepts right now (for panels and the help overlay). */
  readonly allowed: readonly CommandType[];
  /** The instrument-exchange step the machine waits for (working channel), or null. */
  readonly nextExchangeStep: ExchangeStep | null;
  readonly checklist: Readonly<Record<string, boolean>>;
  readonly anatomy: Anatomy;
  readonly carm: CArmView;
  readonly dose: DoseView;
  /** The trocar / cannula in use (the active side), or null before a skin entry is chosen. */
  readonly trocar: TrocarView | null;
  /** Every trocar of the attempt, one per pedicle used (both sides when bipedicular). */
  readonly trocars: readonly TrocarView[];
  readonly balloon: BalloonView | null;
  readonly cement: CementView;
  readonly height: HeightView;
  readonly events: readonly TimedEvent[];
  readonly finished: boolean;
}
