import type { Anatomy, VertebraGeometry } from '../anatomy/types';
import { bodyVolumeMl } from '../anatomy/bodyVolume';
import type { LeakLocation } from '../core/events';
import type { Vec3 } from '../math/vec3';
import { CELL, CELL_MM, CLEFT_SCLEROSIS_FACTOR, CementLattice, type LatticeOutlet } from '../physics/cementLattice';
import { CementInvasion } from '../physics/cementInvasion';
import { flowViscosityPaS, interdigitationPoreFill, porosity, type CementModelParams } from './cementModel';
import {
  leakShares,
  outletHydraulics,
  poiseuilleConductance,
  type BreachOpening,
  type LatticeOutletKind,
} from './cementOutlets';
import { leakDeposit } from './cementDeposits';
import type { CementDeposit } from './cementView';
import type { CavityWall } from './cavityWall';

/** Where the cement leaves the cannula and what room the balloon made. */
export interface BodyFlowContext {
  readonly tip: Vec3;
  readonly cavityMl: number;
  /**
   * Share of the cavity still open once the device is out: its crushed wall springs back and the
   * endplate settles, so cement re-opens the rest against the bone. A cavity in a Kummell cleft keeps
   * all of it (the cleft's sclerotic wall does not spring back). Absent: all of it.
   */
  readonly cavityKeptShare?: number;
  readonly cavityCentre: Vec3 | null;
  /** The cavity's wall (absent: compacted bone). A mesh container's cement leaves it only through its pores. */
  readonly cavityWall?: CavityWall;
  readonly breachOpenings: readonly BreachOpening[];
}

interface ReachedOutlet {
  readonly index: number;
  readonly kind: LatticeOutletKind;
  readonly widthMm: number;
  readonly position: Vec3;
  /** Conductance the outlet has now (its own, or in series with the channel that feeds it), m^3. */
  conductanceM3: number;
  /** Its own conductance (the opening through the wall), m^3. */
  readonly ownConductanceM3: number;
  readonly backPa: number;
  readonly breachLocation?: LeakLocation;
  /**
   * While the cement mass touches a wall defect only through the fracture line that leads to it (and
   * not with bone next to it), the cement reaching the defect has to flow along that line: its
   * diameter and the distance from the nearest bulk cement to the defect, mm. Null once the bulk is there.
   */
  feed: { readonly widthMm: number; distanceMm: number } | null;
}

/** What the deposits and distribution are made from: each cell's cement (null before any), its total, the openings' volumes and how many were reached. */
interface CementState {
  readonly filledMl: Float64Array | null;
  readonly inBodyMl: number;
  readonly outletMl: ReadonlyMap<number, number>;
  readonly reachedCount: number;
}

/** Openings whose own hydraulics span only the wall (a defect): cement reaching them along a channel also flows through that channel. */
const isWallDefect = (kind: LatticeOutletKind): boolean =>
  kind === 'posteriorWallDefect' || kind === 'lateralCortexDefect';

const dist2 = (a: Vec3, b: Vec3): number => (a.x - b.x) ** 2 + (a.y - b.y) ** 2 + (a.z - b.z) ** 2;

/** Cells per side of a rendering block (4.5 mm). */
const BLOCK = 3;
/** Rendering blocks are drawn this much larger than the cells they hold (see deposits()). */
const BLOCK_BLUR = 1.5;

/**
 * Cement from the cannula tip into the body and out of it ("Flow and leakage"). The mass
 * in the bone grows by invasion percolation (sim/physics/cementInvasion.ts) over the patient's
 * lattice (cementLattice.ts); the openings its cells press on take cement in parallel by their
 * hydraulics (cementOutlets.ts). Per step, at body pressure P:
 *
 * - every reached outlet j takes q_j = C_j (P - back_j)+ / eta_f;
 * - the bone takes the rest of the push at the price of the cell the mass enters next (P_front);
 * - when the outlets alone can take the push below P_front (a wide defect), P falls to where they
 *   take exactly the push and the mass stops growing: everything leaks;
 * - the hand is the limit: syringe pressure = P + Q eta R_cannula <= the device's maximum.
 */
