import type { ExchangeStep, Side } from '../core/commands';
import type { BreachWall, DomainEvent } from '../core/events';
import { add, dot, length, normalize, scale, sub, type Vec3 } from '../math/vec3';
import { classifierFor } from '../anatomy/classifierCache';
import { inTargetZone, pastPosteriorWall, pedicleLocal, pedicleOf } from '../anatomy/landmarks';
import { skinZAt } from '../anatomy/torso';
import { defaultSkinEntry, trajectoryAngles, trajectoryDirection } from '../anatomy/idealTrajectory';
import { CODE, TISSUES } from '../anatomy/tissueCodes';
import type { Anatomy, Tissue } from '../anatomy/types';
import type { TissueClassifier } from '../anatomy/tissueClassifier';
import { BreachTracker, type BreachRecord } from '../physics/breachTracker';
import { MAX_SUBSTEP_MM, NeedleWorld, type WallContact } from '../physics/needleWorld';
import { PENETRATION, resistanceN } from '../physics/penetrationResistance';
import { surfaceNormal } from '../physics/surfaceNormal';
import { inTargetVertebra } from '../physics/targetVertebra';
import { channelOpen, exchanged, freshAccessInstruments, type AccessInstruments } from './accessInstruments';
import { gaugeToDiameterMm } from './trocarGauge';
import { atPedicleEntry, pedicleMilestones, violatesSafetyRule } from './trocarChecks';
import { channelReadiness } from './trocarChannel';
import { advanceSpeedMmS, handSpeedMmS, TROCAR_SPEED_MM_S, withdrawSpeedMmS } from './trocarSpeeds';
import type { TrocarView } from './trocarView';

type Milestone = TrocarView['milestone'];
const MILESTONES: readonly Milestone[] = ['outside', 'skin', 'docked', 'pedicle', 'body', 'target'];
/** Working length of the trocar, mm: long enough for an obese patient's lumbar approach (assumed). */
const MAX_DEPTH_MM = 200;
/** Inside bone the path is held: the aim may change by at most this much from the angles it entered bone with (assumed). */
export const MAX_BONE_REAIM_DEG = 5;
/**
 * From the point a needle turns on in the tissue to the operator's grip on its handle, outside the
 * skin, mm (assumed: about 10 cm of an 11-13 G access needle stand out of a prone patient's back).
 */
export const JOLT_HANDLE_LEVER_MM = 100;
/**
 * A tip meeting cortex further than this from the surface normal slides along it instead of
 * biting (skiving). Assumed: surgeons are taught to meet bone "as square as possible"; a trocar
 * tip bites reliably within ~45-60 degrees of the normal.
 */
export const SKIVE_ANGLE_DEG = 60;
/** The tip has gone this far in front of the pedicle's anterior end without entering the target: it missed the pedicle, mm (assumed). */
const MISSED_PEDICLE_MM = 3;
/**
 * A tip lateral of the pedicle may still be on the extrapedicular route (thoracic: through the
 * costovertebral gap onto the body's side); it has missed only once this far in front of the
 * pedicle without reaching the body, mm (assumed: the route docks within a few mm of it).
 */
const MISSED_LATERAL_MM = 10;
/**
 * A mallet tap keeps the operator's hands on the instruments this long: one hand steadies the
 * trocar while the other swings the mallet (assumed: one blow about every half second).
 */
export const TAP_HOLD_S = 0.5;

const isBoneCode = (c: number): boolean => c === CODE.cortical || c === CODE.cancellous;

/**
 * The access needle and, after the exchange, the working cannula with its drill (README.md in
 * sim/physics). Hand pushes and mallet taps drive the tip against the resistance of the tissue
 * ahead (penetrationResistance.ts) in sub-steps of at most MAX_SUBSTEP_MM; a tip meeting cortex
 * at a glancing angle skives along it; after each sub-step the needle world, the 3D anatomy, the
 * breach tracker and the safety rule are checked, and step() returns the domain events.
 */
