import type { CementDeliveryKind } from '../../levels/scenarioSchema';
import type { CementPhase, LeakLocation, TackFeel } from '../core/events';
import type { Vec3 } from '../math/vec3';

/** A blob of cement, in the body or along a leak track. */
export interface CementDeposit {
  /** Where cement sits: a blob in the body or a leak track. */
  readonly location: 'body' | LeakLocation;
  readonly centre: Vec3;
  /** Radii of an ellipsoid with the same volume (mm). */
  readonly radii: Vec3;
  readonly volumeMl: number;
}

/** A leak: where it goes and how much. */
export interface Leak {
  readonly location: LeakLocation;
  readonly volumeMl: number;
  readonly firstTick: number;
  /** First tick an image was acquired with this leak in it (the trainee could see it), or null. */
  readonly seenTick: number | null;
  /** Kinds of opening the cement left by (e.g. segmentalVein, endplateFissure, breach). */
  readonly via: readonly string[];
}

/** The cement as the snapshot shows it (sim/instruments/cement.ts). */
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
  /**
   * Ticks the cement that leaked kept flowing after its first leak was seen on an image: per batch
   * (side), the last flow of that batch after that batch's first seen leak; the longest over the
   * sides when merged. Null when no leak was seen. Absent in views made before this figure existed.
   */
  readonly flowAfterSeenLeakTicks?: number | null;
}

/** Cement delivery: the device kind, what the loaded one still holds, the batch left to fill more. */
export interface CementDistribution {
  /** Cement in the body over the body's volume. */
  readonly fillFraction: number;
  readonly crossesMidline: boolean;
  readonly touchesSuperiorEndplate: boolean;
  readonly touchesInferiorEndplate: boolean;
  /**
   * How far back the cement in the body reaches, as a share of the body's depth from the anterior
   * cortex (0) to the posterior wall (1): what the lateral image shows of the front (hidden channels
   * hold too little to show and are left out). The posterior quarter starts at 0.75.
   */
  readonly posteriorReach?: number;
}

/** The delivery device and the batch, for the cement panel. */
export interface DeliveryView {
  readonly device: CementDeliveryKind;
  readonly loadedMl: number;
  readonly batchLeftMl: number;
  /** Devices filled so far, the loaded one included (0 before mixing). */
  readonly devicesUsed: number;
}
