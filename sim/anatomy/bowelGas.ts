import type { Rng } from '../math/rng';
import { HABITUS } from './habitus';
import { levelPosition, levelPositions } from './levelPositions';
import type { GasHaustra, GasPocket, VertebraGeometry } from './types';
import type { Scenario } from '../../levels/scenarioSchema';

/**
 * Where bowel gas collects, relative to the spine (assumed from abdominal radiographic anatomy;
 * lateral positions are for an average torso and scale with the habitus' width):
 * colon in both flanks, transverse colon in front of the upper lumbar spine, small-bowel loops in
 * front of the spine, and the gastric fundus under the left dome of the diaphragm. Prone, gas
 * rises to the back of each loop, but every segment stays in front of or beside the psoas.
 *
 * The colon's gas is a column narrowed by haustral folds (plicae semilunares): a fold every 20-30
 * mm along the course, each taking 25-45 % of the radius on average (x 0.7-1.3 per fold, so up to
 * ~60 %: folds cross part of the lumen), 4 mm half-width, its position jittered by up to 15 % of
 * the spacing. The gastric bubble has a rugal, lobulated outline (up to 8-18 % of its radius, two
 * angular harmonics in the coronal plane) and, the patient lying prone, an air-fluid level: the
 * fluid lies in the dependent, anterior part of the stomach, so the gas is cut flat by a coronal
 * plane 20-50 % of its depth in front of its centre (a straight vertical edge on a lateral film,
 * en face and invisible on an AP). Assumed numbers, general abdominal radiographic anatomy. Both
 * only shrink the ellipsoids, so their boxes stay conservative bounds (classifierGrid.ts).
 */
const SEGMENTS = [
  {
    name: 'ascending',
    weight: 3,
    courseDeg: 90,
    x: [-105, -85],
    zFront: [0, 40],
    rx: [12, 20],
    ry: [14, 32],
    rz: [10, 18],
  },
  {
    name: 'descending',
    weight: 3,
    courseDeg: 90,
    x: [85, 105],
    zFront: [0, 35],
    rx: [12, 20],
    ry: [14, 32],
    rz: [10, 18],
  },
  {
    name: 'transverse',
    weight: 2,
    courseDeg: 0,
    x: [-70, 70],
    zFront: [70, 90],
    rx: [20, 40],
    ry: [8, 14],
    rz: [10, 16],
  },
  {
    name: 'smallBowel',
    weight: 2,
    courseDeg: 45,
    x: [-50, 50],
    zFront: [55, 85],
    rx: [7, 14],
    ry: [6, 12],
    rz: [7, 12],
  },
] as const;
/** Pockets per 40 mm of lumbar spine in the field, drawn between these bounds (assumed). */
const POCKETS_PER_40MM: readonly [number, number] = [0.7, 2.0];
const AVERAGE_TORSO_HALF_WIDTH_MM = 165;
/** Haustral folds (assumed): spacing, mean depth as a share of the radius, half-width, jitter. */
export const HAUSTRA = {
  spacingMm: [20, 30],
  depth: [0.25, 0.45],
  halfWidthMm: 4,
  depthSpread: 0.3,
  jitter: 0.15,
} as const;
/** Gastric bubble (assumed): rugal lobulation depth and the fluid level's depth in front of the centre (share of rz). */
const GASTRIC = { lobeDepth: [0.08, 0.18], fluidLevel: [0.2, 0.5] } as const;