export class Trocar {
  private side: Side | null = null;
  private entry: Vec3 = { x: 0, y: 0, z: 0 };
  private dir: Vec3 = trajectoryDirection('left', 0, 0);
  private medialDeg = 0;
  private caudalDeg = 0;
  private depthMm = 0;
  /** Depth the hand is pushing (or pulling) the tip to. */
  private requestedMm = 0;
  /** Energy of mallet taps not yet spent, mJ, and the travel left before the hand checks the tap, mm. */
  private tapEnergyMJ = 0;
  private tapTravelMm = 0;
  private stallReported = false;
  /** Depth at which the tip entered bone on this pass, and the aim it had then; null outside bone. */
  private boneEntryDepthMm: number | null = null;
  private boneAim = { medialDeg: 0, caudalDeg: 0 };
  private touchedTargetThisPass = false;
  private withdrewInBone = false;
  private milestone: Milestone = 'outside';
  private readonly emitted = new Set<DomainEvent['type']>();
  private readonly breaches: BreachRecord = new Map();
  private tipTracker: BreachTracker | null = null;
  private drillTracker: BreachTracker | null = null;
  private safetyViolated = false;
  private redirections = 0;
  private skives = 0;
  private skivedMm = 0;
  private skivingNow = false;
  /** Depth of the last tip position in subcutaneous fat on this pass (the fascia follows), mm. */
  private fatLeftAtMm: number | null = null;
  /** Length of the slide in progress, mm. */
  private slideMm = 0;
  private taps = 0;
  private missedPedicle: TrocarView['missedPedicle'] = null;
  private instruments: AccessInstruments;
  private channelEndMm = 0;
  private drillTargetMm = 0;
  private drilling = false;
  private removed = false;
  private ticks = 0;
  private contacts: WallContact[] = [];
  private readonly world: NeedleWorld;
  private readonly classify: TissueClassifier;
  private readonly isBone: (x: number, y: number, z: number) => boolean;
  private readonly odMm: number;
  /** Time a tap still holds the hands on the instruments, s (TAP_HOLD_S). */
  private tapHoldS = 0;
  /** The operator's hands worked this instrument during the last step (push, pull, tap, drill). */
  private handOn = false;

  /** balloonLengthMm: the working length of the balloon the channel must hold (trocarChannel.ts). */
  constructor(
    private readonly anatomy: Anatomy,
    private readonly gauge: number,
    private readonly procedure: 'kyphoplasty' | 'vertebroplasty' = 'kyphoplasty',
    private readonly balloonLengthMm = 15,
  ) {
    this.world = new NeedleWorld(anatomy);
    this.classify = classifierFor(anatomy);
    this.isBone = (x, y, z) => isBoneCode(this.classify(x, y, z));
    this.odMm = gaugeToDiameterMm(gauge);
    this.instruments = freshAccessInstruments(procedure);
  }

  /** Choose the skin entry: offsets (mm) from defaultSkinEntry, lateral and cranial. Only while the tip is outside the skin. */
  setEntry(side: Side, lateralMm: number, cranialMm: number): boolean {
    if (this.depthMm > 0) return false;
    if (this.side !== null && this.side !== side) this.startNewPass();
    const base = defaultSkinEntry(this.anatomy, side);
    const x = base.x + (side === 'left' ? 1 : -1) * lateralMm;
    this.side = side;
    this.entry = { x, y: base.y + cranialMm, z: skinZAt(this.anatomy, x) };
    this.dir = trajectoryDirection(side, this.medialDeg, this.caudalDeg);
    this.removed = false;
    this.tipTracker = new BreachTracker(this.anatomy, side, this.classify, this.breaches);
    this.drillTracker = new BreachTracker(this.anatomy, side, this.classify, this.breaches);
    return true;
  }

  /** Aim (absolute degrees). Outside bone it pivots about the skin entry; inside bone about the bone entry, limited to a few degrees. */
  aim(medialDeg: number, caudalDeg: number): boolean {
    const boneEntryDepthMm = this.boneEntryDepthMm;
    const inBone = boneEntryDepthMm !== null;
    if (inBone) {
      const lim = (v: number, c: number): number =>
        Math.min(c + MAX_BONE_REAIM_DEG, Math.max(c - MAX_BONE_REAIM_DEG, v));
      medialDeg = lim(medialDeg, this.boneAim.medialDeg);
      caudalDeg = lim(caudalDeg, this.boneAim.caudalDeg);
    }
    const changed = Math.abs(medialDeg - this.medialDeg) > 1e-9 || Math.abs(caudalDeg - this.caudalDeg) > 1e-9;
    if (!changed) return true;
    if (this.withdrewInBone) {
      this.redirections++;
      this.withdrewInBone = false;
    }
    this.pivotTo(medialDeg, caudalDeg);
    return true;
  }

