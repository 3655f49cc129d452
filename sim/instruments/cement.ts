import type { Anatomy } from '../anatomy/types';
import type { CementPhase, DomainEvent, LeakLocation, TackFeel } from '../core/events';
import type { CementDeliveryKind, Scenario } from '../../levels/scenarioSchema';
import type { Vec3 } from '../math/vec3';
import {
  CEMENT_PHASES,
  cementPhaseAt,
  cementTimeline,
  cementViscosityPaS,
  type CementTimeline,
} from './cementPhaseClock';
import { CEMENT_MODEL, type CementModelParams } from './cementModel';
import type { BreachOpening } from './cementOutlets';
import type { CavityWall } from './cavityWall';
import { CementBodyFlow } from './cementBodyFlow';
import { CementDelivery } from './cementDelivery';
import { tackFeel } from './tackFeel';
import type { CementView, Leak } from './cementView';

/** What the world tells the cement each step. */
export interface CementStepContext {
  readonly tick: number;
  /** Working-cannula tip, or null when no cannula is in the body. */
  readonly cannulaTip: Vec3 | null;
  /** Cavity the balloon made (0 for vertebroplasty), mL, and its centre if known. */
  readonly cavityMl: number;
  /** Share of the cavity still open once the device is out (absent: all of it). */
  readonly cavityKeptShare?: number;
  readonly cavityCentre?: Vec3 | null;
  /** What the cavity's wall is to the cement (absent: bone the balloon compacted). */
  readonly cavityWall?: CavityWall;
  readonly breachOpenings: readonly BreachOpening[];
  /**
   * An image was formed this step (a shot, or live fluoroscopy with the pedal held and the C-arm
   * still): a leak already there is now visible to the trainee, and the cement pushed so far was watched.
   */
  readonly imageAcquired?: boolean;
}

const MAX_DT_S = 1 / 60;

/**
 * Bone cement (PMMA + ~30 % barium sulfate): its phase clock, the device that pushes it, the
 * cannula, and its flow into and out of the body (README "Cement"). The cannula fills first; then
 * the cement mass grows through the balloon cavity and the bone by invasion percolation, and the
 * openings it presses on take their share by their hydraulics (cementBodyFlow.ts). Books always
 * balance: injected = in body + leaked + in cannula.
 */
export class Cement {
  private readonly params: CementModelParams;
  private readonly timeline: CementTimeline;
  private readonly body: CementBodyFlow;
  private sinceMix: number | null = null;
  private phase: CementPhase = 'unmixed';
  private pending = 0;
  private injected = 0;
  private inCannula = 0;
  private readonly leakFirstTick = new Map<LeakLocation, number>();
  private readonly leakSeenTick = new Map<LeakLocation, number>();
  private lastFlowTick: number | null = null;
  private pressureKPa = 0;
  private peakPressureKPa = 0;
  private peakBodyKPa = 0;
  /** Cement pushed out of the cannula since the last image, and the most ever pushed between two images, mL. */
  private sinceImageMl = 0;
  private maxUnimagedMl = 0;
  private cannulaIn = true;
  private stuck = false;
  private delivered = false;
  /** The bone filler or syringe pushed by hand, and the batch it is filled from. */
  readonly delivery: CementDelivery;
  private tackDue = false;
  private lastTack: { feel: TackFeel; sinceMixS: number } | null = null;

  /** Cement for this anatomy, mixed at the scenario's room temperature (optionally pre-chilled), pushed with this device. */
  constructor(
    anatomy: Anatomy,
    settings: Scenario['cement'],
    device: CementDeliveryKind = 'boneFiller',
    params?: Partial<CementModelParams>,
  ) {
    this.params = { ...CEMENT_MODEL, ...params };
    this.delivery = new CementDelivery(device);
    this.timeline = cementTimeline(settings);
    this.body = new CementBodyFlow(anatomy, this.params);
  }

  /** Start the phase clock and fill the first device (once). */
  mix(): void {
    if (this.sinceMix !== null) return;
    this.sinceMix = 0;
    this.delivery.fill();
  }

  /** Queue what the loaded device can give of mL (non-positive or non-finite volumes are ignored). */
  inject(mL: number): void {
    this.pending += this.delivery.take(mL);
  }

  /** Stop pushing: the queued volume stays in the device. */
  stop(): void {
    this.delivery.giveBack(this.pending);
    this.pending = 0;
  }

  /** Touch the cement with a gloved finger: the next step reports how it feels (once mixed). */
  tackTest(): void {
    if (this.sinceMix !== null) this.tackDue = true;
  }