/** Seeded bowel gas for the lumbar part of the modelled spine, plus the gastric bubble when the diaphragm is near. */
export function drawBowelGas(vertebrae: readonly VertebraGeometry[], scenario: Scenario, rng: Rng): GasPocket[] {
  const pos = levelPositions(vertebrae);
  const l1 = levelPosition(pos, 'L1');
  const s1 = levelPosition(pos, 'S1');
  const top = vertebrae[0].centre.y + vertebrae[0].intactHeightMm / 2 + 20;
  const bottom = vertebrae[vertebrae.length - 1].centre.y - vertebrae[vertebrae.length - 1].intactHeightMm / 2 - 20;
  const yHigh = Math.min(top, l1.centreY + l1.heightMm / 2);
  const yLow = Math.max(bottom, s1.centreY);
  const b = vertebrae[0].bodyDepthMm / 2;
  const wx = HABITUS[scenario.patient.habitus].torsoHalfWidthMm / AVERAGE_TORSO_HALF_WIDTH_MM;
  const pockets: GasPocket[] = [];
  // Folds and the gastric outline draw from a fork of their own, so the pockets' draws do not shift.
  const hr = rng.fork('haustra');
  if (yHigh > yLow) {
    const count = Math.round(((yHigh - yLow) / 40) * rng.range(POCKETS_PER_40MM[0], POCKETS_PER_40MM[1]));
    const total = SEGMENTS.reduce((s, g) => s + g.weight, 0);
    for (let i = 0; i < count; i++) {
      let pick = rng.range(0, total);
      const seg =
        SEGMENTS.find((g) => {
          pick -= g.weight;
          return pick < 0;
        }) ?? SEGMENTS[0];
      const y = seg.name === 'transverse' ? rng.range(Math.max(yLow, yHigh - 70), yHigh) : rng.range(yLow, yHigh);
      const centre = { x: rng.range(seg.x[0], seg.x[1]) * wx, y, z: -b - rng.range(seg.zFront[0], seg.zFront[1]) };
      const radii = {
        x: rng.range(seg.rx[0], seg.rx[1]),
        y: rng.range(seg.ry[0], seg.ry[1]),
        z: rng.range(seg.rz[0], seg.rz[1]),
      };
      // A loop is a string of 1-3 lobules (haustra / bowel loops) along its course in the coronal plane.
      const beads = 1 + Math.floor(rng.range(0, 3));
      const angle = ((seg.courseDeg + rng.range(-25, 25)) * Math.PI) / 180;
      const haustra =
        seg.name === 'smallBowel' ? undefined : drawHaustra(seg.name === 'transverse' ? 'x' : 'y', centre, hr);
      for (let k = 0; k < beads; k++) {
        const shrink = k === 0 ? 1 : rng.range(0.55, 0.9);
        const step = 0.8 * k * (radii.x * Math.abs(Math.cos(angle)) + radii.y * Math.abs(Math.sin(angle)));
        pockets.push({
          centre: { x: centre.x + step * Math.cos(angle), y: centre.y + step * Math.sin(angle), z: centre.z },
          radiiMm: { x: radii.x * shrink, y: radii.y * shrink, z: radii.z * shrink },
          ...(haustra ? { haustra } : {}),
        });
      }
    }
  }
  // Gastric fundus: under the left dome (T10-T11), clipped by the diaphragm in the classifier.
  const t11 = levelPosition(pos, 'T11');
  if (t11.centreY < top + 30 && t11.centreY > bottom) {
    const k = rng.range(0.5, 1.1);
    const centre = { x: 60 * wx, y: t11.centreY + 10, z: -b - 35 };
    const rz = 22 * k;
    pockets.push({
      centre,
      radiiMm: { x: 28 * k, y: 18 * k, z: rz },
      gastric: {
        lobeDepth: hr.range(GASTRIC.lobeDepth[0], GASTRIC.lobeDepth[1]),
        lobePhase: hr.range(0, 2 * Math.PI),
        fluidLevelZ: centre.z - rz * hr.range(GASTRIC.fluidLevel[0], GASTRIC.fluidLevel[1]),
      },
    });
  }
  return pockets;
}

/** One colon loop's folds: all its lobules share them, so the folds run on across the loop. */
function drawHaustra(axis: 'x' | 'y', centre: { x: number; y: number }, hr: Rng): GasHaustra {
  const spacingMm = hr.range(HAUSTRA.spacingMm[0], HAUSTRA.spacingMm[1]);
  return {
    axis,
    spacingMm,
    phaseMm: (axis === 'x' ? centre.x : centre.y) + hr.range(0, spacingMm),
    depth: hr.range(HAUSTRA.depth[0], HAUSTRA.depth[1]),
    seed: Math.floor(hr.next() * 0x7fffffff),
  };
}

