import type { Anatomy, VertebraGeometry } from '../anatomy/types';
import type { CementPhase, DomainEvent, LeakLocation } from '../events';
import type { CementDeposit, CementView, Leak } from '../snapshot';
import type { Scenario } from '../../levels/scenarioSchema';
import { distance, type Vec3 } from '../math/vec3';
import { CEMENT_PHASES, cementPhaseAt, cementTimeline, cementViscosityPaS, type CementTimeline } from './cementPhaseClock';
import { solveTipFlow, type FlowPath } from './cementFlow';
import { CEMENT_MODEL, flowViscosityPaS, interdigitationPoreFill, permeabilityM2, porosity, type CementModelParams } from './cementModel';
import { cleftVolumeMl, collectOutlets, leakShares, outletPath, type BreachOpening, type CementOutlet } from './cementOutlets';
import { bodyDeposits, leakDeposit } from './cementDeposits';
import { targetVertebra } from './endplateGeometry';

/** What the world tells the cement each step. */
export interface CementStepContext {
  readonly tick: number;
  /** Working-cannula tip, or null when no cannula is in the body. */
  readonly cannulaTip: Vec3 | null;
  /** Cavity the balloon made (0 for vertebroplasty), mL, and its centre if known. */
  readonly cavityMl: number;
  readonly cavityCentre?: Vec3 | null;
  readonly breachOpenings: readonly BreachOpening[];
}

const MAX_DT_S = 1 / 60;
/** Cannula bore radius for the reach test, mm (11 G, assumed). */
const TIP_RADIUS_MM = 1.5;

/**
 * Bone cement (PMMA + ~30 % barium sulfate), its bone filler and its flow into the body (FIRST
 * MODEL, README "Cement"). Flow splits by hydraulics between the balloon cavity, compaction of
 * weak bone, interdigitation through marrow pores and the real openings the cement front has
 * reached; viscosity from the phase clock decides how much goes where. Books always balance:
 * injected = in body + leaked + in cannula.
 */
export class Cement {
  private readonly params: CementModelParams;
  private readonly timeline: CementTimeline;
  private readonly v: VertebraGeometry;
  private readonly anatomy: Anatomy;
  private readonly phi: number;
  private readonly poreCapacityMl: number;
  private sinceMix: number | null = null;
  private phase: CementPhase = 'unmixed';
  private pending = 0;
  private injected = 0;
  private inCannula = 0;
  private cavityFilled = 0;
  private bulk = 0;
  private interdig = 0;
  /** Bone volume the interdigitated cement has spread through, mL (sets how far the front reaches). */
  private interdigRegionMl = 0;
  private readonly spaceFilled = new Map<string, number>();
  private readonly outletMl = new Map<string, number>();
  private readonly outletSeen = new Map<string, CementOutlet>();
  private readonly reached = new Set<string>();
  private readonly leakFirstTick = new Map<LeakLocation, number>();
  private pressureKPa = 0;
  private cannulaIn = true;
  private stuck = false;
  private delivered = false;
  private centre: Vec3 | null = null;

  /** Cement for this anatomy, mixed at the scenario's room temperature (optionally pre-chilled). */
  constructor(anatomy: Anatomy, settings: Scenario['cement'], params?: Partial<CementModelParams>) {
    this.params = { ...CEMENT_MODEL, ...params };
    this.timeline = cementTimeline(settings);
    this.anatomy = anatomy;
    this.v = targetVertebra(anatomy);
    this.phi = porosity(anatomy.cancellousDensity, this.params);
    const meanH = (this.v.anteriorHeightMm + this.v.middleHeightMm + this.v.posteriorHeightMm) / 3;
    const bodyMl = (Math.PI / 4) * this.v.bodyWidthMm * this.v.bodyDepthMm * meanH / 1000;
    this.poreCapacityMl = bodyMl * this.phi * this.params.reachablePoreFraction;
  }

  /** Start the phase clock (once). */
  mix(): void {
    if (this.sinceMix === null) this.sinceMix = 0;
  }

  /** Queue cement on the bone filler, mL (non-positive or non-finite volumes are ignored). */
  inject(mL: number): void {
    if (Number.isFinite(mL) && mL > 0) this.pending += mL;
  }