  /**
   * The patient moved sideways by dxMm toward their left (negative: right) while this needle was
   * in them (sim/patient/painMovement.ts). The handle stays with the operator's hand and the table
   * while the tissue holding the needle moves with the spine, so the needle levers about the point
   * it turns on (the skin entry, or the bone entry once in bone, within MAX_BONE_REAIM_DEG): a
   * flinch away from the needle swings its tip medially. Not a redirection of the operator's.
   * Only the access needle with its stylet levers so (the access, where docking and taps hurt);
   * after the exchange the cannula's course is not moved (a simplification).
   * Returns the change of the medial angle, deg.
   */
  jolt(dxMm: number): number {
    if (this.side === null || this.removed || this.depthMm <= 0) return 0;
    if (!this.instruments.needleIn || !this.instruments.styletIn) return 0;
    const lever = JOLT_HANDLE_LEVER_MM + (this.boneEntryDepthMm ?? 0);
    const towardMedial = this.side === 'left' ? -dxMm : dxMm;
    let medialDeg = this.medialDeg + (Math.atan2(towardMedial, lever) * 180) / Math.PI;
    if (this.boneEntryDepthMm !== null)
      medialDeg = Math.min(
        this.boneAim.medialDeg + MAX_BONE_REAIM_DEG,
        Math.max(this.boneAim.medialDeg - MAX_BONE_REAIM_DEG, medialDeg),
      );
    const before = this.medialDeg;
    if (Math.abs(medialDeg - before) > 1e-9) this.pivotTo(medialDeg, this.caudalDeg);
    return this.medialDeg - before;
  }

  /** Turn to these angles about the skin entry, or about the bone entry once in bone. */
  private pivotTo(medialDeg: number, caudalDeg: number): void {
    const side = this.side ?? 'left';
    const boneEntryDepthMm = this.boneEntryDepthMm;
    const inBone = boneEntryDepthMm !== null;
    const pivotDepth = inBone ? boneEntryDepthMm : 0;
    const pivot = add(this.entry, scale(this.dir, pivotDepth));
    this.medialDeg = medialDeg;
    this.caudalDeg = caudalDeg;
    this.dir = trajectoryDirection(side, medialDeg, caudalDeg);
    this.entry = add(pivot, scale(this.dir, -pivotDepth));
    // A drilled channel lies along the old axis: it is no longer ahead of the tip.
    this.channelEndMm = Math.min(this.channelEndMm, this.depthMm);
    if (!inBone && this.side !== null) this.stopAtBone();
  }

  /** Queue a hand push (mm > 0; it stalls where the tissue resists more than a hand) or a withdrawal (mm < 0). */
  requestAdvance(mm: number): boolean {
    if (this.side === null || this.removed || !this.instruments.needleIn) return false;
    this.requestedMm = Math.min(MAX_DEPTH_MM, Math.max(0, this.requestedMm + mm));
    this.stallReported = false;
    if (mm < 0) this.tapEnergyMJ = 0;
    return true;
  }

  /** One mallet tap on the handle: its energy drives the tip on (penetrationResistance.ts). */
  tap(): boolean {
    if (this.side === null || this.removed || !this.instruments.needleIn) return false;
    this.requestedMm = this.depthMm;
    // Taps sent faster than the tip moves add up: each brings its own energy and its own checked travel.
    const inFlight = this.tapEnergyMJ > 0;
    this.tapEnergyMJ += PENETRATION.tapEnergyMJ;
    this.tapTravelMm = (inFlight ? Math.max(0, this.tapTravelMm) : 0) + PENETRATION.maxTapTravelMm;
    this.tapHoldS = TAP_HOLD_S;
    this.taps++;
    return true;
  }

  /** One step of the instrument exchange (accessInstruments.ts); false when out of order. */
  exchange(step: ExchangeStep): boolean {
    if (this.side === null || this.removed) return false;
    const next = exchanged(this.instruments, step);
    if (!next) return false;
    this.instruments = next;
    this.requestedMm = this.depthMm;
    this.tapEnergyMJ = 0;
    if (step === 'introducer.insert') this.channelEndMm = this.depthMm;
    return true;
  }

