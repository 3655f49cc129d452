import type { Anatomy, EndplateLift, VertebraGeometry } from '../anatomy/types';
import type { DomainEvent } from '../core/events';
import { add, normalize, scale, vec3, type Vec3 } from '../math/vec3';
import { balloonDevice, type BalloonDevice } from './balloonDevices';
import {
  BALLOON_MODEL,
  cancellousYieldPsi,
  freeSemiAxes,
  PSI_PER_MPA,
  shellBreachPsi,
  spineLoadN,
  wallPressurePsi,
  type BalloonModelParams,
} from './balloonModel';
import { balloonThresholds, type Thresholds } from './balloonThresholds';
import { BalloonRecord } from './balloonRecord';
import { liftFromFraction, targetVertebra } from './endplateGeometry';
import { SharedEndplate, type EndplatePusher } from './endplateShare';
import type { PlaneRooms } from './balloonRooms';
import { BalloonWorld } from '../physics/balloonWorld';
import { FIXED_DT_S } from '../core/constants';
import type { BalloonView } from './balloonView';
import type { CavityTool } from './cavityTool';
import { snapToVolumeGrid } from './volumeGrid';
import { COMPACTED_WALL, type CavityWall } from './cavityWall';

const SUBSTEP_ML = 0.005;
const snap = snapToVolumeGrid;

/**
 * An inflatable bone tamp in the target body, inflated by a syringe with a manometer (README
 * "Balloon"): pressure = wall + elastic bone load on the cavity; the cavity grows when that
 * pressure reaches the cheaper of (a) crushing cancellous bone (yield, softening, hardening, steep
 * once cortex or endplates confine it) and (b) lifting the fractured superior endplate against the
 * load on the spine, less what another balloon on the same plate carries. Pressed hard on a thin
 * or broken shell it breaches it; above its burst pressure it ruptures and its contrast leaks.
 */
export class Balloon implements EndplatePusher, CavityTool {
  readonly kind = 'balloon';
  /** The balloon crushes the bone it compacts into the cavity's wall. */
  readonly cavityWall: CavityWall = COMPACTED_WALL;
  readonly device: BalloonDevice;
  private readonly params: BalloonModelParams;
  private readonly anatomy: Anatomy;
  private readonly vertebra: VertebraGeometry;
  private readonly yieldPsi: number;
  private readonly loadN: number;
  private plate = new SharedEndplate();
  private inserted = false;
  private tip: Vec3 = vec3(0, 0, 0);
  private axis: Vec3 = vec3(0, 0, -1);
  private centre: Vec3 = vec3(0, 0, 0);
  private volume = 0;
  private pending = 0;
  private delivered = 0;
  private cancellousMl: number;
  private grownMl = 0;
  /** Lift space this balloon filled under the plate, and the plate fraction its fill reaches. */
  private ownSpaceMl = 0;
  private ownT = 0;
  private pressure = 0;
  private lastPlateT = 0;
  private push = 0;
  private readonly record = new BalloonRecord();
  private queued: DomainEvent[] = [];
  /** The balloon's section in its axial plane as a soft body in matter-js (sim/physics/balloonWorld.ts), while inserted. */
  private world: BalloonWorld | null = null;
  private planeRooms: PlaneRooms | undefined;
  /** The analytic cavity's section in the axial plane (what the ring aims at when full), mm^2. */
  private analyticSection = 0;

  /** A balloon of the given length for this anatomy; device and model constants may be overridden. */
  constructor(anatomy: Anatomy, lengthMm: number, device?: BalloonDevice, params?: Partial<BalloonModelParams>) {
    this.device = device ?? balloonDevice(lengthMm);
    this.params = { ...BALLOON_MODEL, ...params };
    this.anatomy = anatomy;
    this.vertebra = targetVertebra(anatomy);
    this.yieldPsi = cancellousYieldPsi(anatomy, this.params);
    this.loadN = spineLoadN(anatomy);
    const r = this.params.channelDiameterMm / 2;
    this.cancellousMl = (Math.PI * r * r * this.device.lengthMm) / 1000;
    this.plate.join(this);
  }

  /** Push on the same endplate as other balloons (bipedicular): lift and load are shared. Idempotent. */
  shareEndplate(plate: SharedEndplate): void {
    if (plate === this.plate) return;
    this.plate.leave(this);
    plate.absorb(this.plate);
    this.plate = plate;
    plate.join(this);
  }

  /** Place the balloon with its distal marker at the working-channel tip, extending back along -axis. */
  insert(tip: Vec3, axis: Vec3): void {
    this.axis = normalize(axis);
    this.tip = tip;
    this.centre = add(tip, scale(this.axis, -this.device.lengthMm / 2));
    this.inserted = true;
    this.placeRing();
  }

  /** Queue contrast on the syringe: positive pushes, negative withdraws (ignored unless inserted and intact). */
  inflate(mL: number): void {
    if (this.inserted && !this.record.ruptured && Number.isFinite(mL)) this.pending += mL;
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
    this.push = 0;
    this.world = null;
  }