  /** Stop pushing: the queued volume is abandoned. */
  stop(): void {
    this.pending = 0;
  }

  /** The cannula came out: cement still in it leaves with it, and nothing more can be pushed. */
  cannulaRemoved(): void {
    this.cannulaIn = false;
    this.pending = 0;
  }

  /** Cement in the balloon cavity, mL (the endplate support model reads it). */
  get cavityFilledMl(): number {
    return this.cavityFilled;
  }

  /** Advance dtS seconds: the clock, then the push. Returns the events this produced. */
  step(dtS: number, ctx: CementStepContext): DomainEvent[] {
    const events: DomainEvent[] = [];
    let left = Number.isFinite(dtS) ? Math.max(0, dtS) : 0;
    while (left > 1e-12) {
      const dt = Math.min(MAX_DT_S, left);
      left -= dt;
      this.advanceClock(dt, events);
      this.push(dt, ctx, events);
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
    if (this.pending <= 0 || !this.cannulaIn || tip === null || this.phase === 'unmixed' || this.phase === 'set') return;
    const p = this.params;
    const eta = this.viscosity;
    const wanted = Math.min(p.pushRateMlPerS, this.pending / dt) * 1e-6;
    const handPa = p.handMaxKPa * 1000;
    if (this.inCannula < p.cannulaVolumeMl) {
      // Priming: the cement only has the cannula to get through.
      const q = Math.min(wanted, handPa / (eta * p.cannulaResistance));
      const ml = Math.min(q * 1e6 * dt, p.cannulaVolumeMl - this.inCannula, this.pending);
      this.inCannula += ml;
      this.injected += ml;
      this.pending -= ml;
      this.pressureKPa = (q * eta * p.cannulaResistance) / 1000;
      return;
    }
    // Kyphoplasty: the bone filler is advanced into the cavity, so cement leaves at its centre.
    const exit = ctx.cavityMl > 0 && ctx.cavityCentre ? ctx.cavityCentre : tip;
    this.centre = exit;
    const outlets = collectOutlets(this.anatomy.openings, ctx.breachOpenings);
    this.markReached(exit, outlets);
    const { paths, sinks } = this.paths(ctx.cavityMl, outlets);
    const sol = solveTipFlow(paths, flowViscosityPaS(eta, p), wanted, (p.cannulaResistance * eta) / flowViscosityPaS(eta, p), handPa);
    const ml = Math.min(sol.totalM3s * 1e6 * dt, this.pending);
    this.pressureKPa = sol.syringePa / 1000;
    if (!(ml > 0) || !(sol.totalM3s > 0)) return;
    this.injected += ml;
    this.pending -= ml;
    sol.flows.forEach((q, i) => sinks[i]((q / sol.totalM3s) * ml));
    if (!this.delivered && this.inBodyMl > 0) {
      this.delivered = true;
      events.push({ type: 'cement.delivered' });
    }
    this.reportLeaks(ctx.tick, events);
  }

  /** The hydraulic paths open now, each with the sink that books its volume. */
  private paths(cavityMl: number, outlets: readonly CementOutlet[]): { paths: FlowPath[]; sinks: ((ml: number) => void)[] } {
    const p = this.params;
    const paths: FlowPath[] = [];
    const sinks: ((ml: number) => void)[] = [];
    const space = { kind: 'space' as const, thresholdPa: p.spaceEntryKPa * 1000, conductance: p.spaceConductance };
    if (this.cavityFilled < cavityMl) {
      paths.push(space);
      sinks.push((ml) => (this.cavityFilled += ml));
    }
    const compactPa = p.compactionFactor * this.anatomy.cancellousStrengthMPa * 1e6;
    paths.push({ kind: 'space', thresholdPa: compactPa, conductance: p.compactionConductance });
    sinks.push((ml) => (this.bulk += ml));
    const fill = Math.min(1, this.interdig / this.poreCapacityMl);
    const k = permeabilityM2(this.phi, p);
    paths.push({ kind: 'viscous', thresholdPa: 0, conductance: 4 * Math.PI * k * (this.frontRadiusMm() / 1000) * (1 - fill) ** 2 });
    // Thin cement fingers ahead through the widest pores; dough fills the pores it enters (assumed).
    const poreFill = interdigitationPoreFill(this.viscosity, p);
    sinks.push((ml) => {
      this.interdig += ml;
      this.interdigRegionMl += ml / (this.phi * poreFill);
    });
    for (const o of outlets) {
      if (!this.reached.has(o.key)) continue;
      if (o.kind === 'cleft') {
        if ((this.spaceFilled.get(o.key) ?? 0) >= cleftVolumeMl(o)) continue;
        paths.push(outletPath(o, this.v, p));
        sinks.push((ml) => this.spaceFilled.set(o.key, (this.spaceFilled.get(o.key) ?? 0) + ml));
        continue;
      }
      paths.push(outletPath(o, this.v, p));
      sinks.push((ml) => this.outletMl.set(o.key, (this.outletMl.get(o.key) ?? 0) + ml));
    }
    return { paths, sinks };
  }

  /** Radius (mm) of the region the cement front has filled around the tip. */
  private frontRadiusMm(): number {
    const clefts = [...this.spaceFilled.values()].reduce((s, x) => s + x, 0);
    const regionMl = this.cavityFilled + this.bulk + clefts + this.interdigRegionMl;
    return Math.max(TIP_RADIUS_MM, Math.cbrt((3 * regionMl * 1000) / (4 * Math.PI)));
  }

  private markReached(tip: Vec3, outlets: readonly CementOutlet[]): void {
    const r = this.frontRadiusMm() + TIP_RADIUS_MM;
    for (const o of outlets) {
      this.outletSeen.set(o.key, o);
      if (distance(tip, o.position) <= r) this.reached.add(o.key);
    }
  }

  /** Leaked volume by location. */
  private leakVolumes(): Map<LeakLocation, number> {
    const out = new Map<LeakLocation, number>();
    for (const [key, ml] of this.outletMl) {
      const o = this.outletSeen.get(key);
      if (!o) continue;
      for (const [loc, v] of leakShares(o, ml, this.v, this.params)) out.set(loc, (out.get(loc) ?? 0) + v);
    }
    return out;
  }

  private reportLeaks(tick: number, events: DomainEvent[]): void {
    for (const [loc, ml] of this.leakVolumes()) {
      if (ml >= this.params.leakVisibleMl && !this.leakFirstTick.has(loc)) {
        this.leakFirstTick.set(loc, tick);
        events.push({ type: 'cement.leak', location: loc, volumeMl: ml });
      }
    }
  }

  private get inBodyMl(): number {
    const clefts = [...this.spaceFilled.values()].reduce((s, x) => s + x, 0);
    return this.cavityFilled + this.bulk + this.interdig + clefts;
  }

  private get leakedMl(): number {
    return [...this.outletMl.values()].reduce((s, x) => s + x, 0);
  }

  /** Plain view for the snapshot. */
  view(): CementView {
    const volumes = this.leakVolumes();
    const leaks: Leak[] = [...this.leakFirstTick].map(([location, firstTick]) => ({
      location,
      volumeMl: volumes.get(location) ?? 0,
      firstTick,
    }));
    return {
      phase: this.phase,
      sinceMixS: this.sinceMix ?? 0,
      viscosityPaS: this.viscosity,
      injectedMl: this.injected,
      inBodyMl: this.inBodyMl,
      leakedMl: this.leakedMl,
      inCannulaMl: this.inCannula,
      pendingMl: this.pending,
      injectionPressureKPa: this.pressureKPa,
      leaks,
      deposits: this.deposits(),
      cannulaStuck: this.stuck,
    };
  }

  private deposits(): CementDeposit[] {
    if (this.centre === null) return [];
    const clefts = [...this.spaceFilled.values()].reduce((s, x) => s + x, 0);
    const solid = this.cavityFilled + this.bulk + clefts;
    const haloMl = solid + this.interdigRegionMl;
    const halfHeight = this.v.middleHeightMm / 2 - this.v.cortexMm;
    const out = bodyDeposits(this.centre, solid, this.interdig, haloMl, halfHeight);
    for (const [key, ml] of this.outletMl) {
      const o = this.outletSeen.get(key);
      if (!o || ml <= 0) continue;
      for (const [loc, v] of leakShares(o, ml, this.v, this.params)) if (v > 0) out.push(leakDeposit(loc, o.position, this.v.centre, v));
    }
    return out;
  }
}