export class CementBodyFlow {
  private lattice: CementLattice | null = null;
  private invasion: CementInvasion | null = null;
  private readonly v: VertebraGeometry;
  private readonly phi: number;
  private readonly reached: ReachedOutlet[] = [];
  private readonly reachedSet = new Set<number>();
  private readonly outletMl = new Map<number, number>();
  private readonly breachKeys = new Set<string>();
  private readonly breachLocations = new Map<number, LeakLocation>();
  private cavityCells: readonly number[] = [];
  /**
   * A mesh container's wall around the cavity cells (null: compacted bone), and how many of its
   * cells (in the cavity's order) are known to be full: all of them, and the container is full.
   */
  private mesh: {
    readonly wall: Extract<CavityWall, { kind: 'mesh' }>;
    readonly cells: ReadonlySet<number>;
    fullCells: number;
  } | null = null;
  /** The other sides' cement in the same body (bipedicular): the cells it holds are taken. */
  private readonly siblings: CementBodyFlow[] = [];
  /** Bumped whenever cement moves: the deposits and distribution are recomputed only then (the world reads them every step). */
  private revision = 0;
  private depositsCache: { revision: number; value: CementDeposit[] } | null = null;
  private distributionCache: { revision: number; value: ReturnType<CementBodyFlow['computeDistribution']> } | null =
    null;
  /** Counts the mass's growth calls: cells fill only there, so inBodyMl sums its cells again only after one. */
  private growths = 0;
  private inBodyCache = { growths: -1, ml: 0 };

  constructor(
    private readonly anatomy: Anatomy,
    private readonly p: CementModelParams,
  ) {
    this.v = anatomy.vertebrae[anatomy.targetIndex];
    this.phi = porosity(anatomy.cancellousDensity, p);
  }

  /**
   * Push up to wantedMl over dtS seconds at low-shear viscosity eta with a hand that presses at most
   * handMaxPa. Returns what went in and the pressures (body, syringe), Pa.
   */
  push(
    wantedMl: number,
    dtS: number,
    eta: number,
    handMaxPa: number,
    ctx: BodyFlowContext,
  ): { ml: number; bodyPa: number; syringePa: number } {
    // The deposits and distribution of a revision are those of the cement as the push that made it
    // left it. A push that moves no net cement makes no revision, though it may still have moved
    // some: if they were not made since the last revision, they are made from the cement as it was
    // before this push (a copy, kept only while the push runs).
    const revision = this.revision;
    const before = this.viewsStale() ? this.cementNow() : null;
    const result = this.pushCement(wantedMl, dtS, eta, handMaxPa, ctx);
    if (before && this.revision === revision) this.fixViews(before);
    return result;
  }