  /** Advance the syringe by dtS seconds; returns the events this produced. */
  step(dtS: number): DomainEvent[] {
    const events = this.queued;
    this.queued = [];
    if (dtS > 0) this.record.tick(dtS);
    if (this.world && dtS > 0) this.stepRing(dtS);
    if (!this.inserted || this.record.ruptured || !(dtS > 0)) return events;
    const maxMl = this.device.syringeRateMlPerS * dtS;
    let move = Math.max(-maxMl, Math.min(maxMl, this.pending));
    if (this.volume + move < 0) move = -this.volume;
    this.pending = snap(this.pending - move);
    // Withdrawing from an empty balloon: the syringe has nothing more to pull.
    if (this.volume + move <= 0 && this.pending < 0) this.pending = 0;
    const start = this.volume;
    const n = Math.ceil(Math.abs(move) / SUBSTEP_ML);
    for (let i = 1; i <= n && !this.record.ruptured; i++) this.setVolume(snap(start + (move * i) / n));
    // Idle, but the other balloon moved the plate: let bone and plate respond here too.
    if (n === 0 && this.volume > 0 && this.plate.t !== this.lastPlateT) this.setVolume(this.volume);
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
      cavityMl: this.cavityMl,
      ...this.record.view(this.params),
      outline: this.world ? this.world.outline() : null,
      wallContacts: this.world ? this.world.contacts.filter((w) => w !== 'opening') : [],
      sectionAreaMm2: this.world ? this.world.areaMm2 : null,
      analyticSectionAreaMm2: this.world ? this.analyticSection : null,
    };
  }

  /** Superior endplate lift held now (shared with another balloon on the same plate). */
  lift(): EndplateLift {
    return liftFromFraction(this.vertebra, this.plate.t);
  }

  /** The largest lift the plate reached. */
  peakLift(): EndplateLift {
    return liftFromFraction(this.vertebra, this.plate.peakT);
  }

  /** Cavity the balloon has made (compacted cancellous bone plus the space it filled under the lifted endplate), mL. */
  get cavityMl(): number {
    return this.cancellousMl + this.liftSpaceMl;
  }

  /** Share of the cavity left open once the balloon is out (`BalloonModelParams.cavityKeptShare`). */
  get cavityKeptShare(): number {
    return this.params.cavityKeptShare;
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

  pushN(): number {
    return this.push;
  }

  holdsPlate(): boolean {
    return (
      this.inserted &&
      this.volume > 0 &&
      this.ownT > 0 &&
      this.ownT >= this.plate.t - 1e-9 &&
      this.volume >= this.cavityMl - 1e-6
    );
  }

  /** Lift space under the plate, shrunk if the plate has ridden down below this balloon's fill. */
  private get liftSpaceMl(): number {
    return this.ownT > 0 ? this.ownSpaceMl * Math.min(1, this.plate.t / this.ownT) : 0;
  }

  /** Bring this balloon's fill down to where the plate now is. */
  private syncPlate(): void {
    if (this.ownT > this.plate.t) {
      this.ownSpaceMl = this.liftSpaceMl;
      this.ownT = this.plate.t;
    }
  }

  /** Move the balloon to volume v (mL) and let bone and endplate respond. */
  private setVolume(v: number): void {
    this.syncPlate();
    const before = this.volume;
    const target = Math.max(0, v);
    this.delivered += target - before;
    this.volume = target;
    if (before <= 0 && target > 0) this.queued.push({ type: 'balloon.inflated' });
    if (before > 0 && target <= 0) this.queued.push({ type: 'balloon.deflated' });
    if (target > this.cavityMl) this.accommodate();
    else this.settle();
    const th = this.thresholds();
    if (!this.record.endplateContact && target > 0 && th.touching) {
      this.record.endplateContact = true;
      this.record.endplateContactMl = target;
      this.queued.push({ type: 'balloon.endplateContact' });
    }
    const bone = this.bonePsi();
    this.push =
      this.ownT >= this.plate.t - 1e-9 && th.contactAreaMm2 > 0 && th.lostMm > 0
        ? (bone / PSI_PER_MPA) * th.contactAreaMm2
        : 0;
    this.pressure = wallPressurePsi(target, this.device.maxVolumeMl, this.params) + bone;
    this.lastPlateT = this.plate.t;
    this.aimRing(th);
    this.checkShell(th, bone);
    this.queued.push(...this.record.watch(this.volume, this.pressure, this.device, this.centre));
    if (this.record.ruptured) this.burst();
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
    for (let i = 0; i < 80; i++) {
      const th = this.thresholds();
      const thr = Math.min(th.growPsi, th.liftPsi);
      if (this.bonePsi() <= thr * (1 + 1e-9)) return;
      const k = thr / this.elasticPsiPerStrain;
      const wanted = (this.volume - k * this.params.loadedZoneMl) / (1 + k) - this.cavityMl;
      const d = Math.min(0.01, wanted);
      if (!(d > 1e-9)) return;
      if (th.liftPsi < th.growPsi) this.liftBy(d, th);
      else {
        this.cancellousMl += d;
        this.grownMl += d;
      }
    }
  }

  /** Fill the gap under the plate, or lift it, so that the space under it grows by dMl (never beyond intact height). */
  private liftBy(dMl: number, th: Thresholds): void {
    // The plate lifted by dt opens a slab over the cavity's whole roof, however much of the roof
    // loads it yet (the loaded patch sets the force, not the space).
    const perT = th.fillingGap
      ? (this.ownT > 0 ? this.ownSpaceMl / this.ownT : 0) || (th.roofAreaMm2 * th.lostMm) / 1000
      : (th.roofAreaMm2 * th.lostMm) / 1000;
    if (!(perT > 0)) return;
    const cap = th.fillingGap ? this.plate.t : 1;
    const t = Math.min(cap, this.ownT + dMl / perT);
    this.ownSpaceMl += (t - this.ownT) * perT;
    this.ownT = t;
    if (t > this.plate.t) this.plate.t = t;
  }

  /** With the balloon smaller than its cavity the plate rides down on it (unless another balloon holds it), until compacted bone catches it. */
  private settle(): void {
    if (this.plate.heldByOther(this) || this.ownT <= 0) return;
    const floorT = this.plate.peakT * (1 - this.params.deflationLoss);
    if (this.plate.t <= floorT) return;
    const perT = this.ownSpaceMl / this.ownT;
    const dt = Math.min(this.plate.t - floorT, (this.cavityMl - this.volume) / perT);
    if (dt > 0) this.plate.t -= dt;
    this.syncPlate();
  }

  private thresholds(): Thresholds {
    return balloonThresholds({
      v: this.vertebra,
      p: this.params,
      lengthMm: this.device.lengthMm,
      centre: this.centre,
      tip: this.tip,
      axis: this.axis,
      cancellousMl: this.cancellousMl,
      grownMl: this.grownMl,
      yieldPsi: this.yieldPsi,
      loadN: this.loadN,
      plateT: this.plate.t,
      ownT: this.ownT,
      othersPushN: this.plate.othersPushN(this),
      breached: this.record.breachedWalls,
      plane: this.planeRooms,
    });
  }

  /** Pressed on the shell: contact is recorded; above what the (thin or broken) wall holds, it breaches. */
  private checkShell(th: Thresholds, bonePsi: number): void {
    if (!th.shellWall || !th.shellPoint || this.volume <= 0) return;
    this.record.cortexContact = true;
    if (bonePsi < shellBreachPsi(this.anatomy, th.shellPoint, th.radiusMm, this.params)) return;
    const e = this.record.breach(th.shellWall, th.shellPoint, bonePsi);
    if (e) this.queued.push(e);
  }

  /**
   * Build the ring's world at the balloon's centre: its rooms sideways and ahead become the
   * distances to the cortex bodies the ring will meet (fixed while the balloon stays put).
   */
  private placeRing(): void {
    const L = this.device.lengthMm;
    const maxHalfWidthMm = Math.sqrt((this.device.maxVolumeMl * 1000) / L / Math.PI);
    const world = new BalloonWorld(this.anatomy, this.centre, this.axis, {
      lengthMm: L,
      channelRadiusMm: this.params.channelDiameterMm / 2,
      maxHalfWidthMm,
      maxBulgeMm: this.params.distalBulge * maxHalfWidthMm,
      yieldPsi: this.yieldPsi,
    });
    const h = Math.hypot(this.axis.x, this.axis.z);
    const ux = h > 1e-9 ? this.axis.x / h : 0;
    const uz = h > 1e-9 ? this.axis.z / h : -1;
    const c = { x: this.centre.x, z: this.centre.z };
    this.planeRooms = {
      sideAMm: world.roomMm(c, uz, -ux),
      sideBMm: world.roomMm(c, -uz, ux),
      aheadMm: world.roomMm({ x: this.tip.x, z: this.tip.z }, ux, uz),
    };
    this.world = world;
    this.aimRing(this.thresholds());
  }

  /** The ring aims at the analytic cavity's section, shrunk while the balloon holds less than the cavity. */
  private aimRing(th: Thresholds): void {
    if (!this.world) return;
    const L = this.device.lengthMm;
    this.analyticSection = 2 * th.halfWidthMm * L + (Math.PI / 2) * th.halfWidthMm * th.bulgeMm;
    const fill = this.cavityMl > 0 ? Math.min(1, this.volume / this.cavityMl) : 0;
    this.world.setTargetAreaMm2(this.analyticSection * fill);
  }

  /** One engine update per fixed step (at most 10 per call); a ring pressing on the shell is cortex contact. */
  private stepRing(dtS: number): void {
    if (!this.world) return;
    const n = Math.min(10, Math.max(1, Math.round(dtS / FIXED_DT_S)));
    for (let i = 0; i < n; i++) this.world.step();
    if (this.volume > 0 && this.world.contacts.some((w) => w !== 'opening')) this.record.cortexContact = true;
  }

  /** After a rupture: the contrast is gone, the plate settles as on deflation. */
  private burst(): void {
    this.pending = 0;
    this.volume = 0;
    this.pressure = 0;
    this.push = 0;
    this.queued.push({ type: 'balloon.deflated' });
    this.settle();
  }
}
