import type { Anatomy, EndplateLift, VertebraGeometry } from '../anatomy/types';
import type { DomainEvent } from '../core/events';
import { add, normalize, scale, vec3, type Vec3 } from '../math/vec3';
import { BALLOON_MODEL } from './balloonModel';
import type { BalloonView } from './balloonView';
import { ballTampDevice, sphereDiameterMm, sphereMl, type BallTampDevice } from './cavityDevices';
import type { CavityTool } from './cavityTool';
import { snapToVolumeGrid } from './volumeGrid';
import { COMPACTED_WALL, type CavityWall } from './cavityWall';
import { cancellousSpanAt, liftableAtMm, liftFromFraction, targetVertebra } from './endplateGeometry';
import { SharedEndplate, type EndplatePusher } from './endplateShare';

const snap = snapToVolumeGrid;

/**
 * An expandable ball tamp (README "Other cavity devices"): a mechanical tamp that opens, as its
 * handle is turned, to a sphere of fixed diameter around a centre one full radius behind the
 * channel's end. The bone it sweeps is crushed and compacted into the cavity's wall, whatever the
 * bone's strength (it is rigid and driven by a screw: no pressure-volume law, no rupture): the
 * cavity is the largest sphere it opened, never another shape. Where the sphere reaches past the
 * span between the two endplates at its centre it lifts the fractured plate by `liftShare` of
 * that overreach (the rest indents the plates), never past the intact height. Closed again, the
 * plate rides down on it as on a deflated balloon until compacted bone catches it
 * (`BALLOON_MODEL.deflationLoss` of the peak lift, assumed the same).
 */
export class BallTamp implements EndplatePusher, CavityTool {
  readonly kind = 'ballTamp';
  readonly cavityWall: CavityWall = COMPACTED_WALL;
  readonly device: BallTampDevice;
  private readonly vertebra: VertebraGeometry;
  private readonly channelMl: number;
  private plate = new SharedEndplate();
  private inserted = false;
  private axis: Vec3 = vec3(0, 0, -1);
  private centre: Vec3 = vec3(0, 0, 0);
  private volume = 0;
  private pending = 0;
  private sweptMl = 0;
  private ownT = 0;
  private peakVolume = 0;
  private contactMl: number | null = null;
  /** Span between the endplates' cancellous faces at the centre before any lift, and the height the plate can regain there, mm. */
  private spanMm = 0;
  private liftableMm = 0;

  constructor(anatomy: Anatomy, lengthMm: number, device?: BallTampDevice) {
    this.device = device ?? ballTampDevice(lengthMm);
    this.vertebra = targetVertebra(anatomy);
    const r = BALLOON_MODEL.channelDiameterMm / 2;
    this.channelMl = (Math.PI * r * r * lengthMm) / 1000;
    this.plate.join(this);
  }

  shareEndplate(plate: SharedEndplate): void {
    if (plate === this.plate) return;
    this.plate.leave(this);
    plate.absorb(this.plate);
    this.plate = plate;
    plate.join(this);
  }

  insert(tip: Vec3, axis: Vec3): void {
    this.axis = normalize(axis);
    this.centre = add(tip, scale(this.axis, -this.device.diameterMm / 2));
    const span = cancellousSpanAt(this.vertebra, this.centre, 0);
    this.spanMm = Math.max(0, span.superiorY - span.inferiorY);
    this.liftableMm = liftableAtMm(this.vertebra, this.centre);
    this.inserted = true;
  }

  inflate(mL: number): void {
    if (this.inserted && Number.isFinite(mL)) this.pending += mL;
  }

  deflate(): void {
    if (this.inserted) this.pending = -this.volume;
  }

  remove(): void {
    if (!this.inserted) return;
    this.pending = 0;
    if (this.volume > 0) this.setVolume(0, []);
    this.inserted = false;
  }

