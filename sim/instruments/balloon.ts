import type { Anatomy, EndplateLift, VertebraGeometry } from '../anatomy/types';
import type { DomainEvent } from '../events';
import type { BalloonView } from '../snapshot';
import { add, normalize, scale, vec3, type Vec3 } from '../math/vec3';
import { balloonDevice, type BalloonDevice } from './balloonDevices';
import {
  BALLOON_MODEL,
  cancellousYieldPsi,
  freeSemiAxes,
  PSI_PER_MPA,
  spineLoadN,
  wallPressurePsi,
  type BalloonModelParams,
} from './balloonModel';
import { balloonRooms } from './balloonRooms';
import { liftFromFraction, targetVertebra } from './endplateGeometry';

const SUBSTEP_ML = 0.005;
const TRACE_STEP_ML = 0.05;
const TRACE_MAX_POINTS = 4000;
/** Below this lost height (mm) at the balloon the endplate is treated as intact cortex: nothing to lift. */
const MIN_LIFTABLE_MM = 0.5;

/**
 * An inflatable bone tamp in the target body, inflated by a syringe with a manometer. FIRST MODEL
 * (README "Balloon"): pressure = wall + elastic bone load on the cavity; the cavity grows when that
 * pressure reaches the cheaper of (a) crushing cancellous bone (yield, softening, hardening, steep
 * once cortex or endplates confine it) and (b) lifting the fractured superior endplate against the
 * load on the spine. Nothing is random; everything follows from the anatomy and the syringe.
 */
export class Balloon {
  readonly device: BalloonDevice;
  private readonly params: BalloonModelParams;
  private readonly vertebra: VertebraGeometry;
  private readonly yieldPsi: number;
  private readonly loadN: number;
  private inserted = false;
  private tip: Vec3 = vec3(0, 0, 0);
  private axis: Vec3 = vec3(0, 0, -1);
  private centre: Vec3 = vec3(0, 0, 0);
  private volume = 0;
  private pending = 0;
  private delivered = 0;
  private cancellousMl: number;
  private grownMl = 0;
  private liftSpaceMl = 0;
  private liftT = 0;
  private peakT = 0;
  private pressure = 0;
  private peakPressure = 0;
  private ruptured = false;
  private contact = false;
  private limitArmed = true;
  private trace: { volumeMl: number; pressurePsi: number }[] = [{ volumeMl: 0, pressurePsi: 0 }];
  private queued: DomainEvent[] = [];

  /** A balloon of the given length for this anatomy; device and model constants may be overridden. */
  constructor(anatomy: Anatomy, lengthMm: number, device?: BalloonDevice, params?: Partial<BalloonModelParams>) {
    this.device = device ?? balloonDevice(lengthMm);
    this.params = { ...BALLOON_MODEL, ...params };
    this.vertebra = targetVertebra(anatomy);
    this.yieldPsi = cancellousYieldPsi(anatomy, this.params);
    this.loadN = spineLoadN(anatomy);
    const r = this.params.channelDiameterMm / 2;
    this.cancellousMl = (Math.PI * r * r * this.device.lengthMm) / 1000;
  }

  /** Place the balloon with its distal marker at the working-channel tip, extending back along -axis. */
  insert(tip: Vec3, axis: Vec3): void {
    this.axis = normalize(axis);
    this.tip = tip;
    this.centre = add(tip, scale(this.axis, -this.device.lengthMm / 2));
    this.inserted = true;
  }

  /** Queue contrast on the syringe: positive pushes, negative withdraws (ignored unless inserted and intact). */
  inflate(mL: number): void {
    if (this.inserted && !this.ruptured && Number.isFinite(mL)) this.pending += mL;
  }

  /** Withdraw all contrast. */
  deflate(): void {
    if (this.inserted) this.pending = -this.volume;
  }

  /** Take the balloon out; contrast still in it is withdrawn at once. */
  remove(): void {
    if (!this.inserted) return;
    this.pending = 0;
    if (this.volume > 0) this.setVolume(0);
    this.inserted = false;
  }