  private pushCement(
    wantedMl: number,
    dtS: number,
    eta: number,
    handMaxPa: number,
    ctx: BodyFlowContext,
  ): { ml: number; bodyPa: number; syringePa: number } {
    const inv = this.start(ctx);
    this.addBreaches(ctx.breachOpenings);
    const etaF = flowViscosityPaS(eta, this.p);
    const fill = this.phi * interdigitationPoreFill(eta, this.p);
    const front = inv.pressurePa(etaF);
    // A full mesh container passes the push through its pores, in series with the cannula.
    const cannula = eta * this.p.cannulaResistance * 1e-6 + this.poreResistance(etaF); // Pa per mL/s
    const wanted = wantedMl / dtS; // mL/s
    const handQ = (pa: number): number => Math.max(0, (handMaxPa - pa) / cannula);
    const leakQ = (pa: number): number =>
      this.reached.reduce((s, o) => s + (o.conductanceM3 * Math.max(0, pa - o.backPa)) / etaF, 0) * 1e6;
    const cap = Number.isFinite(front) ? front : handMaxPa;
    let bodyPa = cap;
    if (leakQ(cap) >= Math.min(wanted, handQ(cap))) {
      // The outlets take the whole push below the price of the next cell: solve leakQ(P) = push(P).
      let lo = 0;
      let hi = cap;
      for (let i = 0; i < 50; i++) {
        const mid = (lo + hi) / 2;
        if (leakQ(mid) < Math.min(wanted, handQ(mid))) lo = mid;
        else hi = mid;
      }
      bodyPa = (lo + hi) / 2;
    }
    const q = Math.min(wanted, handQ(bodyPa));
    if (!(q > 0)) return { ml: 0, bodyPa, syringePa: bodyPa };
    let leaked = 0;
    const leakTotal = leakQ(bodyPa);
    const scale = leakTotal > q ? q / leakTotal : 1;
    for (const o of this.reached) {
      const ml = ((o.conductanceM3 * Math.max(0, bodyPa - o.backPa)) / etaF) * 1e6 * dtS * scale;
      if (ml > 0) {
        this.outletMl.set(o.index, (this.outletMl.get(o.index) ?? 0) + ml);
        leaked += ml;
      }
    }
    const boneWanted = Math.max(0, q * dtS - leaked);
    const grown =
      boneWanted > 0 ? inv.grow(boneWanted, etaF, fill) : { placedMl: 0, maxPricePa: 0, filled: [] as number[] };
    this.growths++;
    for (const cell of grown.filled) this.markReached(cell);
    this.advanceFeeds(grown.filled);
    const ml = leaked + grown.placedMl;
    if (ml > 0) this.revision++;
    return { ml, bodyPa, syringePa: bodyPa + (ml / dtS) * cannula };
  }

  /** Share the body with another side's cement (both lattices are built from the same anatomy, cell for cell). */
  shareBodyWith(other: CementBodyFlow): void {
    if (other !== this && !this.siblings.includes(other)) this.siblings.push(other);
  }

  /** Whether another side's cement holds this cell. */
  private takenByOthers(cell: number): boolean {
    for (const s of this.siblings) if ((s.invasion?.filledMl[cell] ?? 0) > 0) return true;
    return false;
  }

  private start(ctx: BodyFlowContext): CementInvasion {
    if (this.invasion) return this.invasion;
    const lattice = new CementLattice(this.anatomy);
    const inv = new CementInvasion(lattice, {
      gradientPaPerPaSmm: this.p.gradientPaPerPaSmm,
      channelLengthShare: this.p.channelLengthShare,
      channelVolumeShare: this.p.channelVolumeShare,
    });
    let first: number;
    if (ctx.cavityMl > 0 && ctx.cavityCentre) {
      // The balloon's cavity: the cells nearest its centre, as many as the part of its volume still
      // open (the collapsed rest is bone again, behind the compacted wall); its wall is compacted.
      const order = lattice.insideByDistance(ctx.cavityCentre);
      const made = Math.max(1, Math.min(order.length, Math.round(ctx.cavityMl / lattice.cellMl)));
      // A balloon or tamp opened in a Kummell cleft opens the cleft itself (its mobile fracture is the
      // path of least resistance): the cavity's wall is the cleft's sclerotic wall, not crushed
      // trabeculae, and it does not spring back. Any other cavity keeps only its kept share.
      const inCleft = order.slice(0, made).some((c) => lattice.cleftCells[c] === 1);
      const n = inCleft ? made : Math.max(1, Math.round(made * (ctx.cavityKeptShare ?? 1)));
      this.cavityCells = order.slice(0, n);
      for (const c of this.cavityCells) lattice.markSpace(c);
      // A mesh container unfolds without compacting the bone around it; its pores are its wall.
      if (ctx.cavityWall?.kind === 'mesh')
        this.mesh = { wall: ctx.cavityWall, cells: new Set(this.cavityCells), fullCells: 0 };
      else inv.compactAround(this.cavityCells, inCleft ? CLEFT_SCLEROSIS_FACTOR : this.p.cavityCompactionFactor);
      first = order.find((c) => !this.takenByOthers(c)) ?? order[0];
    } else {
      first = lattice.nearestInside(ctx.tip);
      if (this.takenByOthers(first))
        first = lattice.insideByDistance(ctx.tip).find((c) => !this.takenByOthers(c)) ?? first;
    }
    // Until the mesh container is full its cement reaches no cell outside it.
    inv.blocked = (cell) =>
      this.takenByOthers(cell) || (this.mesh !== null && !this.mesh.cells.has(cell) && !this.meshFull());
    inv.start(first);
    this.lattice = lattice;
    this.invasion = inv;
    return inv;
  }

