import type { CompiledAnatomy, CompiledVertebra } from './compileAnatomy';
import type { Anatomy } from './types';
import { GAS_STRIDE } from './bowelGas';
import { NECK_RADIUS_MM, NECK_SEG, NECK_STRIDE, TRUNK_FLAG } from './thorax';
import { lungFloorY, surelyLungColumn, trunkBounds } from './trunkBounds';
import { posteriorBoxes } from './posteriorElements';

/**
 * A coarse grid over the torso that tells the imaging classifier which of its tests can possibly
 * succeed in each 4 mm cell, so a ray sample skips the rest (most cells hold only muscle, lung or
 * one vertebra's bone). Exact, not an approximation: every flag is set from a conservative
 * bounding box of the points where that test can answer (grown by GRID_MARGIN_MM, far beyond
 * rounding), so a skipped test would have failed anyway and the classifier returns the same code
 * at every point, with or without the grid (tests/unit/classifierEquivalence.test.ts). Built per
 * anatomy, independent of the balloon's lift (the lift only moves the target's superior endplate
 * within its body box).
 */

/**
 * Bits 0-7: vertebra i may have bone in the cell, bit i mod 8 (CompiledAnatomy.verts order). A build
 * models up to 15 vertebrae (the target's neighbours and the count's landmarks); vertebrae eight
 * apart share a bit but never a cell, and the classifier's own height test rejects the other one.
 */
export const GRID_BONE_BITS = 0xff;
export const GRID_FLAG = {
  /** The disc, canal or foramen test of the slab's vertebra (softSpinal). */
  soft: 1 << 8,
  ...TRUNK_FLAG,
  /** With the lung bit alone: every point of the cell is lung (thorax.ts, surelyLung). */
  allLung: 1 << 14,
} as const;
/** A cell whose every point is lung (for a ray sampler: no test left to run). */
export const GRID_ALL_LUNG = GRID_FLAG.lung | GRID_FLAG.allLung;
/** Any trunk test: without one of these, a point of the torso that is not spine is muscle. */
export const GRID_TRUNK = GRID_FLAG.ribNeck | GRID_FLAG.ribShaft | GRID_FLAG.lung | GRID_FLAG.gas | GRID_FLAG.psoas;
/** Flags of a point outside the grid: every test runs. */
export const GRID_ALL = 0xffff;

const CELL_MM = 4;
/** The spine box gets its own finer grid for the bone and soft-spinal bits (bones are small). */
const SPINE_CELL_MM = 2;
/** Every box grows by this before it is rasterised (rounding in the classifier is ~1e-13 mm). */
const GRID_MARGIN_MM = 1e-3;
/** The grid's reach above and below the modelled spine (rays sample ~150 mm beyond it). */
const GRID_Y_REACH_MM = 200;
const SPINE_BITS = GRID_BONE_BITS | GRID_FLAG.soft;

/** One level of the grid: cells of cellMm from (x0, y0, z0), flags per cell at index (iy * nz + iz) * nx + ix. */
export interface GridLevel {
  readonly x0: number;
  readonly y0: number;
  readonly z0: number;
  readonly cellMm: number;
  readonly invCellMm: number;
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly flags: Uint16Array;
}

/** The torso at 4 mm (every flag), and the spine box at 2 mm (bone and soft-spinal bits, which replace the coarse ones there). */
export interface ClassifierGrid {
  readonly coarse: GridLevel;
  readonly spine: GridLevel;
}

function level(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, cellMm: number): GridLevel {
  const nx = Math.ceil((x1 - x0) / cellMm);
  const ny = Math.ceil((y1 - y0) / cellMm);
  const nz = Math.ceil((z1 - z0) / cellMm);
  return { x0, y0, z0, cellMm, invCellMm: 1 / cellMm, nx, ny, nz, flags: new Uint16Array(nx * ny * nz) };
}

const grids = new WeakMap<Anatomy, ClassifierGrid | null>();

