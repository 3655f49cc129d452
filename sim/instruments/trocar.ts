import type { Side } from '../commands';
import type { BreachWall, DomainEvent } from '../events';
import type { Breach, TrocarView } from '../snapshot';
import { add, scale, type Vec3 } from '../math/vec3';
import { classifierFor } from '../anatomy/classifierCache';
import { inTargetZone, pastPosteriorWall } from '../anatomy/landmarks';
import { skinZAt } from '../anatomy/torso';
import { defaultSkinEntry, trajectoryDirection } from '../anatomy/idealTrajectory';
import { CODE, TISSUES } from '../anatomy/tissueCodes';
import type { Anatomy } from '../anatomy/types';
import type { TissueClassifier } from '../anatomy/tissueClassifier';
import { breachAt } from '../physics/breachAt';
import { MAX_SUBSTEP_MM, NeedleWorld, type WallContact } from '../physics/needleWorld';
import { pedicleMilestones, violatesSafetyRule } from './trocarChecks';
import { advanceSpeedMmS, withdrawSpeedMmS } from './trocarSpeeds';

type Milestone = TrocarView['milestone'];
const MILESTONES: readonly Milestone[] = ['outside', 'skin', 'docked', 'pedicle', 'body', 'target'];
/** Working length of the trocar, mm: long enough for an obese patient's lumbar approach (assumed). */
const MAX_DEPTH_MM = 200;
/** Inside bone the path is held: the aim may change by at most this much from the angles it entered bone with (assumed). */
export const MAX_BONE_REAIM_DEG = 5;

/**
 * The trocar and, after the exchange, the working cannula with its drill (README.md in
 * sim/physics). Commands queue motion; step() moves the tip toward the requested depth at a
 * tissue-dependent speed in sub-steps of at most MAX_SUBSTEP_MM, with the needle world and the 3D
 * anatomy checked after each sub-step, and returns the domain events that happened.
 */
export class Trocar {
  private side: Side | null = null;
  private entry: Vec3 = { x: 0, y: 0, z: 0 };
  private dir: Vec3 = trajectoryDirection('left', 0, 0);
  private medialDeg = 0;
  private caudalDeg = 0;
  private depthMm = 0;
  private requestedMm = 0;
  /** Depth at which the tip entered bone on this pass, and the aim it had then; null outside bone. */
  private boneEntryDepthMm: number | null = null;
  private boneAim = { medialDeg: 0, caudalDeg: 0 };
  private withdrewInBone = false;
  private milestone: Milestone = 'outside';
  private readonly emitted = new Set<DomainEvent['type']>();
  private readonly breaches = new Map<BreachWall, Breach>();
  private safetyViolated = false;
  private redirections = 0;
  private cannula = false;
  private channelEndMm = 0;
  private drillTargetMm = 0;
  private drilling = false;
  private removed = false;
  private ticks = 0;
  private contacts: WallContact[] = [];
  private readonly world: NeedleWorld;
  private readonly classify: TissueClassifier;

  constructor(
    private readonly anatomy: Anatomy,
    private readonly gauge: number,
  ) {
    this.world = new NeedleWorld(anatomy);
    this.classify = classifierFor(anatomy);
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
    return true;
  }

  /** Aim (absolute degrees). Outside bone it pivots about the skin entry; inside bone about the bone entry, limited to a few degrees. */
  aim(medialDeg: number, caudalDeg: number): boolean {
    const side = this.side ?? 'left';
    const inBone = this.boneEntryDepthMm !== null;
    if (inBone) {
      const lim = (v: number, c: number): number => Math.min(c + MAX_BONE_REAIM_DEG, Math.max(c - MAX_BONE_REAIM_DEG, v));
      medialDeg = lim(medialDeg, this.boneAim.medialDeg);
      caudalDeg = lim(caudalDeg, this.boneAim.caudalDeg);
    }
    const changed = Math.abs(medialDeg - this.medialDeg) > 1e-9 || Math.abs(caudalDeg - this.caudalDeg) > 1e-9;
    if (!changed) return true;
    if (this.withdrewInBone) {
      this.redirections++;
      this.withdrewInBone = false;
    }
    const pivotDepth = inBone ? this.boneEntryDepthMm! : 0;
    const pivot = add(this.entry, scale(this.dir, pivotDepth));
    this.medialDeg = medialDeg;
    this.caudalDeg = caudalDeg;
    this.dir = trajectoryDirection(side, medialDeg, caudalDeg);
    this.entry = add(pivot, scale(this.dir, -pivotDepth));
    // A drilled channel lies along the old axis: it is no longer ahead of the tip.
    this.channelEndMm = Math.min(this.channelEndMm, this.depthMm);
    if (!inBone && this.side !== null) this.stopAtBone();
    return true;
  }

