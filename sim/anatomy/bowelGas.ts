import type { Rng } from '../math/rng';
import { HABITUS } from './habitus';
import { levelPosition, levelPositions } from './levelPositions';
import type { GasPocket, VertebraGeometry } from './types';
import type { Scenario } from '../../levels/scenarioSchema';

/**
 * Where bowel gas collects, relative to the spine (assumed from abdominal radiographic anatomy;
 * lateral positions are for an average torso and scale with the habitus' width):
 * colon in both flanks, transverse colon in front of the upper lumbar spine, small-bowel loops in
 * front of the spine, and the gastric fundus under the left dome of the diaphragm. Prone, gas
 * rises to the back of each loop, but every segment stays in front of or beside the psoas.
 */
const SEGMENTS = [
  {
    name: 'ascending',
    weight: 3,
    courseDeg: 90,
    x: [-105, -85],
    zFront: [0, 40],
    rx: [12, 20],
    ry: [10, 25],
    rz: [10, 18],
  },
  {
    name: 'descending',
    weight: 3,
    courseDeg: 90,
    x: [85, 105],
    zFront: [0, 35],
    rx: [12, 20],
    ry: [10, 25],
    rz: [10, 18],
  },
  {
    name: 'transverse',
    weight: 2,
    courseDeg: 0,
    x: [-70, 70],
    zFront: [70, 90],
    rx: [15, 30],
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
      for (let k = 0; k < beads; k++) {
        const shrink = k === 0 ? 1 : rng.range(0.55, 0.9);
        const step = 0.8 * k * (radii.x * Math.abs(Math.cos(angle)) + radii.y * Math.abs(Math.sin(angle)));
        pockets.push({
          centre: { x: centre.x + step * Math.cos(angle), y: centre.y + step * Math.sin(angle), z: centre.z },
          radiiMm: { x: radii.x * shrink, y: radii.y * shrink, z: radii.z * shrink },
        });
      }
    }
  }
  // Gastric fundus: under the left dome (T10-T11), clipped by the diaphragm in the classifier.
  const t11 = levelPosition(pos, 'T11');
  if (t11.centreY < top + 30 && t11.centreY > bottom) {
    const k = rng.range(0.5, 1.1);
    pockets.push({
      centre: { x: 60 * wx, y: t11.centreY + 10, z: -b - 35 },
      radiiMm: { x: 28 * k, y: 18 * k, z: 22 * k },
    });
  }
  return pockets;
}

/** Gas pockets as flat numbers, indexed by 8 mm slabs of y so a sample tests only the few at its height. */
export interface CompiledGas {
  /** 7 numbers per pocket: centre x, y, z, 1/rx^2, 1/ry^2, 1/rz^2, unused. */
  readonly data: Float64Array;
  readonly yMin: number;
  readonly yMax: number;
  /** CSR index: slab k lists offsets index[start[k]..start[k+1]) into data. */
  readonly start: Int32Array;
  readonly index: Int32Array;
}

const SLAB_MM = 8;

/** Compile the pockets for the classifier. */
export function compileGas(gas: readonly GasPocket[]): CompiledGas {
  const data = new Float64Array(gas.length * 7);
  gas.forEach((g, i) => {
    data.set(
      [g.centre.x, g.centre.y, g.centre.z, 1 / g.radiiMm.x ** 2, 1 / g.radiiMm.y ** 2, 1 / g.radiiMm.z ** 2, 0],
      i * 7,
    );
  });
  const yMin = Math.min(Infinity, ...gas.map((g) => g.centre.y - g.radiiMm.y));
  const yMax = Math.max(-Infinity, ...gas.map((g) => g.centre.y + g.radiiMm.y));
  const n = gas.length === 0 ? 0 : Math.floor((yMax - yMin) / SLAB_MM) + 1;
  const lists: number[][] = Array.from({ length: n }, () => []);
  gas.forEach((g, i) => {
    const k0 = Math.max(0, Math.floor((g.centre.y - g.radiiMm.y - yMin) / SLAB_MM));
    const k1 = Math.min(n - 1, Math.floor((g.centre.y + g.radiiMm.y - yMin) / SLAB_MM));
    for (let k = k0; k <= k1; k++) lists[k].push(i * 7);
  });
  const start = new Int32Array(n + 1);
  lists.forEach((l, k) => {
    start[k + 1] = start[k] + l.length;
  });
  return { data, yMin, yMax, start, index: Int32Array.from(lists.flat()) };
}

/** True inside any pocket (the caller clips the gas below the diaphragm). Allocation-free. */
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
    if (dx * dx * g[i + 3] + dy * dy * g[i + 4] + dz * dz * g[i + 5] <= 1) return true;
  }
  return false;
}
