import type { Anatomy, Opening, VertebraGeometry } from '../anatomy/types';
import { wallInsetMm } from '../anatomy/bodyWaist';
import { footprintSignedDistance } from '../anatomy/footprint';
import { makeEndplateProfile, superiorYAt, inferiorYAt } from '../anatomy/endplateProfile';
import { createRng } from '../math/rng';
import type { Vec3 } from '../math/vec3';
import type { BoneChannel } from '../anatomy/types';

/**
 * The target body's cancellous space as a lattice of cubic cells, for cement flow
 * (sim/physics/cementInvasion.ts). Each cell carries the pressure cement needs to enter it: the
 * capillary / yield entry pressure of its pore throats, drawn once per patient from a log-normal
 * field (heterogeneous trabecular bone; the classic invasion-percolation set-up, Wilkinson and
 * Willemsen, J Phys A 1983). Denser bone has finer pores and so a higher entry pressure. Hidden
 * channels (intraosseous veins, hairline fissures; sim/anatomy/boneChannels.ts) are lines of cells
 * that are easy to enter and cheap to flow along. Cells at the wall next to an opening are that
 * opening's outlet cells: cement that reaches one presses on the opening and can leave by it.
 */
export const CELL_MM = 1.5;

/** Entry pressure of healthy cancellous bone for PMMA, Pa (assumed; scaled by density^1.5). */
export const BONE_ENTRY_PA = 60_000;
/** Log-normal spread of the entry pressure between pores (assumed). */
export const BONE_ENTRY_SIGMA = 1.0;
/** Entry pressure of an open channel (vein lumen, fissure), Pa (assumed). */
export const CHANNEL_ENTRY_PA = 4_000;
/** Entry pressure of open space (balloon cavity, gas cleft), Pa (as the first model's 5 kPa). */
export const SPACE_ENTRY_PA = 5_000;

/**
 * Entry pressure of the sclerotic bone around a Kummell cleft, as a multiple of the patient's own
 * (assumed: the cleft's margin is sclerotic, about four times as dense as the osteoporotic bone
 * around it, and entry pressure goes as density^1.5, so 4^1.5 = 8; with it the Kummell case leaks
 * in 11 of 40 patients against a published 35 of 122, sim/instruments/README.md "Cement").
 */
export const CLEFT_SCLEROSIS_FACTOR = 8;
/** What a cell is. */
export const CELL = { outside: 0, bone: 1, channel: 2, space: 3 } as const;

/** A way out of the body, in lattice terms. */
export interface LatticeOutlet {
  readonly key: string;
  readonly kind: Opening['kind'] | 'endplateFissure' | 'cortexFissure' | 'breach';
  readonly position: Vec3;
  /** Diameter (round openings) or crack width (fissures), mm. */
  readonly widthMm: number;
  /** Cells whose filling means the cement presses on this opening. */
  readonly cells: readonly number[];
}

export class CementLattice {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly origin: Vec3;
  /** CELL code per cell. */
  readonly kind: Uint8Array;
  /** Entry pressure per cell, Pa. */
  readonly entryPa: Float64Array;
  /** Outlet index per cell (one outlet per cell; the first one mapped wins), -1 if none. */
  readonly outletOf: Int32Array;
  readonly outlets: LatticeOutlet[] = [];
  /** Cells of a Kummell cleft (open space with a sclerotic wall), 1 per cell. */
  readonly cleftCells: Uint8Array;
  /** Cells touching the superior / inferior endplate (for "touches both endplates"). */
  readonly superiorCells: Uint8Array;
  readonly inferiorCells: Uint8Array;
  readonly v: VertebraGeometry;