  /** The cannula came out: cement still in it leaves with it, and nothing more can be pushed. */
  cannulaRemoved(): void {
    this.cannulaIn = false;
    this.pending = 0;
  }

  /**
   * The other side's cement of a bipedicular procedure fills the same body: each batch grows only
   * into cells the other has not filled (the balloons' cavities overlap near the midline).
   */
  shareBodyWith(other: Cement): void {
    this.body.shareBodyWith(other.body);
    other.body.shareBodyWith(this.body);
  }

  /** Cement in the balloon cavity, mL (the endplate support model reads it). */
  get cavityFilledMl(): number {
    return this.body.cavityFilledMl;
  }

  /** Cement that left by the veins so far, mL (the patient's embolism reads it; seepage below the visible volume counts). */
  get venousLeakMl(): number {
    return this.body.leakVolumes().get('venous') ?? 0;
  }

  /** Cement that left to this place so far, mL (the patient's nerve injury reads the foramen and the canal; seepage counts). */
  leakMl(location: LeakLocation): number {
    return this.body.leakVolumes().get(location) ?? 0;
  }

  /** Cement queued on the plunger, mL (view().pendingMl without building the view: the world reads it every step). */
  get pendingMl(): number {
    return this.pending;
  }

  /** Cement pushed out of the device so far, mL (view().injectedMl). */
  get injectedMl(): number {
    return this.injected;
  }

  /** Cement in the body, mL (view().inBodyMl). */
  get inBodyMl(): number {
    return this.body.inBodyMl;
  }

  /** The cement has set (view().phase === 'set'). */
  get isSet(): boolean {
    return this.phase === 'set';
  }

  /** Advance dtS seconds: the clock, then the push. Returns the events this produced. */
  step(dtS: number, ctx: CementStepContext): DomainEvent[] {
    const events = this.handEvents();
    let left = Number.isFinite(dtS) ? Math.max(0, dtS) : 0;
    while (left > 1e-12) {
      const dt = Math.min(MAX_DT_S, left);
      left -= dt;
      this.advanceClock(dt, events);
      this.push(dt, ctx, events);
    }
    if (ctx.imageAcquired) {
      for (const loc of this.leakFirstTick.keys())
        if (!this.leakSeenTick.has(loc)) this.leakSeenTick.set(loc, ctx.tick);
      this.sinceImageMl = 0;
    }
    return events;
  }

  /** What the hands noticed since the last step: a device pushed empty, a tack test's feel now. */
  private handEvents(): DomainEvent[] {
    const events: DomainEvent[] = [];
    if (this.delivery.takeEmptyNotice()) events.push({ type: 'cement.deviceEmpty' });
    const now = cementPhaseAt(this.timeline, this.sinceMix);
    if (this.tackDue && now !== 'unmixed') {
      this.tackDue = false;
      const feel = tackFeel(now, this.viscosity);
      this.lastTack = { feel, sinceMixS: this.sinceMix ?? 0 };
      events.push({ type: 'cement.tack', feel });
    }
    return events;
  }

  private advanceClock(dt: number, events: DomainEvent[]): void {
    if (this.sinceMix === null) return;
    this.sinceMix += dt;
    const next = cementPhaseAt(this.timeline, this.sinceMix);
    const from = CEMENT_PHASES.indexOf(this.phase);
    const to = CEMENT_PHASES.indexOf(next);
    for (let i = from + 1; i <= to; i++) events.push({ type: 'cement.phaseChanged', phase: CEMENT_PHASES[i] });
    this.phase = next;
    if (to > from && next === 'set') {
      events.push({ type: 'cement.set' });
      if (this.cannulaIn && this.inCannula > 0 && !this.stuck) {
        this.stuck = true;
        events.push({ type: 'cannula.stuck' });
      }
    }
  }

  private get viscosity(): number {
    return cementViscosityPaS(this.timeline, this.sinceMix);
  }