/** The grid of an anatomy, built once (it does not depend on the lift: a balloon step reuses it); A is its compilation. */
export function classifierGridFor(anatomy: Anatomy, A: CompiledAnatomy): ClassifierGrid | null {
  let g = grids.get(anatomy);
  if (g === undefined) {
    g = buildClassifierGrid(A);
    grids.set(anatomy, g);
  }
  return g;
}

/** Build the grid for a compiled anatomy. */
export function buildClassifierGrid(A: CompiledAnatomy): ClassifierGrid | null {
  const verts = A.verts;
  const x0 = -A.torsoA;
  const z0 = A.torsoZc - A.torsoB;
  const y0 = A.spineMinY - GRID_Y_REACH_MM;
  const g = level(x0, A.torsoA, y0, A.spineMaxY + GRID_Y_REACH_MM, z0, A.torsoZc + A.torsoB, CELL_MM);
  const { nx, nz } = g;
  const spine = level(-A.spineMaxX, A.spineMaxX, A.spineMinY, A.spineMaxY, A.spineMinZ, A.spineMaxZ, SPINE_CELL_MM);

  for (const lv of [g, spine]) {
    verts.forEach((cv, i) => {
      for (const b of boneBoxes(cv)) mark(lv, b, 1 << (i & 7));
      // The slab's own disc, canal and foramen tests: footprints of this body and its neighbours, canal and foramen behind it.
      const ys: Range = [cv.slabBottom, cv.slabTop];
      for (const n of [verts[i - 1], cv, verts[i + 1]]) {
        if (n) mark(lv, [[n.cx - n.a, n.cx + n.a], ys, [n.cz - n.b, n.cz + n.b]], GRID_FLAG.soft);
      }
      mark(lv, [[cv.cx - cv.foramenMaxX, cv.cx + cv.foramenMaxX], ys, [cv.cz + cv.b * 0.6, cv.zEnd]], GRID_FLAG.soft);
    });
  }

  const T = A.trunk;
  const N = T.necks;
  for (let o = 0; o < N.length; o += NECK_STRIDE) {
    for (let s = o + 3; s < o + 3 + 2 * NECK_SEG; s += NECK_SEG) {
      markNeck(g, N, s, T.ribYMin, T.ribYMax);
    }
  }
  const G = T.gas;
  // The boxes of the whole ellipsoids: folds, fluid level and lobulation only shrink a pocket (bowelGas.ts).
  for (let i = 0; i < G.data.length; i += GAS_STRIDE) {
    const rx = 1 / Math.sqrt(G.data[i + 3]);
    const ry = 1 / Math.sqrt(G.data[i + 4]);
    const rz = 1 / Math.sqrt(G.data[i + 5]);
    mark(
      g,
      [
        [G.data[i] - rx, G.data[i] + rx],
        [G.data[i + 1] - ry, G.data[i + 1] + ry],
        [G.data[i + 2] - rz, G.data[i + 2] + rz],
      ],
      GRID_FLAG.gas,
    );
  }
  const tb = trunkBounds(T);
  // The psoas fat line slants out going down: mark it row by row, |x| from its edge at the row's top to the edge plus the fat at the row's bottom.
  const [py0, py1] = cellRange(T.psoasBottomY, T.psoasTopY, y0, g.ny, CELL_MM);
  for (let iy = py0; iy <= py1; iy++) {
    const ya = Math.max(T.psoasBottomY, y0 + iy * CELL_MM - GRID_MARGIN_MM);
    const yb = Math.min(T.psoasTopY, y0 + (iy + 1) * CELL_MM + GRID_MARGIN_MM);
    const ea = tb.psoasEdgeAt(ya);
    const eb = tb.psoasEdgeAt(yb);
    markMirrored(
      g,
      [Math.min(ea, eb), Math.max(ea, eb) + tb.psoasFatMm],
      [ya, yb],
      [T.psoasZMin, T.psoasZMax],
      GRID_FLAG.psoas,
    );
  }

  // Shaft and lung depend on the hemithorax ellipse in (|x|, z): bound r2 over each column of cells
  // (grown by the margin), and the lung on the diaphragm below it.
  const shaftY: Range = [Math.max(tb.shaftYMin, T.ribYMin), Math.min(tb.shaftYMax, T.ribYMax)];
  const band2 = T.bandInner * T.bandInner;
  const lung2 = T.lungInner * T.lungInner;
  const m = GRID_MARGIN_MM;
  const lungColumns: [number, number][] = [];
  for (let iz = 0; iz < nz; iz++) {
    const ez = span((z0 + iz * CELL_MM - m - T.zc) / T.b, (z0 + (iz + 1) * CELL_MM + m - T.zc) / T.b);
    for (let ix = 0; ix < nx; ix++) {
      const xa = x0 + ix * CELL_MM - m;
      const xb = x0 + (ix + 1) * CELL_MM + m;
      const axLo = xa <= 0 && xb >= 0 ? 0 : Math.min(Math.abs(xa), Math.abs(xb));
      const axHi = Math.max(Math.abs(xa), Math.abs(xb));
      const ex = span((axLo - T.cx) / T.a, (axHi - T.cx) / T.a);
      const r2Min = ex.min2 + ez.min2;
      const r2Max = ex.max2 + ez.max2;
      // Relative slack on r2 for rounding in the classifier (its r2 is within ~1e-15 of exact).
      const eps = 1e-9;
      if (ex.hi >= 0 && r2Min <= 1 + eps && r2Max >= band2 - eps) {
        // Each shaft runs at y = rib.y - drop (1 - cos phi), phi its angle from the apex: bound cos phi over the column.
        const exLo = Math.max(0, (axLo - T.cx) / T.a);
        const exHi = (axHi - T.cx) / T.a;
        const ezLo = (z0 + iz * CELL_MM - m - T.zc) / T.b;
        const ezHi = (z0 + (iz + 1) * CELL_MM + m - T.zc) / T.b;
        let cosLo = -1;
        let cosHi = 1;
        if (!(exLo <= 0 && ezLo <= 0 && ezHi >= 0)) {
          const cs = [exLo, exHi].flatMap((e) => [ezLo, ezHi].map((w) => w / Math.sqrt(e * e + w * w)));
          cosLo = Math.min(...cs) - 1e-9;
          cosHi = Math.max(...cs) + 1e-9;
        }
        for (let i = 0; i < T.shafts.length; i += 2) {
          const c0 = Math.max(cosLo, T.shafts[i + 1]);
          if (cosHi < T.shafts[i + 1]) continue;
          const ya = T.shafts[i] - T.dropMm * (1 - c0) - T.shaftHalfH;
          const yb = T.shafts[i] - T.dropMm * (1 - cosHi) + T.shaftHalfH;
          markColumn(g, ix, iz, [Math.max(ya, shaftY[0]), Math.min(yb, shaftY[1])], GRID_FLAG.ribShaft);
        }
      }
      // Lung: inside the lung ellipse, above the diaphragm, outside the paraspinal ellipse.
      if (r2Min < lung2 + eps)
        markColumn(
          g,
          ix,
          iz,
          [lungFloorY(T, xa, xb, z0 + iz * CELL_MM - m, z0 + (iz + 1) * CELL_MM + m), Infinity],
          GRID_FLAG.lung,
        );
      lungColumns.push([ix, iz]);
    }
  }
  // Cells of lung alone (after every flag is in) where every point is surely lung.
  for (const [ix, iz] of lungColumns) {
    const xa = x0 + ix * CELL_MM - m;
    const za = z0 + iz * CELL_MM - m;
    const col = surelyLungColumn(T, xa, xa + CELL_MM + 2 * m, za, za + CELL_MM + 2 * m);
    if (col === null) continue;
    const [iy0, iy1] = cellRange(col.fromY, Math.min(col.toY, y0 + g.ny * CELL_MM), y0, g.ny, CELL_MM);
    for (let iy = iy0; iy <= iy1; iy++) {
      const k = (iy * nz + iz) * nx + ix;
      const ya = y0 + iy * CELL_MM - m;
      const yb = ya + CELL_MM + 2 * m;
      if (g.flags[k] === GRID_FLAG.lung && ya > col.fromY && yb < col.toY && col.clearOfHeart(ya, yb))
        g.flags[k] |= GRID_FLAG.allLung;
    }
  }
  return { coarse: g, spine };
}

