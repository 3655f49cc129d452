import { contours } from 'd3-contour';
import type { Anatomy, EndplateLift } from '../../sim/anatomy';
import type { Side } from '../../sim/core';
import type { Vec3 } from '../../sim/math';
import type { Projection } from '../../sim/imaging';
import { depthInsideBody, pedicleLocal, pedicleOf } from '../../sim/anatomy';
import { defaultSkinEntry, idealTrajectory } from '../../sim/anatomy';
import { ellipsoidChord } from '../../sim/imaging';

import { REVEAL_VIEWBOX } from './revealViewbox';
import type { CementDeposit } from '../../sim/instruments';

export { REVEAL_VIEWBOX };

export interface RevealTrajectory {
  readonly side: Side;
  /** Skin entry to target, as a path. */
  readonly path: string;
  readonly boneEntry: readonly [number, number] | null;
  readonly target: readonly [number, number] | null;
}

/**
 * What reveal mode draws over an image: the target vertebra's outline (its body and both
 * pedicles, as projected silhouettes), the ideal trajectory of each side used, and the boundary of
 * the cement in the body and of any leaked cement. Each outline is a path `d` string, empty when
 * the part is not in the picture.
 */
export interface RevealOverlay {
  readonly body: string;
  readonly pedicles: string;
  readonly cement: string;
  readonly leaks: string;
  readonly trajectories: readonly RevealTrajectory[];
}

/** Grid of the silhouettes, cells across the field (contours are interpolated between cells). */
const GRID = 128;
/** Samples along each ray through the solid's depth range. */
const RAY_SAMPLES = 64;
/** Cement thinner than this along a ray (mm) is outside the drawn boundary. */
const CEMENT_EDGE_MM = 0.5;

type Field = (o: Float64Array, d: Float64Array) => number;

function toView(projection: Projection, p: Vec3): [number, number] | null {
  const q = projection.project(p);
  if (!q) return null;
  const s = projection.detectorSizeMm;
  return [(q.uMm / s + 0.5) * REVEAL_VIEWBOX, (0.5 - q.vMm / s) * REVEAL_VIEWBOX];
}

/** Grid cells covering the projection of a box of points (with a margin), or null off the image. */
function cellBox(
  projection: Projection,
  corners: readonly Vec3[],
): { i0: number; j0: number; i1: number; j1: number } | null {
  let i0 = Infinity;
  let j0 = Infinity;
  let i1 = -Infinity;
  let j1 = -Infinity;
  for (const c of corners) {
    const v = toView(projection, c);
    if (!v) continue;
    i0 = Math.min(i0, v[0]);
    i1 = Math.max(i1, v[0]);
    j0 = Math.min(j0, v[1]);
    j1 = Math.max(j1, v[1]);
  }
  if (!Number.isFinite(i0)) return null;
  const k = GRID / REVEAL_VIEWBOX;
  const box = {
    i0: Math.max(0, Math.floor(i0 * k) - 2),
    j0: Math.max(0, Math.floor(j0 * k) - 2),
    i1: Math.min(GRID - 1, Math.ceil(i1 * k) + 2),
    j1: Math.min(GRID - 1, Math.ceil(j1 * k) + 2),
  };
  return box.i0 > box.i1 || box.j0 > box.j1 ? null : box;
}

const boxCorners = (c: Vec3, hx: number, hy: number, hz: number): Vec3[] =>
  [-1, 1].flatMap((sx) =>
    [-1, 1].flatMap((sy) => [-1, 1].map((sz) => ({ x: c.x + sx * hx, y: c.y + sy * hy, z: c.z + sz * hz }))),
  );

/** Contour at 0 of a field sampled per grid cell inside `box` (negative elsewhere), as an SVG path. */
function outline(projection: Projection, box: ReturnType<typeof cellBox>, field: Field): string {
  if (!box) return '';
  const values = new Float64Array(GRID * GRID).fill(-1);
  const o = new Float64Array([projection.source.x, projection.source.y, projection.source.z]);
  const d = new Float64Array(3);
  const s = projection.detectorSizeMm;
  for (let j = box.j0; j <= box.j1; j++) {
    for (let i = box.i0; i <= box.i1; i++) {
      projection.rayDirectionInto(((i + 0.5) / GRID - 0.5) * s, (0.5 - (j + 0.5) / GRID) * s, d);
      values[j * GRID + i] = field(o, d);
    }
  }
  const [shape] = contours().size([GRID, GRID]).thresholds([0])(Array.from(values));
  const k = REVEAL_VIEWBOX / GRID;
  // d3-contour puts sample (i, j) at (i + 0.5, j + 0.5): the cell centres, as sampled above.
  return shape.coordinates
    .flatMap((polygon) =>
      polygon.map((ring) => `M${ring.map(([x, y]) => `${(x * k).toFixed(1)},${(y * k).toFixed(1)}`).join('L')}Z`),
    )
    .join('');
}