  /** Queue an advance (mm > 0) or withdrawal (mm < 0) along the axis. */
  requestAdvance(mm: number): boolean {
    if (this.side === null || this.removed) return false;
    this.requestedMm = Math.min(MAX_DEPTH_MM, Math.max(0, this.requestedMm + mm));
    return true;
  }

  /** Exchange for the working cannula (if not yet) and drill a channel mm ahead of the tip; 'channel.ready' when done. Needs the tip in bone. */
  drill(mm: number): boolean {
    if (this.side === null || this.removed || mm <= 0 || this.boneEntryDepthMm === null) return false;
    this.cannula = true;
    this.drillTargetMm = Math.min(MAX_DEPTH_MM, Math.max(this.channelEndMm, this.requestedMm) + mm);
    this.drilling = true;
    return true;
  }

  /** Take the instruments out. The record (breaches, milestone, redirections) stays in view(). */
  removeAll(): void {
    this.removed = true;
    this.depthMm = 0;
    this.requestedMm = 0;
    this.cannula = false;
    this.channelEndMm = 0;
    this.drilling = false;
    this.boneEntryDepthMm = null;
  }

  /** True while the tip or the drill still has queued motion. */
  get moving(): boolean {
    return !this.removed && this.side !== null && (this.depthMm !== this.requestedMm || this.drilling);
  }