  /** Trocar and balloon breaches are outlets too, mapped to the wall cells nearest to them. */
  private addBreaches(breaches: readonly BreachOpening[]): void {
    const lattice = this.lattice;
    if (!lattice) return;
    for (const b of breaches) {
      const key = `${b.location}@${b.position.x.toFixed(1)},${b.position.y.toFixed(1)},${b.position.z.toFixed(1)}`;
      if (this.breachKeys.has(key)) continue;
      this.breachKeys.add(key);
      const o = lattice.addOutlet({ key: `b:${key}`, kind: 'breach', position: b.position, widthMm: b.diameterMm });
      const index = lattice.outlets.indexOf(o);
      this.breachLocations.set(index, b.location);
      // A breach next to cement already in place is pressed on at once.
      if (o.cells.some((c) => this.invasion?.inMass[c])) this.reach(index);
      else for (const c of o.cells) if (lattice.outletOf[c] < 0) lattice.outletOf[c] = index;
    }
  }

  private markReached(cell: number): void {
    const l = this.lattice;
    if (!l) return;
    const o = l.outletOf[cell];
    if (o >= 0) this.reach(o);
    // A cell may border more than one opening (a breach mapped onto a vein's ostium cell).
    for (let i = 0; i < l.outlets.length; i++)
      if (!this.reachedSet.has(i) && l.outlets[i].cells.includes(cell)) this.reach(i);
  }

  private reach(index: number): void {
    const l = this.lattice;
    if (!l || this.reachedSet.has(index)) return;
    this.reachedSet.add(index);
    const o = l.outlets[index];
    const h = outletHydraulics(o.kind, o.widthMm, this.v, this.p);
    // An opening the mesh container lies against takes cement only through the pores facing it.
    const facing = this.mesh ? o.cells.filter((c) => this.mesh?.cells.has(c)).length : 0;
    if (this.mesh && facing > 0)
      h.conductanceM3 = 1 / (1 / h.conductanceM3 + 1 / (facing * this.mesh.wall.patchConductanceM3));
    const reached: ReachedOutlet = {
      index,
      kind: o.kind,
      widthMm: o.widthMm,
      position: o.position,
      conductanceM3: h.conductanceM3,
      ownConductanceM3: h.conductanceM3,
      backPa: h.backPa,
      breachLocation: this.breachLocations.get(index),
      feed: this.feedOf(o),
    };
    this.updateConductance(reached);
    this.reached.push(reached);
  }

  /**
   * A wall defect reached only along its fracture line (no bulk cement in the cells next to it): the
   * line is a channel of its own diameter from the nearest bulk cement to the defect.
   */
  private feedOf(o: LatticeOutlet): ReachedOutlet['feed'] {
    const l = this.lattice;
    const inv = this.invasion;
    if (!l || !inv || !isWallDefect(o.kind)) return null;
    if (o.cells.some((c) => inv.inMass[c] && l.kind[c] !== CELL.channel)) return null;
    const opening = o.key.startsWith('o') ? Number(o.key.slice(1)) : -1;
    const line = (this.anatomy.channels?.channels ?? []).find(
      (ch) => ch.kind === 'fractureLine' && ch.openingIndex === opening,
    );
    if (!line) return null;
    let d2 = Infinity;
    for (let idx = 0; idx < inv.inMass.length; idx++) {
      if (!inv.inMass[idx] || l.kind[idx] === CELL.channel) continue;
      d2 = Math.min(d2, dist2(l.centreOf(idx), o.position));
    }
    return { widthMm: line.widthMm, distanceMm: Math.sqrt(d2) };
  }