/** The grid's flags at a point (GRID_ALL outside it). */
export function gridFlags(G: ClassifierGrid, x: number, y: number, z: number): number {
  const g = G.coarse;
  const fx = (x - g.x0) * g.invCellMm;
  const fy = (y - g.y0) * g.invCellMm;
  const fz = (z - g.z0) * g.invCellMm;
  if (!(fx >= 0 && fx < g.nx && fy >= 0 && fy < g.ny && fz >= 0 && fz < g.nz)) return GRID_ALL;
  const f = g.flags[((fy | 0) * g.nz + (fz | 0)) * g.nx + (fx | 0)];
  if ((f & SPINE_BITS) === 0) return f;
  const s = G.spine;
  const sx = (x - s.x0) * s.invCellMm;
  const sy = (y - s.y0) * s.invCellMm;
  const sz = (z - s.z0) * s.invCellMm;
  if (!(sx >= 0 && sx < s.nx && sy >= 0 && sy < s.ny && sz >= 0 && sz < s.nz)) return f;
  return (f & ~SPINE_BITS) | s.flags[((sy | 0) * s.nz + (sz | 0)) * s.nx + (sx | 0)];
}

type Range = readonly [number, number];
type Box = readonly [Range, Range, Range];

/** Interval of v over [lo, hi] and the smallest and largest v^2 on it. */
function span(lo: number, hi: number): { hi: number; min2: number; max2: number } {
  const min2 = lo <= 0 && hi >= 0 ? 0 : Math.min(lo * lo, hi * hi);
  return { hi, min2, max2: Math.max(lo * lo, hi * hi) };
}