  constructor(anatomy: Anatomy) {
    const v = anatomy.vertebrae[anatomy.targetIndex];
    this.v = v;
    const a = v.bodyWidthMm / 2;
    const b = v.bodyDepthMm / 2;
    const halfH = v.intactHeightMm / 2;
    this.nx = Math.ceil((2 * a) / CELL_MM);
    this.nz = Math.ceil((2 * b) / CELL_MM);
    this.ny = Math.ceil((2 * halfH) / CELL_MM);
    this.origin = {
      x: v.centre.x - (this.nx * CELL_MM) / 2,
      y: v.centre.y - (this.ny * CELL_MM) / 2,
      z: v.centre.z - (this.nz * CELL_MM) / 2,
    };
    const n = this.nx * this.ny * this.nz;
    this.kind = new Uint8Array(n);
    this.entryPa = new Float64Array(n);
    this.outletOf = new Int32Array(n).fill(-1);
    this.cleftCells = new Uint8Array(n);
    this.superiorCells = new Uint8Array(n);
    this.inferiorCells = new Uint8Array(n);
    const profile = makeEndplateProfile(v);
    const rng = createRng(anatomy.channels?.poreFieldSeed ?? 1);
    const meanEntry = BONE_ENTRY_PA * Math.pow(Math.max(0.2, anatomy.cancellousDensity), 1.5);
    for (let k = 0; k < this.nz; k++) {
      for (let i = 0; i < this.nx; i++) {
        const c = this.centreOf(this.index(i, 0, k));
        const lx = c.x - v.centre.x;
        const lz = c.z - v.centre.z;
        const dSide = footprintSignedDistance(lx, lz, a, b);
        const inFootprint = dSide < -v.cortexMm;
        const sup = superiorYAt(profile, lx, lz);
        const inf = inferiorYAt(profile, lx, lz);
        const top = sup - v.cortexMm;
        const bottom = inf + v.cortexMm;
        for (let j = 0; j < this.ny; j++) {
          const idx = this.index(i, j, k);
          // Drawn for every cell, inside or not, so the field does not shift with the body's outline.
          const z = rng.normal(0, 1);
          const y = this.origin.y + (j + 0.5) * CELL_MM;
          if (!inFootprint || y > top || y < bottom) continue;
          // The body's waist (anatomy/bodyWaist.ts) takes the cells beside its concave walls. The posterior
          // wall's 1 mm concavity between the pedicles (half width 0 here) is left out: one cell deep, it
          // moved the basivertebral ostium's cells and thin cement no longer found that vein first (the
          // path of least resistance, cementInvasion.test.ts); the lattice keeps that wall straight.
          if (dSide + wallInsetMm(y, v.centre.y, v.intactHeightMm / 2, lx, lz, 0, b) >= -v.cortexMm) continue;
          this.kind[idx] = CELL.bone;
          this.entryPa[idx] = meanEntry * Math.exp(BONE_ENTRY_SIGMA * z);
          if (y + CELL_MM > top) this.superiorCells[idx] = 1;
          if (y - CELL_MM < bottom) this.inferiorCells[idx] = 1;
        }
      }
    }
    for (const ch of anatomy.channels?.channels ?? []) this.carveChannel(ch);
    anatomy.openings.forEach((o, i) => {
      if (o.kind === 'cleft') this.carveCleft(o.position, o.diameterMm / 2);
      else this.addOutlet({ key: `o${i}`, kind: o.kind, position: o.position, widthMm: o.diameterMm });
    });
    const crack = anatomy.openings.find((o) => o.kind === 'endplateCrack');
    anatomy.openings.forEach((o, i) => {
      if (o.kind !== 'cleft') return;
      this.scleroseAround(o.position, o.diameterMm / 2);
      // A cleft under a broken endplate opens into the disc through it: the cleft's fluid is continuous
      // with the disc's on MRI, and cement that fills the cleft meets the disc at its roof.
      if (crack) {
        const top = this.cleftRoof(o.position, o.diameterMm / 2);
        if (top) this.addOutlet({ key: `c${i}`, kind: 'endplateCrack', position: top, widthMm: o.diameterMm });
      }
    });
    (anatomy.channels?.channels ?? []).forEach((ch, i) => {
      if (ch.kind === 'endplateFissure' || ch.kind === 'cortexFissure') {
        this.addOutlet({ key: `f${i}`, kind: ch.kind, position: ch.path[ch.path.length - 1], widthMm: ch.widthMm });
      }
    });
  }