  /** Bulk cement that filled cells this step comes nearer to the defects fed along a fracture line. */
  private advanceFeeds(filled: readonly number[]): void {
    const l = this.lattice;
    if (!l || filled.length === 0) return;
    for (const r of this.reached) {
      const feed = r.feed;
      if (!feed) continue;
      const cells = l.outlets[r.index].cells;
      for (const cell of filled) {
        if (l.kind[cell] === CELL.channel) continue;
        if (cells.includes(cell)) {
          r.feed = null;
          break;
        }
        feed.distanceMm = Math.min(feed.distanceMm, Math.sqrt(dist2(l.centreOf(cell), r.position)));
      }
      this.updateConductance(r);
    }
  }

  /** The defect's own conductance in series with the fracture line that feeds it (Poiseuille, at least a cell long). */
  private updateConductance(r: ReachedOutlet): void {
    if (!r.feed) {
      r.conductanceM3 = r.ownConductanceM3;
      return;
    }
    const line = poiseuilleConductance(r.feed.widthMm, Math.max(CELL_MM, r.feed.distanceMm));
    r.conductanceM3 = 1 / (1 / r.ownConductanceM3 + 1 / line);
  }

  /**
   * Pa per mL/s the pores of a full mesh container add to the push (0 for any other cavity, or
   * while the container still has room): every mL leaving it passes its pores (Poiseuille).
   */
  private poreResistance(etaF: number): number {
    return this.mesh && this.meshFull() ? (etaF * 1e-6) / this.mesh.wall.poresConductanceM3 : 0;
  }

  /** Every cell of the mesh container holds cement (this side's, or the other side's). Amortised: each cell is passed once. */
  private meshFull(): boolean {
    const mesh = this.mesh;
    const inv = this.invasion;
    if (!mesh || !inv) return false;
    const cells = this.cavityCells;
    while (
      mesh.fullCells < cells.length &&
      (inv.inMass[cells[mesh.fullCells]] || this.takenByOthers(cells[mesh.fullCells]))
    )
      mesh.fullCells++;
    return mesh.fullCells === cells.length;
  }

  /** Cement in the balloon's cavity, mL. */
  get cavityFilledMl(): number {
    const inv = this.invasion;
    return inv ? this.cavityCells.reduce((s, c) => s + inv.filledMl[c], 0) : 0;
  }

  get inBodyMl(): number {
    const inv = this.invasion;
    if (!inv) return 0;
    if (this.inBodyCache.growths === this.growths) return this.inBodyCache.ml;
    let s = 0;
    for (let i = 0; i < inv.filledMl.length; i++) s += inv.filledMl[i];
    this.inBodyCache = { growths: this.growths, ml: s };
    return s;
  }

  get leakedMl(): number {
    let s = 0;
    for (const ml of this.outletMl.values()) s += ml;
    return s;
  }

  /** Leaked volume per outlet, with its kind (the calibration's leak-type mix reads it). */
  outletLeaks(): { kind: LatticeOutletKind; position: Vec3; volumeMl: number; locations: [LeakLocation, number][] }[] {
    return this.outletLeaksOf(this.outletMl, this.reached.length);
  }