function cellRange(v0: number, v1: number, origin: number, n: number, cellMm: number): Range {
  const a = Math.max(0, Math.floor((v0 - GRID_MARGIN_MM - origin) / cellMm));
  const b = Math.min(n - 1, Math.floor((v1 + GRID_MARGIN_MM - origin) / cellMm));
  return [a, b];
}

function mark(g: GridLevel, [xs, ys, zs]: Box, bit: number): void {
  if (!(xs[0] <= xs[1] && ys[0] <= ys[1] && zs[0] <= zs[1])) return;
  const [ix0, ix1] = cellRange(xs[0], xs[1], g.x0, g.nx, g.cellMm);
  const [iy0, iy1] = cellRange(ys[0], ys[1], g.y0, g.ny, g.cellMm);
  const [iz0, iz1] = cellRange(zs[0], zs[1], g.z0, g.nz, g.cellMm);
  for (let iy = iy0; iy <= iy1; iy++)
    for (let iz = iz0; iz <= iz1; iz++)
      for (let ix = ix0; ix <= ix1; ix++) g.flags[(iy * g.nz + iz) * g.nx + ix] |= bit;
}

/** A box given in |x|: mark it on both sides of the midline. */
function markMirrored(g: GridLevel, axs: Range, ys: Range, zs: Range, bit: number): void {
  mark(g, [[axs[0], axs[1]], ys, zs], bit);
  mark(g, [[-axs[1], -axs[0]], ys, zs], bit);
}

/**
 * A rib neck segment (NECK_SEG numbers at N[s]: start, vector, |vector|^2, box): every cell of its
 * box, on both sides, whose centre is within the neck's radius plus the cell's half-diagonal of
 * the segment (a point of the cell within the radius has its centre within that).
 */