  /** Advance the syringe by dtS seconds; returns the events this produced. */
  step(dtS: number): DomainEvent[] {
    const events = this.queued;
    this.queued = [];
    if (!this.inserted || this.ruptured || !(dtS > 0)) return events;
    const maxMl = this.device.syringeRateMlPerS * dtS;
    let move = Math.max(-maxMl, Math.min(maxMl, this.pending));
    if (this.volume + move < 0) move = -this.volume;
    this.pending -= move;
    // Withdrawing from an empty balloon: the syringe has nothing more to pull.
    if (this.volume + move <= 0 && this.pending < 0) this.pending = 0;
    const start = this.volume;
    const n = Math.max(1, Math.ceil(Math.abs(move) / SUBSTEP_ML));
    for (let i = 1; i <= n && !this.ruptured; i++) this.setVolume(start + (move * i) / n);
    events.push(...this.queued);
    this.queued = [];
    return events;
  }

  /** Plain view for the snapshot. */
  view(): BalloonView {
    const { a, b } = freeSemiAxes((this.volume * 1000) / this.device.lengthMm, this.params.aspect);
    return {
      lengthMm: this.device.lengthMm,
      inserted: this.inserted,
      centre: this.centre,
      axis: this.axis,
      radiusMm: Math.sqrt(a * b),
      volumeMl: this.volume,
      pressurePsi: this.pressure,
      peakPressurePsi: this.peakPressure,
      cavityMl: this.cavityMl,
      ruptured: this.ruptured,
      endplateContact: this.contact,
      trace: this.trace.slice(),
    };
  }

  /** Superior endplate lift the balloon holds now (after deflation: what is left of it). */
  lift(): EndplateLift {
    return liftFromFraction(this.vertebra, this.liftT);
  }

  /** The largest lift the balloon reached. */
  peakLift(): EndplateLift {
    return liftFromFraction(this.vertebra, this.peakT);
  }

  /** Cavity the balloon has made (compacted cancellous bone plus the space under the lifted endplate), mL. */
  get cavityMl(): number {
    return this.cancellousMl + this.liftSpaceMl;
  }

  /** Contrast in the balloon, mL. */
  get volumeMl(): number {
    return this.volume;
  }

  /** Net volume the syringe has moved into the balloon (equals volumeMl until a rupture), mL. */
  get deliveredMl(): number {
    return this.delivered;
  }

  /** Manometer reading, psi. */
  get pressurePsi(): number {
    return this.pressure;
  }

  /** Move the balloon to volume v (mL) and let bone and endplate respond. */
  private setVolume(v: number): void {
    const before = this.volume;
    const target = Math.max(0, v);
    this.delivered += target - before;
    this.volume = target;
    if (before <= 0 && target > 0) this.queued.push({ type: 'balloon.inflated' });
    if (before > 0 && target <= 0) this.queued.push({ type: 'balloon.deflated' });
    if (target > this.cavityMl) this.accommodate();
    else this.settle();
    if (!this.contact && target > 0 && this.thresholds().touching) {
      this.contact = true;
      this.queued.push({ type: 'balloon.endplateContact' });
    }
    this.pressure = wallPressurePsi(target, this.device.maxVolumeMl, this.params) + this.bonePsi();
    this.peakPressure = Math.max(this.peakPressure, this.pressure);
    this.watch();
  }

  private get elasticPsiPerStrain(): number {
    return this.yieldPsi / this.params.yieldStrain;
  }

  /** Elastic load of the bone around an over-full cavity, psi. */
  private bonePsi(): number {
    const over = this.volume - this.cavityMl;
    return over > 0 ? (this.elasticPsiPerStrain * over) / (this.cavityMl + this.params.loadedZoneMl) : 0;
  }

  /** Grow the cavity (crush bone or lift the endplate, whichever needs less pressure) until the load is carried. */
  private accommodate(): void {
    for (let i = 0; i < 60; i++) {
      const th = this.thresholds();
      const thr = Math.min(th.growPsi, th.liftPsi);
      if (this.bonePsi() <= thr * (1 + 1e-9)) return;
      const k = thr / this.elasticPsiPerStrain;
      const wanted = (this.volume - k * this.params.loadedZoneMl) / (1 + k) - this.cavityMl;
      const d = Math.min(0.01, wanted);
      if (!(d > 1e-9)) return;
      if (th.liftPsi < th.growPsi) this.liftBy(d, th.contactAreaMm2, th.lostMm);
      else {
        this.cancellousMl += d;
        this.grownMl += d;
      }
    }
  }

