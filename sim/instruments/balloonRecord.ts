import type { DomainEvent } from '../core/events';
import type { Vec3 } from '../math/vec3';
import type { BalloonDevice } from './balloonDevices';
import type { BalloonModelParams } from './balloonModel';
import type { BalloonView } from './balloonView';

const TRACE_STEP_ML = 0.05;
const TRACE_MAX_POINTS = 4000;
/**
 * The manometer's warning (event balloon.pressureLimit) fires where its needle enters the red zone,
 * 75 % of the rated pressure (300 psi of 400: the red zone of the gauge in the app), and re-arms
 * below 65 %. A syringe step cannot be taken back once turned: against confined bone the pressure
 * climbs up to ~100 psi per 0.25 mL, so a warning at 95 % (the first model's) came too late to stop
 * a 0.25 mL step short of the burst pressure (README "Balloon", events; assumed).
 */
const WARN_FRACTION = 0.75;
const REARM_FRACTION = 0.65;

export type ShellWall = 'lateral' | 'anterior';

/**
 * What a balloon remembers for the manometer, the renderer and scoring: the pressure-volume trace,
 * peaks, contacts, a breach of the shell and a rupture with the contrast it leaked. It also raises
 * the manometer events (pressure limit, rupture).
 */
export class BalloonRecord {
  ruptured = false;
  endplateContact = false;
  /** Volume at the first endplate contact, mL (null before it). */
  endplateContactMl: number | null = null;
  cortexContact = false;
  private peakPressure = 0;
  private peakVolume = 0;
  private limitArmed = true;
  private trace: { volumeMl: number; pressurePsi: number }[] = [{ volumeMl: 0, pressurePsi: 0 }];
  private breachAt: { wall: ShellWall; position: Vec3; pressurePsi: number } | null = null;
  private leak: { centre: Vec3; volumeMl: number } | null = null;
  private sinceRuptureS = 0;

  /** Walls the balloon has burst through (they no longer confine it). */
  get breachedWalls(): readonly ShellWall[] {
    return this.breachAt ? [this.breachAt.wall] : [];
  }

  tick(dtS: number): void {
    if (this.ruptured) this.sinceRuptureS += dtS;
  }

  /** Record a breach of the shell (the first one only); returns its event. */
  breach(wall: ShellWall, position: Vec3, pressurePsi: number): DomainEvent | null {
    if (this.breachAt) return null;
    this.breachAt = { wall, position, pressurePsi };
    return { type: 'balloon.cortexBreached', wall, pressurePsi };
  }

  /** Manometer events, trace and rupture for a new volume and pressure. */
  watch(volumeMl: number, pressurePsi: number, device: BalloonDevice, centre: Vec3): DomainEvent[] {
    const out: DomainEvent[] = [];
    this.peakPressure = Math.max(this.peakPressure, pressurePsi);
    this.peakVolume = Math.max(this.peakVolume, volumeMl);
    const rated = device.ratedPressurePsi;
    if (pressurePsi >= WARN_FRACTION * rated && this.limitArmed) {
      this.limitArmed = false;
      out.push({ type: 'balloon.pressureLimit', pressurePsi });
    } else if (pressurePsi < REARM_FRACTION * rated) this.limitArmed = true;
    const last = this.trace[this.trace.length - 1];
    if (Math.abs(volumeMl - last.volumeMl) >= TRACE_STEP_ML && this.trace.length < TRACE_MAX_POINTS) {
      this.trace.push({ volumeMl, pressurePsi });
    }
    if (pressurePsi > device.burstPressurePsi && !this.ruptured) {
      out.push({ type: 'balloon.ruptured', pressurePsi });
      this.trace.push({ volumeMl, pressurePsi });
      this.ruptured = true;
      // The contrast escapes where the balloon is weakest: through a breached wall if there is one.
      this.leak = { centre: this.breachAt?.position ?? centre, volumeMl };
    }
    return out;
  }

  /** The recorded part of the balloon's view. */
  view(
    p: BalloonModelParams,
  ): Pick<
    BalloonView,
    | 'peakPressurePsi'
    | 'peakVolumeMl'
    | 'ruptured'
    | 'endplateContact'
    | 'endplateContactMl'
    | 'cortexContact'
    | 'cortexBreach'
    | 'leakedContrastMl'
    | 'contrastLeak'
    | 'trace'
  > {
    const leak = this.leak;
    let contrastLeak: BalloonView['contrastLeak'] = null;
    if (leak) {
      const r0 = Math.cbrt((3 * leak.volumeMl * 1000) / (4 * Math.PI));
      const spread = 1 + (p.leakSpread - 1) * Math.min(1, this.sinceRuptureS / p.leakSpreadS);
      contrastLeak = { centre: leak.centre, volumeMl: leak.volumeMl, radiusMm: r0 * spread };
    }
    return {
      peakPressurePsi: this.peakPressure,
      peakVolumeMl: this.peakVolume,
      ruptured: this.ruptured,
      endplateContact: this.endplateContact,
      endplateContactMl: this.endplateContactMl,
      cortexContact: this.cortexContact,
      cortexBreach: this.breachAt ? { wall: this.breachAt.wall, position: this.breachAt.position } : null,
      leakedContrastMl: leak?.volumeMl ?? 0,
      contrastLeak,
      trace: this.trace.slice(),
    };
  }
}