function markNeck(g: GridLevel, N: Float64Array, s: number, yMin: number, yMax: number): void {
  const reach = NECK_RADIUS_MM + (g.cellMm * Math.sqrt(3)) / 2 + GRID_MARGIN_MM;
  const [iy0, iy1] = cellRange(Math.max(N[s + 9], yMin), Math.min(N[s + 10], yMax), g.y0, g.ny, g.cellMm);
  const [iz0, iz1] = cellRange(N[s + 11], N[s + 12], g.z0, g.nz, g.cellMm);
  for (const [xa, xb] of [
    [N[s + 7], N[s + 8]],
    [-N[s + 8], -N[s + 7]],
  ]) {
    const [ix0, ix1] = cellRange(xa, xb, g.x0, g.nx, g.cellMm);
    for (let iy = iy0; iy <= iy1; iy++)
      for (let iz = iz0; iz <= iz1; iz++)
        for (let ix = ix0; ix <= ix1; ix++) {
          const cx = Math.abs(g.x0 + (ix + 0.5) * g.cellMm);
          const cy = g.y0 + (iy + 0.5) * g.cellMm;
          const cz = g.z0 + (iz + 0.5) * g.cellMm;
          const t = Math.max(
            0,
            Math.min(1, ((cx - N[s]) * N[s + 3] + (cy - N[s + 1]) * N[s + 4] + (cz - N[s + 2]) * N[s + 5]) / N[s + 6]),
          );
          const d = Math.hypot(cx - N[s] - t * N[s + 3], cy - N[s + 1] - t * N[s + 4], cz - N[s + 2] - t * N[s + 5]);
          if (d <= reach) g.flags[(iy * g.nz + iz) * g.nx + ix] |= GRID_FLAG.ribNeck;
        }
  }
}

function markColumn(g: GridLevel, ix: number, iz: number, ys: Range, bit: number): void {
  if (!(ys[0] <= ys[1])) return;
  const [iy0, iy1] = cellRange(ys[0], Math.min(ys[1], g.y0 + g.ny * g.cellMm), g.y0, g.ny, g.cellMm);
  for (let iy = iy0; iy <= iy1; iy++) g.flags[(iy * g.nz + iz) * g.nx + ix] |= bit;
}

/**
 * Boxes that hold every point where bone() can return a code for this vertebra: the body's box,
 * each pedicle's tube (axis from 4 mm in front of its anterior end to its posterior end, widened by
 * its half-width), and the posterior elements (posteriorElements.ts), as tissueClassifier.ts draws them.
 */
function boneBoxes(cv: CompiledVertebra): Box[] {
  const boxes: Box[] = [
    [
      [cv.cx - cv.a, cv.cx + cv.a],
      [cv.bodyYMin, cv.bodyYMax],
      [cv.cz - cv.b, cv.cz + cv.b],
    ],
  ];
  for (const p of cv.peds) {
    const xa = p.ax - 4 * p.ux;
    const xb = p.ax + p.len * p.ux;
    const za = p.az - 4 * p.uz;
    const zb = p.az + p.len * p.uz;
    const wx = p.a * Math.abs(p.nx);
    const wz = p.a * Math.abs(p.nz);
    boxes.push([
      [Math.min(xa, xb) - wx, Math.max(xa, xb) + wx],
      [p.y - p.b, p.y + p.b],
      [Math.max(Math.min(za, zb) - wz, cv.cz + cv.pedZMin), Math.min(Math.max(za, zb) + wz, cv.zEnd + 1)],
    ]);
  }
  // Posterior elements (posteriorElements.ts gives their boxes in |x|): on both sides of the midline.
  for (const [axs, ys, zs] of posteriorBoxes(cv.post)) {
    boxes.push([[cv.cx + axs[0], cv.cx + axs[1]], ys, zs]);
    boxes.push([[cv.cx - axs[1], cv.cx - axs[0]], ys, zs]);
  }
  return boxes;
}