  index(i: number, j: number, k: number): number {
    return i + this.nx * (j + this.ny * k);
  }

  centreOf(idx: number): Vec3 {
    const i = idx % this.nx;
    const j = Math.floor(idx / this.nx) % this.ny;
    const k = Math.floor(idx / (this.nx * this.ny));
    return {
      x: this.origin.x + (i + 0.5) * CELL_MM,
      y: this.origin.y + (j + 0.5) * CELL_MM,
      z: this.origin.z + (k + 0.5) * CELL_MM,
    };
  }

  /** The inside cell nearest to a point (the whole lattice is searched: it is small). */
  nearestInside(p: Vec3): number {
    let best = -1;
    let bestD = Infinity;
    for (let idx = 0; idx < this.kind.length; idx++) {
      if (this.kind[idx] === CELL.outside) continue;
      const d = this.distance2(idx, p);
      if (d < bestD) {
        bestD = d;
        best = idx;
      }
    }
    return best;
  }

  /** Inside cells ordered by distance from p (nearest first), with their squared distances. */
  insideByDistance(p: Vec3): number[] {
    const cells: number[] = [];
    for (let idx = 0; idx < this.kind.length; idx++) if (this.kind[idx] !== CELL.outside) cells.push(idx);
    const d = new Float64Array(this.kind.length);
    for (const idx of cells) d[idx] = this.distance2(idx, p);
    return cells.sort((x, y) => d[x] - d[y] || x - y);
  }

  private distance2(idx: number, p: Vec3): number {
    const c = this.centreOf(idx);
    return (c.x - p.x) ** 2 + (c.y - p.y) ** 2 + (c.z - p.z) ** 2;
  }

  /** Map an opening onto the wall cells nearest to it (at least one; wider openings take more). */
  addOutlet(o: Omit<LatticeOutlet, 'cells'>): LatticeOutlet {
    const nearest = this.nearestInside(o.position);
    const cells: number[] = [];
    if (nearest >= 0) {
      const reach2 =
        (Math.sqrt(this.distance2(nearest, o.position)) + Math.max(0, o.widthMm / 2 - CELL_MM / 2)) ** 2 + 1e-9;
      for (let idx = 0; idx < this.kind.length; idx++) {
        if (this.kind[idx] !== CELL.outside && this.distance2(idx, o.position) <= reach2) cells.push(idx);
      }
    }
    const outlet = { ...o, cells };
    const at = this.outlets.push(outlet) - 1;
    for (const idx of cells) if (this.outletOf[idx] < 0) this.outletOf[idx] = at;
    return outlet;
  }

  /** Cells along a hidden channel become channel cells (cheap to enter and to flow along). */
  private carveChannel(ch: BoneChannel): void {
    for (let s = 1; s < ch.path.length; s++) {
      const p0 = ch.path[s - 1];
      const p1 = ch.path[s];
      const len = Math.hypot(p1.x - p0.x, p1.y - p0.y, p1.z - p0.z);
      const steps = Math.max(1, Math.ceil(len / (CELL_MM / 3)));
      for (let t = 0; t <= steps; t++) {
        const f = t / steps;
        const idx = this.cellAt({
          x: p0.x + (p1.x - p0.x) * f,
          y: p0.y + (p1.y - p0.y) * f,
          z: p0.z + (p1.z - p0.z) * f,
        });
        if (idx >= 0 && this.kind[idx] === CELL.bone) {
          this.kind[idx] = CELL.channel;
          this.entryPa[idx] = CHANNEL_ENTRY_PA;
        }
      }
    }
  }

