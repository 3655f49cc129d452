import { CELL, CELL_MM, type CementLattice } from './cementLattice';

/**
 * How cement spreads through the body: invasion percolation in a stabilising gradient (Wilkinson,
 * Phys Rev A 1984; Frette et al., Phys Rev Lett 1992), on the lattice of sim/physics/cementLattice.ts.
 *
 * The cement mass grows one cell at a time, always into the frontier cell that is cheapest to
 * enter. The price of a cell is the pressure the cement needs there:
 *
 *     P(cell) = entry pressure of its pores + G * eta_f * L(cell)
 *
 * where L is the length of cement path from the exit point to the cell (through the cells already
 * filled; channels count a fraction of their length, open space none) and eta_f the cement's flow
 * viscosity. The second term is the viscous pressure drop along the cement already in the bone: it
 * makes long thin fingers expensive. Thick dough therefore grows as a compact mass, while thin
 * liquid cement follows the weakest pores, veins and fissures far out: the path of least
 * resistance, and the clinical finding that low-viscosity cement leaks more (World
 * Neurosurg 2017, OR 3.3). G is assumed and calibrated (scripts/calibrate-cement.ts).
 *
 * A filled cell holds cement in a share of its pores (fill): open space takes the whole cell, bone
 * its porosity times the pore fill the cement's viscosity allows, a channel cell a small share
 * (only its lumen). The pressure the mass needs to grow is the price of the cell it enters now.
 */
export interface InvasionParams {
  /** Viscous gradient, Pa per (Pa s of flow viscosity x mm of path) (assumed, calibrated). */
  readonly gradientPaPerPaSmm: number;
  /** Share of its length a channel cell adds to the path (wide lumen, assumed). */
  readonly channelLengthShare: number;
  /** Share of a channel cell's volume its lumen holds (assumed). */
  readonly channelVolumeShare: number;
}

export class CementInvasion {
  /** Cement volume in each cell, mL. */
  readonly filledMl: Float64Array;
  /** 1 once a cell belongs to the cement mass. */
  readonly inMass: Uint8Array;
  /** Cement path length from the exit point, mm. */
  private readonly pathMm: Float64Array;
  private readonly frontier: number[] = [];
  private readonly inFrontier: Uint8Array;
  private readonly scratch: number[] = [];
  private started = false;
  /** The cell being filled now (partly full), or -1. */
  private current = -1;
  /**
   * Cells cement cannot enter because other cement already holds them (the other side's batch of a
   * bipedicular procedure, in the same body): cement already there takes no more.
   */
  blocked: (cell: number) => boolean = () => false;

  constructor(
    readonly lattice: CementLattice,
    private readonly params: InvasionParams,
  ) {
    const n = lattice.kind.length;
    this.filledMl = new Float64Array(n);
    this.inMass = new Uint8Array(n);
    this.pathMm = new Float64Array(n);
    this.inFrontier = new Uint8Array(n);
  }

  /** Cement leaves the cannula (or bone filler) at this cell: it is the first to fill. */
  start(cell: number): void {
    if (this.started || cell < 0) return;
    this.started = true;
    this.current = cell;
    this.pathMm[cell] = 0;
  }

  /** Cement a cell holds when full, mL, for a pore fill of the bone (0-1). */
  capacityMl(cell: number, porosityFill: number): number {
    const k = this.lattice.kind[cell];
    const share = k === CELL.space ? 1 : k === CELL.channel ? this.params.channelVolumeShare : porosityFill;
    return this.lattice.cellMl * share;
  }

  /** Price (Pa) of entering a cell at flow viscosity etaF. */
  private price(cell: number, etaF: number): number {
    return this.lattice.entryPa[cell] + this.params.gradientPaPerPaSmm * etaF * this.pathMm[cell];
  }

  /** The pressure the mass needs to grow now, Pa (0 before the start; Infinity when the body is full). */
  pressurePa(etaF: number): number {
    if (!this.started) return 0;
    if (this.current >= 0) return this.price(this.current, etaF);
    const next = this.cheapest(etaF);
    return next < 0 ? Infinity : this.price(next, etaF);
  }

  private cheapest(etaF: number): number {
    let best = -1;
    let bestP = Infinity;
    for (const cell of this.frontier) {
      if (this.blocked(cell)) continue;
      const p = this.price(cell, etaF);
      if (p < bestP || (p === bestP && cell < best)) {
        bestP = p;
        best = cell;
      }
    }
    return best;
  }

  /**
   * Push mL of cement into the mass at flow viscosity etaF. Returns the volume placed (less than
   * asked only when the body is full), the highest price paid, and the cells that became full.
   */
  grow(mL: number, etaF: number, porosityFill: number): { placedMl: number; maxPricePa: number; filled: number[] } {
    const filled: number[] = [];
    let left = mL;
    let maxPrice = 0;
    while (left > 1e-15 && this.started) {
      if (this.current < 0) {
        const next = this.cheapest(etaF);
        if (next < 0) break;
        this.removeFromFrontier(next);
        this.current = next;
      }
      const cell = this.current;
      maxPrice = Math.max(maxPrice, this.price(cell, etaF));
      const room = this.capacityMl(cell, porosityFill) - this.filledMl[cell];
      const put = Math.min(room, left);
      this.filledMl[cell] += put;
      left -= put;
      if (this.filledMl[cell] >= this.capacityMl(cell, porosityFill) - 1e-15) {
        this.join(cell);
        filled.push(cell);
        this.current = -1;
      }
    }
    return { placedMl: mL - left, maxPricePa: maxPrice, filled };
  }

  /** A full cell joins the mass: its neighbours join the frontier with their path length. */
  private join(cell: number): void {
    this.inMass[cell] = 1;
    const l = this.lattice;
    for (const nb of l.neighbours(cell, this.scratch)) {
      if (this.inMass[nb] || this.inFrontier[nb] || nb === this.current) continue;
      const k = l.kind[nb];
      const share = k === CELL.space ? 0 : k === CELL.channel ? this.params.channelLengthShare : 1;
      this.pathMm[nb] = this.pathMm[cell] + CELL_MM * share;
      this.inFrontier[nb] = 1;
      this.frontier.push(nb);
    }
  }

  private removeFromFrontier(cell: number): void {
    const at = this.frontier.indexOf(cell);
    if (at >= 0) {
      this.frontier[at] = this.frontier[this.frontier.length - 1];
      this.frontier.pop();
    }
    this.inFrontier[cell] = 0;
  }

  /** Raise the entry pressure of the bone cells around a cavity once each (the balloon compacted them). */
  compactAround(cavity: readonly number[], factor: number): void {
    const l = this.lattice;
    const shell = new Set<number>();
    for (const idx of cavity)
      for (const nb of l.neighbours(idx, this.scratch)) if (l.kind[nb] === CELL.bone) shell.add(nb);
    for (const nb of [...shell].sort((x, y) => x - y)) l.entryPa[nb] *= factor;
  }
}