  /** Lift the endplate so that the space under it grows by dMl (never beyond intact height). */
  private liftBy(dMl: number, areaMm2: number, lostMm: number): void {
    const perT = (areaMm2 * lostMm) / 1000;
    const t = Math.min(1, this.liftT + dMl / perT);
    this.liftSpaceMl += (t - this.liftT) * perT;
    this.liftT = t;
    this.peakT = Math.max(this.peakT, t);
  }

  /** With the balloon smaller than its cavity the endplate rides down on it, until compacted bone catches it. */
  private settle(): void {
    const floorT = this.peakT * (1 - this.params.deflationLoss);
    if (this.liftT <= floorT || this.liftSpaceMl <= 0) return;
    const perT = this.liftSpaceMl / this.liftT;
    const dt = Math.min(this.liftT - floorT, (this.cavityMl - this.volume) / perT);
    this.liftT -= dt;
    this.liftSpaceMl -= dt * perT;
  }

  /** Pressure (psi) each way of enlarging the cavity needs now, and the endplate contact geometry. */
  private thresholds(): { growPsi: number; liftPsi: number; contactAreaMm2: number; lostMm: number; touching: boolean } {
    const p = this.params;
    const L = this.device.lengthMm;
    const area = (this.cavityMl * 1000) / L;
    const free = freeSemiAxes(area, p.aspect);
    const r = balloonRooms(this.vertebra, this.centre, this.tip, this.axis, this.liftT);
    // The balloon grows around its shaft; after touching the nearer plate the shaft bends to let it
    // shift at most shaftShiftMm toward the farther one.
    const near = Math.min(r.upMm, r.downMm);
    const roomV = Math.max(0.5, Math.min((r.upMm + r.downMm) / 2, near + p.shaftShiftMm));
    const roomL = Math.max(0.5, (r.sideAMm + r.sideBMm) / 2);
    const a = Math.min(free.a, roomV);
    const b = area / (Math.PI * Math.max(a, 1e-6));
    const bulge = p.distalBulge * Math.sqrt(free.a * free.b);
    const squeeze =
      Math.max(0, free.a / roomV - 1) + Math.max(0, b / roomL - 1) + Math.max(0, bulge / Math.max(0.5, r.aheadMm) - 1);
    const soft = 1 - p.softening * Math.min(1, this.grownMl / p.softeningMl);
    const growPsi = this.yieldPsi * soft * (1 + p.hardeningPerMl * this.grownMl) * (1 + p.constraintStiffness * squeeze);
    const reachesSuperior = r.upMm <= r.downMm || (r.upMm - r.downMm) / 2 <= p.shaftShiftMm;
    const supContact = r.upMm <= r.downMm ? r.upMm : reachesSuperior ? roomV : Number.POSITIVE_INFINITY;
    const width = 2 * b * Math.max(0, Math.min(1, (free.a - supContact) / p.contactFlattenMm));
    const contactAreaMm2 = width * L;
    const canLift = r.lostAtBalloonMm >= MIN_LIFTABLE_MM && this.liftT < 1 && contactAreaMm2 > 1;
    const forceN = this.loadN * (1 + p.loadStiffening * this.liftT);
    const liftPsi = canLift ? (forceN / contactAreaMm2) * PSI_PER_MPA : Number.POSITIVE_INFINITY;
    const touching = free.a >= near;
    return { growPsi, liftPsi, contactAreaMm2, lostMm: r.lostAtBalloonMm, touching };
  }

  /** Manometer events and rupture. */
  private watch(): void {
    const rated = this.device.ratedPressurePsi;
    if (this.pressure >= 0.95 * rated && this.limitArmed) {
      this.limitArmed = false;
      this.queued.push({ type: 'balloon.pressureLimit', pressurePsi: this.pressure });
    } else if (this.pressure < 0.85 * rated) this.limitArmed = true;
    const last = this.trace[this.trace.length - 1];
    if (Math.abs(this.volume - last.volumeMl) >= TRACE_STEP_ML && this.trace.length < TRACE_MAX_POINTS) {
      this.trace.push({ volumeMl: this.volume, pressurePsi: this.pressure });
    }
    if (this.pressure > this.device.burstPressurePsi) {
      this.queued.push({ type: 'balloon.ruptured', pressurePsi: this.pressure });
      this.trace.push({ volumeMl: this.volume, pressurePsi: this.pressure });
      this.ruptured = true;
      this.pending = 0;
      this.volume = 0;
      this.pressure = 0;
      this.queued.push({ type: 'balloon.deflated' });
      this.settle();
    }
  }
}
