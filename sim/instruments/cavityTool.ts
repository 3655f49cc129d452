import type { EndplateLift } from '../anatomy/types';
import type { DomainEvent } from '../core/events';
import type { Vec3 } from '../math/vec3';
import type { BalloonView } from './balloonView';
import type { CavityDeviceKind } from './cavityDevices';
import type { CavityWall } from './cavityWall';
import type { SharedEndplate } from './endplateShare';

/**
 * The device that makes the cavity through one pedicle: the balloon (balloon.ts), the ball tamp
 * (ballTamp.ts) or the mesh container (meshContainer.ts). The world drives each with the cavity
 * stage's commands (balloon.insert / inflate / deflate / remove) and reads the same figures from
 * it; the device's own kind says what those commands mean to it (README "Other cavity devices").
 */
export interface CavityTool {
  readonly kind: CavityDeviceKind;
  /** Place the device with its distal end at the working-channel tip, the shaft along -axis. */
  insert(tip: Vec3, axis: Vec3): void;
  /** Open (or inflate) it by mL; negative closes. */
  inflate(mL: number): void;
  /** Close (or deflate) it fully. */
  deflate(): void;
  /** Take it out (a mesh container stays: only its pusher comes out). */
  remove(): void;
  /** Advance dtS seconds; returns the events this produced. */
  step(dtS: number): DomainEvent[];
  /** Plain view for the snapshot (the balloon's shape; `device` names the others). */
  view(): BalloonView;
  /** Superior endplate lift held now, and the largest reached (shared on one plate, bipedicular). */
  lift(): EndplateLift;
  peakLift(): EndplateLift;
  /** Push on the same endplate as the other side's device. */
  shareEndplate(plate: SharedEndplate): void;
  /** The cavity it made, mL. */
  readonly cavityMl: number;
  /**
   * Share of that cavity still open once the device is out (the rest collapsed): the space cement fills
   * without pushing bone aside. A cavity opened in a Kummell cleft keeps all of it (cementBodyFlow.ts).
   */
  readonly cavityKeptShare: number;
  /** What it holds open now (contrast, or the ball's volume), mL. */
  readonly volumeMl: number;
  /** What the cavity's wall is to the cement. */
  readonly cavityWall: CavityWall;
}
