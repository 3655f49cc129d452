import type { Vec3 } from '../math/vec3';
import type { CavityDeviceKind } from './cavityDevices';
/** The balloon (or the scenario's other cavity device) as the snapshot shows it (sim/instruments/balloon.ts, cavityTool.ts). */
export interface BalloonView {
  /**
   * The cavity device when it is not the balloon (ballTamp.ts, meshContainer.ts): absent for the
   * balloon, so that the balloon's snapshots stay as they were. For a ball tamp lengthMm is the
   * ball's diameter and pressurePsi 0 (a screw, no manometer); a mesh container holds no contrast.
   */
  readonly device?: Exclude<CavityDeviceKind, 'balloon'>;
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
   * Optional in the type only so that hand-written views need not list them;
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