  /**
   * Drill a channel mm ahead of the cannula tip through the open osteo-introducer. When the drill
   * stops: 'channel.ready' if the channel reaches the target depth (trocarChannel.ts), else
   * 'channel.short' with how much more it needs.
   */
  drill(mm: number): boolean {
    if (this.side === null || this.removed || mm <= 0 || this.boneEntryDepthMm === null) return false;
    if (!channelOpen(this.instruments) || this.instruments.needle === 'biopsy') return false;
    if (!this.drilling)
      this.drillTracker?.reset(true, add(this.entry, scale(this.dir, Math.max(this.channelEndMm, this.depthMm))));
    this.drillTargetMm = Math.min(MAX_DEPTH_MM, Math.max(this.channelEndMm, this.depthMm) + mm);
    this.drilling = true;
    return true;
  }

  /** The deepest breach through that wall so far, mm; 0 if none (the patient's nerve injury reads it every step). */
  breachDepthMm(wall: BreachWall): number {
    return this.breaches.get(wall)?.depthMm ?? 0;
  }

  /** Take the instruments out. The record (breaches, milestone, redirections) stays in view(). */
  removeAll(): void {
    this.removed = true;
    this.depthMm = 0;
    this.requestedMm = 0;
    this.tapEnergyMJ = 0;
    this.channelEndMm = 0;
    this.drilling = false;
    this.boneEntryDepthMm = null;
    this.tapHoldS = 0;
    this.handOn = false;
  }

  /**
   * True when the operator's hands worked this instrument during the last step: a hand push or
   * pull that moved the tip, a mallet tap (TAP_HOLD_S), the drill turning. A push that stalls at
   * once moves nothing and takes no time: the hand stops when the needle stops.
   */
  get handsOn(): boolean {
    return this.handOn;
  }

  /** True while the tip or the drill still has queued motion. */
  get moving(): boolean {
    return (
      !this.removed &&
      this.side !== null &&
      (this.depthMm !== this.requestedMm || this.tapEnergyMJ > 0 || this.drilling)
    );
  }

  /** Advance time by dtS; tick (defaults to an internal counter) stamps breaches. Returns the events that happened. */
  step(dtS: number, tick: number = this.ticks): DomainEvent[] {
    this.ticks = tick + 1;
    const events: DomainEvent[] = [];
    if (this.side === null || this.removed) return events;
    let timeS = dtS;
    const holding = this.tapHoldS > 0;
    this.tapHoldS = Math.max(0, this.tapHoldS - dtS);
    for (let guard = 0; timeS > 1e-12 && guard < 1_000_000; guard++) {
      if (this.requestedMm < this.depthMm) timeS -= this.withdrawStep(timeS, events);
      else if (this.requestedMm > this.depthMm) timeS -= this.pushStep(timeS, events, tick, 'hand');
      else if (this.tapEnergyMJ > 0) timeS -= this.pushStep(timeS, events, tick, 'tap');
      else if (this.drilling) timeS -= this.drillStep(timeS, events, tick);
      else break;
    }
    this.handOn = holding || timeS < dtS - 1e-12;
    if (!this.moving) this.endSlide(events);
    return events;
  }

  /** Plain view for the snapshot; null until an entry is chosen. */
  view(): TrocarView | null {
    if (this.side === null) return null;
    const tip = this.tip();
    return {
      side: this.side,
      gauge: this.gauge,
      entry: this.entry,
      direction: this.dir,
      medialDeg: this.medialDeg,
      caudalDeg: this.caudalDeg,
      tip,
      depthMm: this.depthMm,
      tissueAtTip: TISSUES[this.classify(tip.x, tip.y, tip.z)],
      milestone: this.milestone,
      instruments: this.instruments,
      cannula: this.instruments.cannulaIn,
      channelMm: this.instruments.cannulaIn ? Math.max(0, this.channelEndMm - this.depthMm) : 0,
      breaches: [...this.breaches.values()].sort((a, b) => a.tick - b.tick),
      safetyRuleViolated: this.safetyViolated,
      redirections: this.redirections,
      skives: this.skives,
      skivedMm: this.skivedMm,
      taps: this.taps,
      missedPedicle: this.missedPedicle,
      removed: this.removed,
    };
  }