  /** outletLeaks() for these volumes per outlet and the first reachedCount outlets reached (the list only grows). */
  private outletLeaksOf(
    outletMl: ReadonlyMap<number, number>,
    reachedCount: number,
  ): { kind: LatticeOutletKind; position: Vec3; volumeMl: number; locations: [LeakLocation, number][] }[] {
    return this.reached
      .slice(0, reachedCount)
      .filter((o) => (outletMl.get(o.index) ?? 0) > 0)
      .map((o) => {
        const ml = outletMl.get(o.index) ?? 0;
        return {
          kind: o.kind,
          position: o.position,
          volumeMl: ml,
          locations: leakShares(o.kind, o.widthMm, ml, o.breachLocation, this.p),
        };
      });
  }

  /** Leaked volume by location. */
  leakVolumes(): Map<LeakLocation, number> {
    const out = new Map<LeakLocation, number>();
    for (const o of this.outletLeaks()) for (const [loc, ml] of o.locations) out.set(loc, (out.get(loc) ?? 0) + ml);
    return out;
  }

  /**
   * Where the cement lies, for the renderer: one ellipsoid per 4.5 mm block of the lattice that holds
   * cement (at the cement's centroid, half again as big as the cells it touches, with its volume, so
   * the renderer thins the block's opacity to the share the cement fills), plus one track per leak.
   */
  /** The cement now, for computeDeposits and computeDistribution (the live arrays: nothing copied). */
  private cementState(): CementState {
    return {
      filledMl: this.invasion?.filledMl ?? null,
      inBodyMl: this.inBodyMl,
      outletMl: this.outletMl,
      reachedCount: this.reached.length,
    };
  }

  /** A copy of the cement now, taken before a push (see push()). */
  private cementNow(): CementState {
    return {
      filledMl: this.invasion ? this.invasion.filledMl.slice() : null,
      inBodyMl: this.inBodyMl,
      outletMl: new Map(this.outletMl),
      reachedCount: this.reached.length,
    };
  }

  /** The deposits or the distribution were not made since the last revision. */
  private viewsStale(): boolean {
    return this.depositsCache?.revision !== this.revision || this.distributionCache?.revision !== this.revision;
  }

  /** Make what was not made since the last revision from the cement as it was then. */
  private fixViews(before: CementState): void {
    if (this.depositsCache?.revision !== this.revision)
      this.depositsCache = { revision: this.revision, value: this.computeDeposits(before) };
    if (this.distributionCache?.revision !== this.revision)
      this.distributionCache = { revision: this.revision, value: this.computeDistribution(before) };
  }

  deposits(): CementDeposit[] {
    if (this.depositsCache?.revision !== this.revision)
      this.depositsCache = { revision: this.revision, value: this.computeDeposits(this.cementState()) };
    return this.depositsCache.value;
  }

  private computeDeposits(cement: CementState): CementDeposit[] {
    const l = this.lattice;
    if (!l || !cement.filledMl) return [];
    const out: CementDeposit[] = [];
    const bx = Math.ceil(l.nx / BLOCK);
    const by = Math.ceil(l.ny / BLOCK);
    const bz = Math.ceil(l.nz / BLOCK);
    const sum = new Float64Array(bx * by * bz * 5); // ml, ml*x, ml*y, ml*z, cells
    // Hot loop (the world reads the deposits after every push): the cells in index order (k, j, i
    // nested), each cell's centre as l.centreOf(idx) computes it, without the object or the divisions.
    const { nx, ny, nz } = l;
    const { x: ox, y: oy, z: oz } = l.origin;
    const cellMm = CELL_MM;
    const filledMl = cement.filledMl;
    let idx = 0;
    for (let k = 0; k < nz; k++) {
      const cz = oz + (k + 0.5) * cellMm;
      for (let j = 0; j < ny; j++) {
        const cy = oy + (j + 0.5) * cellMm;
        const row = bx * (Math.floor(j / BLOCK) + by * Math.floor(k / BLOCK));
        for (let i = 0; i < nx; i++, idx++) {
          const ml = filledMl[idx];
          if (!(ml > 0)) continue;
          const b = (Math.floor(i / BLOCK) + row) * 5;
          sum[b] += ml;
          sum[b + 1] += ml * (ox + (i + 0.5) * cellMm);
          sum[b + 2] += ml * cy;
          sum[b + 3] += ml * cz;
          sum[b + 4] += 1;
        }
      }
    }
    for (let b = 0; b < sum.length; b += 5) {
      const ml = sum[b];
      if (!(ml > 0)) continue;
      // Blurred by half again: neighbouring blocks overlap into one smooth mass instead of a cluster
      // of beads; the opacity integral (cement volume) is the same whatever the radius.
      const r = BLOCK_BLUR * Math.cbrt((3 * sum[b + 4] * CELL_MM ** 3) / (4 * Math.PI));
      out.push({
        location: 'body',
        centre: { x: sum[b + 1] / ml, y: sum[b + 2] / ml, z: sum[b + 3] / ml },
        radii: { x: r, y: r, z: r },
        volumeMl: ml,
      });
    }
    for (const o of this.outletLeaksOf(cement.outletMl, cement.reachedCount)) {
      for (const [loc, ml] of o.locations) {
        if (ml > 0) out.push(leakDeposit(loc, o.position, this.v.centre, ml));
      }
    }
    return out;
  }