/** max over the ray's samples within [t0 - r, t0 + r] around `centre` of f(point). */
function rayMax(o: Float64Array, d: Float64Array, centre: Vec3, r: number, f: (q: Vec3) => number): number {
  const t0 = (centre.x - o[0]) * d[0] + (centre.y - o[1]) * d[1] + (centre.z - o[2]) * d[2];
  let best = -Infinity;
  for (let k = 0; k < RAY_SAMPLES; k++) {
    const t = t0 - r + (2 * r * (k + 0.5)) / RAY_SAMPLES;
    const v = f({ x: o[0] + d[0] * t, y: o[1] + d[1] * t, z: o[2] + d[2] * t });
    if (v > best) best = v;
  }
  return best;
}

/**
 * The reveal overlay of one image. `sides` are the sides whose ideal trajectory is drawn (the
 * sides the trainee used); `deposits` the cement at the moment of the image.
 */
export function revealOverlay(
  anatomy: Anatomy,
  lift: EndplateLift,
  projection: Projection,
  sides: readonly Side[],
  deposits: readonly CementDeposit[],
): RevealOverlay {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const hw = v.bodyWidthMm / 2;
  const hd = v.bodyDepthMm / 2;
  const hh = v.intactHeightMm / 2 + 2;
  const bodyR = Math.hypot(hw, hd, hh);
  const body = outline(projection, cellBox(projection, boxCorners(v.centre, hw, hh, hd)), (o, d) =>
    rayMax(o, d, v.centre, bodyR, (q) => depthInsideBody(v, q, lift)),
  );

  const pedicleParts = (['left', 'right'] as const).map((side) => {
    const p = pedicleOf(v, side);
    const g = v.pedicles[side === 'left' ? 0 : 1];
    const mid = {
      x: (g.anteriorCentre.x + g.posteriorCentre.x) / 2,
      y: (g.anteriorCentre.y + g.posteriorCentre.y) / 2,
      z: (g.anteriorCentre.z + g.posteriorCentre.z) / 2,
    };
    const r = Math.hypot(p.len / 2, p.a, p.b) + 1;
    const inside = (q: Vec3): number => {
      const l = pedicleLocal(p, q);
      const radial = 1 - (l.w / p.a) ** 2 - (l.v / p.b) ** 2;
      return Math.min(radial * p.a, l.t, p.len - l.t);
    };
    return outline(projection, cellBox(projection, boxCorners(mid, r, r, r)), (o, d) => rayMax(o, d, mid, r, inside));
  });

  const cementOutline = (parts: readonly CementDeposit[]): string => {
    const live = parts.filter((p) => p.volumeMl > 0);
    if (live.length === 0) return '';
    const corners = live.flatMap((p) => boxCorners(p.centre, p.radii.x, p.radii.y, p.radii.z));
    const cs = live.map((p) => ({
      c: new Float64Array([p.centre.x, p.centre.y, p.centre.z]),
      r: new Float64Array([p.radii.x, p.radii.y, p.radii.z]),
    }));
    return outline(projection, cellBox(projection, corners), (o, d) => {
      let chord = 0;
      for (const e of cs) chord += ellipsoidChord(o, d, e.c, e.r);
      return chord - CEMENT_EDGE_MM;
    });
  };

  const trajectories = sides.map((side): RevealTrajectory => {
    const ideal = idealTrajectory(anatomy, side);
    const skin = toView(projection, defaultSkinEntry(anatomy, side));
    const target = toView(projection, ideal.target);
    const path =
      skin && target
        ? `M${skin[0].toFixed(1)},${skin[1].toFixed(1)}L${target[0].toFixed(1)},${target[1].toFixed(1)}`
        : '';
    return { side, path, boneEntry: toView(projection, ideal.boneEntry), target };
  });

  return {
    body,
    pedicles: pedicleParts.join(''),
    cement: cementOutline(deposits.filter((p) => p.location === 'body')),
    leaks: cementOutline(deposits.filter((p) => p.location !== 'body')),
    trajectories,
  };
}