  /**
   * Where cement leaves the instruments: the tip while the working channel is open, else null. The
   * same point as view().tip, without building the whole view (the world asks every step).
   */
  openChannelTip(): Vec3 | null {
    return this.side !== null && channelOpen(this.instruments) ? this.tip() : null;
  }

  private tip(): Vec3 {
    return add(this.entry, scale(this.dir, this.depthMm));
  }

  /** Pull back toward requestedMm; returns the time used. */
  private withdrawStep(timeS: number, events: DomainEvent[]): number {
    const speed = withdrawSpeedMmS(this.boneEntryDepthMm !== null);
    const move = Math.min(MAX_SUBSTEP_MM, this.depthMm - this.requestedMm, speed * timeS);
    if (this.boneEntryDepthMm !== null) this.withdrewInBone = true;
    this.depthMm = this.depthMm - move - this.requestedMm < 1e-9 ? this.requestedMm : this.depthMm - move;
    this.tipTracker?.withdrawn(this.tip());
    this.afterTipMove(events, this.ticks - 1, false);
    return move / speed;
  }

  /**
   * One forward sub-step by hand or by the energy of a tap: skive on glancing cortex, stall when
   * the hand cannot beat the resistance, spend the tap's energy as work. Returns the time used.
   */
  private pushStep(timeS: number, events: DomainEvent[], tick: number, by: 'hand' | 'tap'): number {
    const tip = this.tip();
    const probe = Math.min(MAX_SUBSTEP_MM, by === 'hand' ? this.requestedMm - this.depthMm : MAX_SUBSTEP_MM);
    const ahead = add(tip, scale(this.dir, Math.max(0.05, probe)));
    const aheadCode = this.classify(ahead.x, ahead.y, ahead.z);
    const tissue: Tissue = TISSUES[aheadCode];
    const inBoneNow = isBoneCode(this.classify(tip.x, tip.y, tip.z));
    const shaftInBoneMm = this.boneEntryDepthMm === null ? 0 : this.depthMm - this.boneEntryDepthMm;
    const inFascia = this.fatLeftAtMm !== null && this.depthMm + probe - this.fatLeftAtMm <= PENETRATION.fasciaMm;
    const resistance = resistanceN(tissue, shaftInBoneMm, this.odMm, this.anatomy, inFascia);
    // Meeting bone at a glancing angle the tip slides along it (by hand as by tap) before any bite or stall.
    if (!inBoneNow && isBoneCode(aheadCode)) {
      const softN = PENETRATION.softN.muscle;
      const slideSpeed = by === 'hand' ? handSpeedMmS(softN) : TROCAR_SPEED_MM_S.tapTravel;
      const slideBudget =
        by === 'hand' ? this.requestedMm - this.depthMm : Math.min(this.tapTravelMm, this.tapEnergyMJ / softN);
      const slide = Math.min(MAX_SUBSTEP_MM, slideBudget, slideSpeed * timeS);
      if (slide > 1e-9 && this.skive(tip, ahead, slide)) {
        if (by === 'tap') this.spendTap(slide, softN);
        else this.requestedMm = Math.max(this.depthMm, this.requestedMm - slide);
        this.afterTipMove(events, tick, true, by === 'hand');
        return slide / slideSpeed;
      }
    }
    const budget =
      by === 'hand' ? this.requestedMm - this.depthMm : Math.min(this.tapTravelMm, this.tapEnergyMJ / resistance);
    if (by === 'hand' && resistance > PENETRATION.handForceN) {
      // The hand cannot push on: the tip waits at the surface for the mallet.
      this.requestedMm = this.depthMm;
      this.endSlide(events);
      if (!this.stallReported) events.push({ type: 'needle.stalled', tissue });
      this.stallReported = true;
      // Held by bone at the pedicle's entry: the operator feels the needle dock.
      if (isBoneCode(aheadCode) && atPedicleEntry(this.anatomy, this.requireSide(), ahead))
        this.once(events, { type: 'needle.docked' }, 'docked');
      return 0;
    }
    if (by === 'tap' && budget < 1e-3) {
      this.tapEnergyMJ = 0;
      this.endSlide(events);
      return 0;
    }
    const speed = by === 'hand' ? handSpeedMmS(resistance) : TROCAR_SPEED_MM_S.tapTravel;
    const move = Math.min(MAX_SUBSTEP_MM, budget, speed * timeS);
    if (move <= 1e-9) return timeS;
    this.depthMm =
      by === 'hand' && Math.abs(this.requestedMm - this.depthMm - move) < 1e-9 ? this.requestedMm : this.depthMm + move;
    if (by === 'tap') {
      this.requestedMm = this.depthMm;
      this.spendTap(move, resistance);
    }
    this.endSlide(events);
    this.afterTipMove(events, tick, true, by === 'hand');
    return move / speed;
  }