  private push(dt: number, ctx: CementStepContext, events: DomainEvent[]): void {
    this.pressureKPa = 0;
    const tip = ctx.cannulaTip;
    if (this.pending <= 0 || !this.cannulaIn || tip === null || this.phase === 'unmixed' || this.phase === 'set')
      return;
    const p = this.params;
    const eta = this.viscosity;
    const wantedMl = Math.min(p.pushRateMlPerS * dt, this.pending);
    const handPa = this.delivery.handMaxKPa * 1000;
    if (this.inCannula < p.cannulaVolumeMl) {
      // Priming: the cement only has the cannula to get through.
      const q = Math.min(wantedMl / dt, handPa / (eta * p.cannulaResistance * 1e-6));
      const ml = Math.min(q * dt, p.cannulaVolumeMl - this.inCannula, this.pending);
      this.inCannula += ml;
      this.injected += ml;
      this.pending -= ml;
      this.pressureKPa = (q * 1e-6 * eta * p.cannulaResistance) / 1000;
      if (ml > 0) this.lastFlowTick = ctx.tick;
      return;
    }
    const r = this.body.push(wantedMl, dt, eta, handPa, {
      tip,
      // Kyphoplasty: the bone filler is advanced into the cavity, so cement leaves at its centre.
      cavityMl: ctx.cavityMl,
      cavityKeptShare: ctx.cavityKeptShare ?? 1,
      cavityCentre: ctx.cavityMl > 0 && ctx.cavityCentre ? ctx.cavityCentre : null,
      cavityWall: ctx.cavityWall,
      breachOpenings: ctx.breachOpenings,
    });
    this.pressureKPa = r.syringePa / 1000;
    this.peakPressureKPa = Math.max(this.peakPressureKPa, this.pressureKPa);
    if (r.ml > 0) this.peakBodyKPa = Math.max(this.peakBodyKPa, r.bodyPa / 1000);
    const ml = Math.min(r.ml, this.pending);
    if (!(ml > 0)) return;
    this.injected += ml;
    this.pending -= ml;
    this.lastFlowTick = ctx.tick;
    this.sinceImageMl += ml;
    this.maxUnimagedMl = Math.max(this.maxUnimagedMl, this.sinceImageMl);
    if (!this.delivered && this.body.inBodyMl > 0) {
      this.delivered = true;
      events.push({ type: 'cement.delivered' });
    }
    this.reportLeaks(ctx.tick, events);
  }

  /**
   * A leak is reported (and its location recorded) once the cement that left by one opening holds
   * the visible volume at that location: a blob of that size shows on fluoroscopy; scattered
   * seepage through several small openings does not add up to one visible blob.
   */
  private reportLeaks(tick: number, events: DomainEvent[]): void {
    const totals = this.body.leakVolumes();
    for (const o of this.body.outletLeaks()) {
      for (const [loc, ml] of o.locations) {
        if (ml >= this.params.leakVisibleMl && !this.leakFirstTick.has(loc)) {
          this.leakFirstTick.set(loc, tick);
          events.push({ type: 'cement.leak', location: loc, volumeMl: totals.get(loc) ?? ml });
        }
      }
    }
  }

  /** Leaked volume per opening, with its kind (the calibration's leak-type mix). */
  outletLeaks(): ReturnType<CementBodyFlow['outletLeaks']> {
    return this.body.outletLeaks();
  }

  /** Plain view for the snapshot. */
  view(): CementView {
    const volumes = this.body.leakVolumes();
    const via = new Map<LeakLocation, Set<string>>();
    // The openings a leak shows at: those holding a visible volume there (seepage elsewhere is not named).
    for (const o of this.body.outletLeaks()) {
      for (const [loc, ml] of o.locations)
        if (ml >= this.params.leakVisibleMl) via.set(loc, (via.get(loc) ?? new Set()).add(o.kind));
    }
    // The leak-reaction clock of this side: its own cement kept flowing after its own first seen
    // leak (the other side's planned injection is not pushing on after this side's leak).
    const seenTicks = [...this.leakSeenTick.values()];
    const firstSeen = seenTicks.length ? Math.min(...seenTicks) : null;
    const flowAfterSeenLeakTicks =
      firstSeen === null ? null : Math.max(0, (this.lastFlowTick ?? firstSeen) - firstSeen);
    const leaks: Leak[] = [...this.leakFirstTick].map(([location, firstTick]) => ({
      location,
      volumeMl: volumes.get(location) ?? 0,
      firstTick,
      seenTick: this.leakSeenTick.get(location) ?? null,
      via: [...(via.get(location) ?? [])].sort(),
    }));
    return {
      phase: this.phase,
      sinceMixS: this.sinceMix ?? 0,
      viscosityPaS: this.viscosity,
      injectedMl: this.injected,
      inBodyMl: this.body.inBodyMl,
      leakedMl: this.body.leakedMl,
      inCannulaMl: this.inCannula,
      pendingMl: this.pending,
      injectionPressureKPa: this.pressureKPa,
      peakInjectionPressureKPa: this.peakPressureKPa,
      peakBodyPressureKPa: this.peakBodyKPa,
      maxUnimagedMl: this.maxUnimagedMl,
      leaks,
      deposits: this.body.deposits(),
      cannulaStuck: this.stuck,
      delivery: this.delivery.view(),
      lastTack: this.lastTack,
      distribution: this.body.distribution(),
      lastFlowTick: this.lastFlowTick,
      flowAfterSeenLeakTicks,
    };
  }
}