  /** Distribution of the cement in the body (for scoring): fill fraction, midline, endplates. */
  distribution(): ReturnType<CementBodyFlow['computeDistribution']> {
    if (this.distributionCache?.revision !== this.revision)
      this.distributionCache = { revision: this.revision, value: this.computeDistribution(this.cementState()) };
    return this.distributionCache.value;
  }

  private computeDistribution(cement: CementState): {
    fillFraction: number;
    crossesMidline: boolean;
    touchesSuperiorEndplate: boolean;
    touchesInferiorEndplate: boolean;
    posteriorReach: number;
  } {
    const l = this.lattice;
    const v = this.v;
    const bodyMl = bodyVolumeMl(v);
    const none = {
      fillFraction: 0,
      crossesMidline: false,
      touchesSuperiorEndplate: false,
      touchesInferiorEndplate: false,
      posteriorReach: 0,
    };
    if (!l || !cement.filledMl) return none;
    let reachZ = -Infinity;
    let left = false;
    let right = false;
    let sup = false;
    let infr = false;
    // Hot loop, as in computeDeposits: the cells in index order, each cell's centre as
    // l.centreOf(idx) computes it; the lattice's arrays and codes in locals.
    const { nx, ny, nz, kind, superiorCells, inferiorCells } = l;
    const { x: ox, z: oz } = l.origin;
    const cellMm = CELL_MM;
    const outside = CELL.outside;
    const channel = CELL.channel;
    const centreX = v.centre.x;
    const filledMl = cement.filledMl;
    let idx = 0;
    for (let k = 0; k < nz; k++) {
      const cellZ = oz + (k + 0.5) * cellMm;
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++, idx++) {
          if (!(filledMl[idx] > 0) || kind[idx] === outside) continue;
          const dx = ox + (i + 0.5) * cellMm - centreX;
          // Cement counts as across the midline when it lies a cell's width beyond it (assumed).
          if (dx > cellMm) left = true;
          if (dx < -cellMm) right = true;
          if (superiorCells[idx]) sup = true;
          if (inferiorCells[idx]) infr = true;
          if (kind[idx] !== channel) reachZ = Math.max(reachZ, cellZ + cellMm / 2);
        }
      }
    }
    const anteriorZ = v.centre.z - v.bodyDepthMm / 2;
    return {
      fillFraction: cement.inBodyMl / bodyMl,
      crossesMidline: left && right,
      touchesSuperiorEndplate: sup,
      touchesInferiorEndplate: infr,
      posteriorReach: Number.isFinite(reachZ) ? Math.min(1, Math.max(0, (reachZ - anteriorZ) / v.bodyDepthMm)) : 0,
    };
  }
}