  step(dtS: number): DomainEvent[] {
    const events: DomainEvent[] = [];
    if (!this.inserted || !(dtS > 0)) return events;
    const maxMl = this.device.expandRateMlPerS * dtS;
    const full = sphereMl(this.device.diameterMm);
    let move = Math.max(-maxMl, Math.min(maxMl, this.pending));
    move = Math.max(-this.volume, Math.min(full - this.volume, move));
    this.pending = snap(this.pending - move);
    // Fully open, the handle turns no further; fully closed, it has nothing more to close.
    if ((this.volume + move >= full && this.pending > 0) || (this.volume + move <= 0 && this.pending < 0))
      this.pending = 0;
    if (move !== 0) this.setVolume(snap(this.volume + move), events);
    return events;
  }

  view(): BalloonView {
    return {
      device: 'ballTamp',
      lengthMm: this.device.diameterMm,
      inserted: this.inserted,
      centre: this.centre,
      axis: this.axis,
      radiusMm: sphereDiameterMm(this.volume) / 2,
      volumeMl: this.volume,
      pressurePsi: 0,
      peakPressurePsi: 0,
      cavityMl: this.cavityMl,
      ruptured: false,
      endplateContact: this.contactMl !== null,
      endplateContactMl: this.contactMl,
      peakVolumeMl: this.peakVolume,
      cortexContact: false,
      cortexBreach: null,
      leakedContrastMl: 0,
      contrastLeak: null,
      trace: [],
      outline: null,
      wallContacts: [],
      sectionAreaMm2: null,
      analyticSectionAreaMm2: null,
    };
  }

  lift(): EndplateLift {
    return liftFromFraction(this.vertebra, this.plate.t);
  }

  peakLift(): EndplateLift {
    return liftFromFraction(this.vertebra, this.plate.peakT);
  }

  /** The sphere it opened (at least the drilled channel), mL. */
  get cavityMl(): number {
    return Math.max(this.channelMl, this.sweptMl);
  }

  /** The sphere's crushed wall springs back like a balloon cavity's (`BALLOON_MODEL.cavityKeptShare`, assumed the same). */
  get cavityKeptShare(): number {
    return BALLOON_MODEL.cavityKeptShare;
  }

  get volumeMl(): number {
    return this.volume;
  }

  /** No force model: a screw-driven tamp holds the plate by its shape, not by a pressure shared with another device. */
  pushN(): number {
    return 0;
  }

  holdsPlate(): boolean {
    return this.inserted && this.volume > 0 && this.ownT > 0 && this.ownT >= this.plate.t - 1e-9;
  }

  /** Restoration fraction the ball's overreach at diameter d gives. */
  private liftFractionAt(d: number): number {
    if (!(this.liftableMm > 0)) return 0;
    return Math.min(1, (this.device.liftShare * Math.max(0, d - this.spanMm)) / this.liftableMm);
  }

  private setVolume(v: number, events: DomainEvent[]): void {
    const before = this.volume;
    this.volume = Math.max(0, v);
    this.sweptMl = Math.max(this.sweptMl, this.volume);
    this.peakVolume = Math.max(this.peakVolume, this.volume);
    if (before <= 0 && this.volume > 0) events.push({ type: 'balloon.inflated' });
    if (before > 0 && this.volume <= 0) events.push({ type: 'balloon.deflated' });
    const d = sphereDiameterMm(this.volume);
    if (this.contactMl === null && this.volume > 0 && d >= this.spanMm) {
      this.contactMl = this.volume;
      events.push({ type: 'balloon.endplateContact' });
    }
    this.ownT = this.liftFractionAt(d);
    if (this.ownT > this.plate.t) this.plate.t = this.ownT;
    else if (!this.plate.heldByOther(this)) {
      // The plate rides down on the closing ball until compacted bone catches it.
      const floorT = this.plate.peakT * (1 - BALLOON_MODEL.deflationLoss);
      this.plate.t = Math.min(this.plate.t, Math.max(floorT, this.ownT));
    }
  }
}