  private spendTap(move: number, resistanceNow: number): void {
    this.tapEnergyMJ = Math.max(0, this.tapEnergyMJ - move * resistanceNow);
    this.tapTravelMm -= move;
    if (this.tapTravelMm <= 1e-9) this.tapEnergyMJ = 0;
  }

  /**
   * The tip meets bone: if the approach is more than SKIVE_ANGLE_DEG off the surface normal it
   * slides along the surface by `move` instead of biting; the needle pivots about its skin entry,
   * so the aim follows the tip. Returns true when it skived.
   */
  private skive(tip: Vec3, ahead: Vec3, move: number): boolean {
    const n = surfaceNormal(this.isBone, ahead);
    if (!n) return false;
    const cosIncidence = -dot(this.dir, n);
    if (cosIncidence >= Math.cos((SKIVE_ANGLE_DEG * Math.PI) / 180)) return false;
    const tangent = sub(this.dir, scale(n, dot(this.dir, n)));
    if (length(tangent) < 1e-6) return false;
    let next = add(tip, scale(normalize(tangent), move));
    // Stay on the surface, not in it.
    for (let k = 0; k < 8 && this.isBone(next.x, next.y, next.z); k++) next = add(next, scale(n, 0.1));
    const shaft = sub(next, this.entry);
    this.depthMm = length(shaft);
    this.requestedMm = Math.max(this.requestedMm, this.depthMm);
    this.dir = normalize(shaft);
    const angles = trajectoryAngles(this.requireSide(), this.dir);
    this.medialDeg = angles.medialDeg;
    this.caudalDeg = angles.caudalDeg;
    this.skivedMm += move;
    this.slideMm += move;
    this.skivingNow = true;
    return true;
  }

  /** A slide along the cortex is over (the tip bit, stalled or stopped): report it once, with its length. */
  private endSlide(events: DomainEvent[]): void {
    if (!this.skivingNow) return;
    this.skives++;
    events.push({ type: 'needle.skived', mm: this.slideMm });
    this.skivingNow = false;
    this.slideMm = 0;
  }

  /** One drill sub-step through the open cannula; returns the time used. */
  private drillStep(timeS: number, events: DomainEvent[], tick: number): number {
    const from = Math.max(this.channelEndMm, this.depthMm);
    const drillTip = add(this.entry, scale(this.dir, from + 0.05));
    const tissue = TISSUES[this.classify(drillTip.x, drillTip.y, drillTip.z)];
    const speed = advanceSpeedMmS(tissue, this.anatomy.cancellousStrengthMPa, false);
    const move = Math.min(MAX_SUBSTEP_MM, this.drillTargetMm - from, speed * timeS);
    this.channelEndMm = from + move;
    const q = add(this.entry, scale(this.dir, this.channelEndMm));
    this.drillTracker?.advanced(q, tick, events);
    this.checkWorkingTip(q, events);
    if (this.channelEndMm >= this.drillTargetMm - 1e-9) {
      this.channelEndMm = this.drillTargetMm;
      this.drilling = false;
      const channelMm = this.channelEndMm - this.depthMm;
      const r = channelReadiness(this.anatomy, this.tip(), this.dir, channelMm, this.balloonLengthMm);
      events.push(r.ready ? { type: 'channel.ready' } : { type: 'channel.short', channelMm, moreMm: r.moreMm });
    }
    return move / speed;
  }

  private startNewPass(): void {
    this.milestone = 'outside';
    this.fatLeftAtMm = null;
    this.emitted.clear();
    this.instruments = freshAccessInstruments(this.procedure);
    this.channelEndMm = 0;
    this.drilling = false;
    this.withdrewInBone = false;
    this.touchedTargetThisPass = false;
  }