  /** Advance time by dtS; tick (defaults to an internal counter) stamps breaches. Returns the events that happened. */
  step(dtS: number, tick: number = this.ticks): DomainEvent[] {
    this.ticks = tick + 1;
    const events: DomainEvent[] = [];
    if (this.side === null || this.removed) return events;
    let timeS = dtS;
    for (let guard = 0; timeS > 1e-12 && guard < 1_000_000; guard++) {
      if (this.depthMm !== this.requestedMm) {
        const sign = Math.sign(this.requestedMm - this.depthMm);
        const ahead = add(this.tip(), scale(this.dir, sign * 0.05));
        const tissue = TISSUES[this.classify(ahead.x, ahead.y, ahead.z)];
        const touching = this.contacts.length > 0;
        const speed = sign > 0 ? advanceSpeedMmS(tissue, this.anatomy.cancellousStrengthMPa, touching) : withdrawSpeedMmS(this.boneEntryDepthMm !== null);
        const move = Math.min(MAX_SUBSTEP_MM, Math.abs(this.requestedMm - this.depthMm), speed * timeS);
        if (sign < 0 && this.boneEntryDepthMm !== null) this.withdrewInBone = true;
        this.depthMm = Math.abs(this.requestedMm - this.depthMm - sign * move) < 1e-9 ? this.requestedMm : this.depthMm + sign * move;
        timeS -= move / speed;
        this.afterTipMove(events, tick);
      } else if (this.drilling) {
        const from = Math.max(this.channelEndMm, this.depthMm);
        const drillTip = add(this.entry, scale(this.dir, from + 0.05));
        const tissue = TISSUES[this.classify(drillTip.x, drillTip.y, drillTip.z)];
        const speed = advanceSpeedMmS(tissue, this.anatomy.cancellousStrengthMPa, false);
        const move = Math.min(MAX_SUBSTEP_MM, this.drillTargetMm - from, speed * timeS);
        this.channelEndMm = from + move;
        timeS -= move / speed;
        this.checkWorkingTip(add(this.entry, scale(this.dir, this.channelEndMm)), events, tick);
        if (this.channelEndMm >= this.drillTargetMm - 1e-9) {
          this.channelEndMm = this.drillTargetMm;
          this.drilling = false;
          events.push({ type: 'channel.ready' });
        }
      } else break;
    }
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
      cannula: this.cannula,
      channelMm: this.cannula ? Math.max(0, this.channelEndMm - this.depthMm) : 0,
      breaches: [...this.breaches.values()].sort((a, b) => a.tick - b.tick),
      safetyRuleViolated: this.safetyViolated,
      redirections: this.redirections,
      removed: this.removed,
    };
  }

  private tip(): Vec3 {
    return add(this.entry, scale(this.dir, this.depthMm));
  }

  private startNewPass(): void {
    this.milestone = 'outside';
    this.emitted.clear();
    this.cannula = false;
    this.channelEndMm = 0;
    this.drilling = false;
    this.withdrewInBone = false;
  }

  /** After an aim change in soft tissue, a tip swept into bone is pushed back to the bone surface. */
  private stopAtBone(): void {
    for (let d = 0; d <= this.depthMm; d += MAX_SUBSTEP_MM) {
      const q = add(this.entry, scale(this.dir, d));
      const code = this.classify(q.x, q.y, q.z);
      if (code === CODE.cortical || code === CODE.cancellous) {
        this.depthMm = Math.max(0, d - MAX_SUBSTEP_MM);
        this.requestedMm = this.depthMm;
        return;
      }
    }
  }

  private once(events: DomainEvent[], event: DomainEvent, milestone?: Milestone): void {
    if (milestone && MILESTONES.indexOf(milestone) > MILESTONES.indexOf(this.milestone)) this.milestone = milestone;
    if (this.emitted.has(event.type)) return;
    this.emitted.add(event.type);
    events.push(event);
  }

  private afterTipMove(events: DomainEvent[], tick: number): void {
    const side = this.side!;
    const tip = this.tip();
    if (this.depthMm > 0) this.once(events, { type: 'needle.skinPunctured' }, 'skin');
    this.contacts = this.world.moveTip(tip);
    const code = this.classify(tip.x, tip.y, tip.z);
    const inBone = code === CODE.cortical || code === CODE.cancellous;
    if (this.boneEntryDepthMm !== null && this.depthMm < this.boneEntryDepthMm) this.boneEntryDepthMm = null;
    if (inBone && this.boneEntryDepthMm === null) {
      this.boneEntryDepthMm = this.depthMm;
      this.boneAim = { medialDeg: this.medialDeg, caudalDeg: this.caudalDeg };
    }
    const pedicle = pedicleMilestones(this.anatomy, side, tip, this.contacts);
    if (pedicle.docked) this.once(events, { type: 'needle.docked' }, 'docked');
    if (pedicle.inPedicle) this.once(events, { type: 'needle.inPedicle' }, 'pedicle');
    if (pastPosteriorWall(this.anatomy, tip)) this.once(events, { type: 'needle.pastPosteriorWall' }, 'body');
    this.checkWorkingTip(tip, events, tick);
  }

  /** Breach, safety rule and target zone for the trocar tip or the drill tip. */
  private checkWorkingTip(q: Vec3, events: DomainEvent[], tick: number): void {
    const side = this.side!;
    const breach = breachAt(this.anatomy, q, side);
    if (breach) {
      const prev = this.breaches.get(breach.wall);
      if (!prev) {
        this.breaches.set(breach.wall, { wall: breach.wall, depthMm: breach.depthMm, tick, position: q });
        events.push({ type: 'needle.breach', wall: breach.wall, depthMm: breach.depthMm });
      } else if (breach.depthMm > prev.depthMm) {
        this.breaches.set(breach.wall, { ...prev, depthMm: breach.depthMm });
      }
    }
    // Judged from the tip, whether or not anyone took an image.
    if (!this.safetyViolated && violatesSafetyRule(this.anatomy, side, q)) {
      this.safetyViolated = true;
      events.push({ type: 'needle.safetyRuleViolated' });
    }
    if (inTargetZone(this.anatomy, q)) this.once(events, { type: 'needle.inTargetZone' }, 'target');
  }
}