  /** A cleft: open space whose cells are remembered as the cleft's. */
  private carveCleft(centre: Vec3, radiusMm: number): void {
    const r2 = radiusMm * radiusMm;
    for (let idx = 0; idx < this.kind.length; idx++) {
      if (this.kind[idx] !== CELL.outside && this.distance2(idx, centre) <= r2) {
        this.markSpace(idx);
        this.cleftCells[idx] = 1;
      }
    }
  }

  /** Open space inside the body (a gas cleft, the balloon's cavity): fills before bone. */
  carveSpace(centre: Vec3, radiusMm: number): void {
    const r2 = radiusMm * radiusMm;
    for (let idx = 0; idx < this.kind.length; idx++) {
      if (this.kind[idx] !== CELL.outside && this.distance2(idx, centre) <= r2) this.markSpace(idx);
    }
  }

  /**
   * The wall of a Kummell cleft is sclerotic: a rim of dense bone (and a fibrous lining) around the
   * cavity, so the bone cells next to the cleft cost CLEFT_SCLEROSIS_FACTOR times their entry
   * pressure. Cement fills the cleft as a block and enters the bone around it only under pressure.
   */
  private scleroseAround(centre: Vec3, radiusMm: number): void {
    const r2 = (radiusMm + CELL_MM) ** 2;
    for (let idx = 0; idx < this.kind.length; idx++) {
      if (this.kind[idx] === CELL.bone && this.distance2(idx, centre) <= r2)
        this.entryPa[idx] *= CLEFT_SCLEROSIS_FACTOR;
    }
  }

  /** The point of the superior endplate above a cleft's top cell (where the cleft meets the endplate), or null if it has no cell. */
  private cleftRoof(centre: Vec3, radiusMm: number): Vec3 | null {
    let best = -1;
    for (let idx = 0; idx < this.kind.length; idx++) {
      if (this.kind[idx] !== CELL.space || this.distance2(idx, centre) > radiusMm * radiusMm) continue;
      if (best < 0 || this.centreOf(idx).y > this.centreOf(best).y) best = idx;
    }
    if (best < 0) return null;
    const c = this.centreOf(best);
    return { x: c.x, y: c.y + CELL_MM / 2, z: c.z };
  }

  markSpace(idx: number): void {
    this.kind[idx] = CELL.space;
    this.entryPa[idx] = SPACE_ENTRY_PA;
  }

  /** Index of the cell containing p, or -1 outside the lattice box or the cancellous space. */
  cellAt(p: Vec3): number {
    const i = Math.floor((p.x - this.origin.x) / CELL_MM);
    const j = Math.floor((p.y - this.origin.y) / CELL_MM);
    const k = Math.floor((p.z - this.origin.z) / CELL_MM);
    if (i < 0 || j < 0 || k < 0 || i >= this.nx || j >= this.ny || k >= this.nz) return -1;
    const idx = this.index(i, j, k);
    return this.kind[idx] === CELL.outside ? -1 : idx;
  }

  /** The up-to-six face neighbours of a cell that lie in the cancellous space. */
  neighbours(idx: number, out: number[]): number[] {
    out.length = 0;
    const i = idx % this.nx;
    const j = Math.floor(idx / this.nx) % this.ny;
    const k = Math.floor(idx / (this.nx * this.ny));
    const push = (n: number): void => {
      if (this.kind[n] !== CELL.outside) out.push(n);
    };
    if (i > 0) push(idx - 1);
    if (i < this.nx - 1) push(idx + 1);
    if (j > 0) push(idx - this.nx);
    if (j < this.ny - 1) push(idx + this.nx);
    if (k > 0) push(idx - this.nx * this.ny);
    if (k < this.nz - 1) push(idx + this.nx * this.ny);
    return out;
  }

  /** Volume of one cell, mL. */
  get cellMl(): number {
    return (CELL_MM * CELL_MM * CELL_MM) / 1000;
  }
}