  /** After an aim change in soft tissue, a tip swept into bone is pushed back to the bone surface. */
  private stopAtBone(): void {
    for (let d = 0; d <= this.depthMm; d += MAX_SUBSTEP_MM) {
      const q = add(this.entry, scale(this.dir, d));
      if (this.isBone(q.x, q.y, q.z)) {
        this.depthMm = Math.max(0, d - MAX_SUBSTEP_MM);
        this.requestedMm = this.depthMm;
        return;
      }
    }
  }

  /** The side of the current pass; the tip only moves once setEntry has chosen one. */
  private requireSide(): Side {
    if (this.side === null) throw new Error('Trocar: the tip moved before needle.entry chose a side');
    return this.side;
  }

  private once(events: DomainEvent[], event: DomainEvent, milestone?: Milestone): void {
    if (milestone && MILESTONES.indexOf(milestone) > MILESTONES.indexOf(this.milestone)) this.milestone = milestone;
    if (this.emitted.has(event.type)) return;
    this.emitted.add(event.type);
    events.push(event);
  }

  private afterTipMove(events: DomainEvent[], tick: number, forward: boolean, byHand = false): void {
    const side = this.requireSide();
    const tip = this.tip();
    if (this.depthMm > 0) this.once(events, { type: 'needle.skinPunctured' }, 'skin');
    this.contacts = this.world.moveTip(tip);
    const code = this.classify(tip.x, tip.y, tip.z);
    const inBone = isBoneCode(code);
    // Where the tip last left the subcutaneous fat: the deep fascia lies just beyond.
    if (TISSUES[code] === 'fat') this.fatLeftAtMm = this.depthMm;
    if (this.boneEntryDepthMm !== null && this.depthMm < this.boneEntryDepthMm) this.boneEntryDepthMm = null;
    if (inBone && this.boneEntryDepthMm === null) {
      this.boneEntryDepthMm = this.depthMm;
      this.boneAim = { medialDeg: this.medialDeg, caudalDeg: this.caudalDeg };
    }
    if (inBone && !this.touchedTargetThisPass) this.touchedTargetThisPass = inTargetVertebra(this.anatomy, tip);
    if (forward) this.tipTracker?.advanced(tip, tick, events);
    const pedicle = pedicleMilestones(this.anatomy, side, tip, this.contacts);
    if (pedicle.docked) {
      // The hand feels the needle meet bone and stops pushing: the rest of the push is abandoned.
      if (byHand && !this.emitted.has('needle.docked')) this.requestedMm = this.depthMm;
      this.once(events, { type: 'needle.docked' }, 'docked');
    }
    if (pedicle.inPedicle) this.once(events, { type: 'needle.inPedicle' }, 'pedicle');
    if (pastPosteriorWall(this.anatomy, tip)) this.once(events, { type: 'needle.pastPosteriorWall' }, 'body');
    if (forward) this.checkMissedPedicle(tip, events);
    this.checkWorkingTip(tip, events);
  }

  /**
   * In front of the pedicle's anterior end without ever having been in the target's pedicle or
   * body on this pass (a transverse process or rib on the way does not count): the pedicle was missed.
   */
  private checkMissedPedicle(tip: Vec3, events: DomainEvent[]): void {
    if (this.touchedTargetThisPass || this.missedPedicle !== null) return;
    const p = pedicleOf(this.anatomy.vertebrae[this.anatomy.targetIndex], this.requireSide());
    const l = pedicleLocal(p, tip);
    if (l.t > -MISSED_PEDICLE_MM) return;
    const nw = l.w / p.a;
    const nv = l.v / p.b;
    const direction = Math.abs(nw) >= Math.abs(nv) ? (nw > 0 ? 'lateral' : 'medial') : nv > 0 ? 'superior' : 'inferior';
    if (direction === 'lateral' && l.t > -MISSED_LATERAL_MM) return;
    this.missedPedicle = direction;
    events.push({ type: 'needle.missedPedicle', direction });
  }

  /** Safety rule and target zone for the trocar tip or the drill tip. */
  private checkWorkingTip(q: Vec3, events: DomainEvent[]): void {
    const side = this.requireSide();
    // Judged from the tip, whether or not anyone took an image.
    if (!this.safetyViolated && violatesSafetyRule(this.anatomy, side, q)) {
      this.safetyViolated = true;
      events.push({ type: 'needle.safetyRuleViolated' });
    }
    if (inTargetZone(this.anatomy, q)) this.once(events, { type: 'needle.inTargetZone' }, 'target');
  }
}