/** Uniform in [0, 1) from a fold's index, a loop's seed and a salt (an integer hash: no state, no allocation). */
function foldHash(k: number, seed: number, salt: number): number {
  let h = Math.imul(k ^ seed, 0x9e3779b1) ^ salt;
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/**
 * Share of the colon's radius left at coordinate s along its axis: 1 between folds, down to 1 -
 * depth x (0.7-1.3) at a fold, over a 4 mm half-width ((1 - (d / w)^2)^2, smooth). Never above 1.
 */
export function haustralScale(s: number, spacingMm: number, phaseMm: number, depth: number, seed: number): number {
  const u = (s - phaseMm) / spacingMm;
  const k = Math.round(u);
  const jitter = (foldHash(k, seed, 0x51ed) - 0.5) * 2 * HAUSTRA.jitter;
  const d = Math.abs(u - k - jitter) * spacingMm;
  if (d >= HAUSTRA.halfWidthMm) return 1;
  const t = 1 - (d / HAUSTRA.halfWidthMm) ** 2;
  const foldDepth = depth * (1 - HAUSTRA.depthSpread + 2 * HAUSTRA.depthSpread * foldHash(k, seed, 0x2c1b));
  return 1 - foldDepth * t * t;
}

/** Gas pockets as flat numbers, indexed by 8 mm slabs of y so a sample tests only the few at its height. */
export interface CompiledGas {
  /** GAS_STRIDE numbers per pocket: centre x, y, z, 1/rx^2, 1/ry^2, 1/rz^2, kind, then the kind's numbers. */
  readonly data: Float64Array;
  readonly yMin: number;
  readonly yMax: number;
  /** CSR index: slab k lists offsets index[start[k]..start[k+1]) into data. */
  readonly start: Int32Array;
  readonly index: Int32Array;
}

export const GAS_STRIDE = 11;
/** Kinds of pocket in the compiled data (slot 6). */
const PLAIN = 0;
const HAUSTRA_X = 1;
const HAUSTRA_Y = 2;
const STOMACH = 3;

const SLAB_MM = 8;

/** Compile the pockets for the classifier. */
export function compileGas(gas: readonly GasPocket[]): CompiledGas {
  const data = new Float64Array(gas.length * GAS_STRIDE);
  gas.forEach((g, i) => {
    const h = g.haustra;
    const s = g.gastric;
    const kind = h ? (h.axis === 'x' ? HAUSTRA_X : HAUSTRA_Y) : s ? STOMACH : PLAIN;
    const extra = h
      ? [h.spacingMm, h.phaseMm, h.depth, h.seed]
      : s
        ? [s.fluidLevelZ, s.lobeDepth, s.lobePhase, 0]
        : [0, 0, 0, 0];
    data.set(
      [
        g.centre.x,
        g.centre.y,
        g.centre.z,
        1 / g.radiiMm.x ** 2,
        1 / g.radiiMm.y ** 2,
        1 / g.radiiMm.z ** 2,
        kind,
        ...extra,
      ],
      i * GAS_STRIDE,
    );
  });
  const yMin = Math.min(Infinity, ...gas.map((g) => g.centre.y - g.radiiMm.y));
  const yMax = Math.max(-Infinity, ...gas.map((g) => g.centre.y + g.radiiMm.y));
  const n = gas.length === 0 ? 0 : Math.floor((yMax - yMin) / SLAB_MM) + 1;
  const lists: number[][] = Array.from({ length: n }, () => []);
  gas.forEach((g, i) => {
    const k0 = Math.max(0, Math.floor((g.centre.y - g.radiiMm.y - yMin) / SLAB_MM));
    const k1 = Math.min(n - 1, Math.floor((g.centre.y + g.radiiMm.y - yMin) / SLAB_MM));
    for (let k = k0; k <= k1; k++) lists[k].push(i * GAS_STRIDE);
  });
  const start = new Int32Array(n + 1);
  lists.forEach((l, k) => {
    start[k + 1] = start[k] + l.length;
  });
  return { data, yMin, yMax, start, index: Int32Array.from(lists.flat()) };
}

/**
 * True inside any pocket (the caller clips the gas below the diaphragm): inside the ellipsoid, then
 * for a colon pocket inside its cross-section narrowed by the folds (the cross-section's share
 * sqrt(1 - axial^2) times haustralScale), for the stomach behind the fluid level and inside the
 * lobulated outline. Allocation-free.
 */
export function inGas(G: CompiledGas, x: number, y: number, z: number): boolean {
  if (y < G.yMin || y > G.yMax) return false;
  const g = G.data;
  const k = Math.floor((y - G.yMin) / SLAB_MM);
  const end = G.start[k + 1];
  for (let j = G.start[k]; j < end; j++) {
    const i = G.index[j];
    const dx = x - g[i];
    const dy = y - g[i + 1];
    const dz = z - g[i + 2];
    const ax = dx * dx * g[i + 3];
    const ay = dy * dy * g[i + 4];
    const q = ax + ay + dz * dz * g[i + 5];
    if (q > 1) continue;
    const kind = g[i + 6];
    if (kind === PLAIN) return true;
    if (kind === STOMACH) {
      if (z < g[i + 7]) continue;
      const th = Math.atan2(dy, dx);
      const m = 1 - g[i + 8] * (0.5 + 0.25 * Math.sin(3 * th + g[i + 9]) + 0.25 * Math.sin(5 * th + 2.3 * g[i + 9]));
      if (q <= m * m) return true;
      continue;
    }
    const axial = kind === HAUSTRA_X ? ax : ay;
    const m = haustralScale(kind === HAUSTRA_X ? x : y, g[i + 7], g[i + 8], g[i + 9], g[i + 10]);
    if (q - axial <= m * m * (1 - axial)) return true;
  }
  return false;
}
