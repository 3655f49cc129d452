import { valueNoise3 } from '../../anatomy/trabecularTexture';
import type { Projection } from '../projection';
import { pixelToDetector } from './lineIntegralMap';
import type { RadiopaqueShape } from './radiopaqueShapes';

/**
 * Exact chord lengths of detector rays through the moving solids, added (x mu) onto a line-integral
 * map. Only the pixels under each solid's projected bounding box are visited, so a frame costs a
 * few thousand ray/solid intersections.
 */

const span = new Float64Array(2);

/** Ray (origin o, unit direction d) against a sphere: widen the interval in span. */
function sphere(o: ArrayLike<number>, d: ArrayLike<number>, cx: number, cy: number, cz: number, r: number): void {
  const px = o[0] - cx;
  const py = o[1] - cy;
  const pz = o[2] - cz;
  const b = px * d[0] + py * d[1] + pz * d[2];
  const disc = b * b - (px * px + py * py + pz * pz - r * r);
  if (disc <= 0) return;
  const s = Math.sqrt(disc);
  span[0] = Math.min(span[0], -b - s);
  span[1] = Math.max(span[1], -b + s);
}

/** Chord of a ray through the capsule (segment a-b, radius r): a convex solid, so the union of the cylinder and end spheres is one interval. */
export function capsuleChord(
  o: ArrayLike<number>,
  d: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  r: number,
): number {
  span[0] = Infinity;
  span[1] = -Infinity;
  sphere(o, d, a[0], a[1], a[2], r);
  sphere(o, d, b[0], b[1], b[2], r);
  const wx = b[0] - a[0];
  const wy = b[1] - a[1];
  const wz = b[2] - a[2];
  const len = Math.hypot(wx, wy, wz);
  if (len > 1e-9) {
    const ux = wx / len;
    const uy = wy / len;
    const uz = wz / len;
    const px = o[0] - a[0];
    const py = o[1] - a[1];
    const pz = o[2] - a[2];
    const dw = d[0] * ux + d[1] * uy + d[2] * uz;
    const pw = px * ux + py * uy + pz * uz;
    const qx = d[0] - dw * ux;
    const qy = d[1] - dw * uy;
    const qz = d[2] - dw * uz;
    const sx = px - pw * ux;
    const sy = py - pw * uy;
    const sz = pz - pw * uz;
    const A = qx * qx + qy * qy + qz * qz;
    const B = 2 * (qx * sx + qy * sy + qz * sz);
    const C = sx * sx + sy * sy + sz * sz - r * r;
    let t0 = -Infinity;
    let t1 = Infinity;
    if (A > 1e-12) {
      const disc = B * B - 4 * A * C;
      if (disc > 0) {
        const s = Math.sqrt(disc);
        t0 = (-B - s) / (2 * A);
        t1 = (-B + s) / (2 * A);
      } else t1 = -Infinity;
    } else if (C > 0) t1 = -Infinity;
    if (Math.abs(dw) > 1e-12) {
      const e0 = -pw / dw;
      const e1 = (len - pw) / dw;
      t0 = Math.max(t0, Math.min(e0, e1));
      t1 = Math.min(t1, Math.max(e0, e1));
    } else if (pw < 0 || pw > len) t1 = -Infinity;
    if (t1 > t0) {
      span[0] = Math.min(span[0], t0);
      span[1] = Math.max(span[1], t1);
    }
  }
  return span[1] > span[0] ? span[1] - span[0] : 0;
}

/** Entry and exit of a ray through an axis-aligned ellipsoid, written into out; false on a miss. */
function ellipsoidSpan(
  o: ArrayLike<number>,
  d: ArrayLike<number>,
  c: ArrayLike<number>,
  radii: ArrayLike<number>,
  out: Float64Array,
): boolean {
  let A = 0;
  let B = 0;
  let C = -1;
  for (let k = 0; k < 3; k++) {
    const dk = d[k] / radii[k];
    const ok = (o[k] - c[k]) / radii[k];
    A += dk * dk;
    B += 2 * ok * dk;
    C += ok * ok;
  }
  const disc = B * B - 4 * A * C;
  if (!(disc > 0)) return false;
  const s = Math.sqrt(disc);
  out[0] = (-B - s) / (2 * A);
  out[1] = (-B + s) / (2 * A);
  return true;
}
const within = new Float64Array(2);

/**
 * Cement's look. Barium-opacified PMMA in cancellous bone is not a smooth ellipsoid: it
 * interdigitates with the trabeculae, so the mass has a lobulated, finger-like rim, and it fills
 * the pores unevenly, so its interior is mottled. Each deposit's ellipsoid is therefore scaled, for
 * each ray, by 1 + CEMENT_LOBE n1 and its attenuation by 1 + CEMENT_MOTTLE n2, where n1, n2 are the
 * anatomy's lattice value noise (|n| < 0.72 for 95 % of points) at the ray's point of closest
 * approach to the deposit's centre, on grains of CEMENT_LOBE_MM and CEMENT_MOTTLE_MM. A pure
 * function of the geometry: the same snapshot gives the same bytes. Numbers assumed, by eye: lobes
 * of ~3 mm (a few trabecular spacings) changing the radius by up to ~+/-20 %, mottle +/-12 %.
 */
export const CEMENT_LOBE = 0.28;
export const CEMENT_LOBE_MM = 3;
export const CEMENT_MOTTLE = 0.17;
export const CEMENT_MOTTLE_MM = 2;
const scaledRadii = new Float64Array(3);

/** Line integral (chord x mu) of a ray through a cement deposit: lobulated rim, mottled density. */
export function cementIntegral(
  o: ArrayLike<number>,
  d: ArrayLike<number>,
  c: ArrayLike<number>,
  radii: ArrayLike<number>,
  muPerMm: number,
): number {
  // Closest approach of the ray (unit d) to the centre: one point per ray, smooth across rays.
  const t = (c[0] - o[0]) * d[0] + (c[1] - o[1]) * d[1] + (c[2] - o[2]) * d[2];
  const px = o[0] + t * d[0];
  const py = o[1] + t * d[1];
  const pz = o[2] + t * d[2];
  const lobe = 1 + CEMENT_LOBE * valueNoise3(px / CEMENT_LOBE_MM, py / CEMENT_LOBE_MM, pz / CEMENT_LOBE_MM);
  for (let k = 0; k < 3; k++) scaledRadii[k] = radii[k] * lobe;
  if (!ellipsoidSpan(o, d, c, scaledRadii, within)) return 0;
  // Offset so that the mottle's lattice is not the lobes' one.
  const mottle =
    1 +
    CEMENT_MOTTLE * valueNoise3(px / CEMENT_MOTTLE_MM + 17.3, py / CEMENT_MOTTLE_MM + 5.1, pz / CEMENT_MOTTLE_MM + 9.7);
  return (within[1] - within[0]) * muPerMm * mottle;
}

/** Chord of a ray through an axis-aligned ellipsoid. */
export function ellipsoidChord(
  o: ArrayLike<number>,
  d: ArrayLike<number>,
  c: ArrayLike<number>,
  radii: ArrayLike<number>,
): number {
  return ellipsoidSpan(o, d, c, radii, within) ? within[1] - within[0] : 0;
}

/**
 * Chord of a ray through a convex prism: a counter-clockwise polygon in the (x, z) plane extruded
 * over [yMin, yMax] (Cyrus-Beck clipping against the caps and each side face).
 */
export function prismChord(
  o: ArrayLike<number>,
  d: ArrayLike<number>,
  polygon: readonly { x: number; z: number }[],
  yMin: number,
  yMax: number,
  round?: { centre: ArrayLike<number>; radii: ArrayLike<number> },
): number {
  let t0 = -Infinity;
  let t1 = Infinity;
  if (round) {
    if (!ellipsoidSpan(o, d, round.centre, round.radii, within)) return 0;
    t0 = within[0];
    t1 = within[1];
  }
  if (Math.abs(d[1]) < 1e-12) {
    if (o[1] < yMin || o[1] > yMax) return 0;
  } else {
    const a = (yMin - o[1]) / d[1];
    const b = (yMax - o[1]) / d[1];
    t0 = Math.max(t0, Math.min(a, b));
    t1 = Math.min(t1, Math.max(a, b));
  }
  for (let i = 0; i < polygon.length && t0 < t1; i++) {
    const p = polygon[i];
    const q = polygon[(i + 1) % polygon.length];
    // Outward normal of a counter-clockwise edge in (x, z).
    const nx = q.z - p.z;
    const nz = -(q.x - p.x);
    const num = nx * (o[0] - p.x) + nz * (o[2] - p.z);
    const den = nx * d[0] + nz * d[2];
    if (Math.abs(den) < 1e-12) {
      if (num > 0) return 0;
      continue;
    }
    const t = -num / den;
    if (den > 0) t1 = Math.min(t1, t);
    else t0 = Math.max(t0, t);
  }
  return t1 > t0 ? t1 - t0 : 0;
}

/** Pixel rectangle, inclusive. */
export interface PixelBox {
  i0: number;
  j0: number;
  i1: number;
  j1: number;
}

/**
 * Add the line integrals of `shapes` onto `map` (N x N, same layout as computeLineIntegralMap).
 * Returns the union of the pixel boxes visited (null when nothing was visible).
 */
export function addShapeIntegrals(
  map: Float32Array,
  sizePx: number,
  projection: Projection,
  shapes: readonly RadiopaqueShape[],
): PixelBox | null {
  let union: PixelBox | null = null;
  const size = projection.detectorSizeMm;
  const o = [projection.source.x, projection.source.y, projection.source.z];
  const p = new Float64Array(3);
  const uv = new Float64Array(2);
  const dir = new Float64Array(3);
  for (const shape of shapes) {
    // Bounding box of the solid in the patient frame, then of its projection in pixels.
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    const pad =
      shape.kind === 'capsule'
        ? [shape.radiusMm, shape.radiusMm, shape.radiusMm]
        : shape.kind === 'ellipsoid'
          ? // A cement deposit's lobes reach at most 1 + CEMENT_LOBE times its radii (|noise| <= 1).
            [shape.radii.x, shape.radii.y, shape.radii.z].map((v) =>
              shape.texture === 'cement' ? v * (1 + CEMENT_LOBE) : v,
            )
          : [0, 0, 0];
    const pts =
      shape.kind === 'capsule'
        ? [shape.a, shape.b]
        : shape.kind === 'ellipsoid'
          ? [shape.centre]
          : shape.polygon.flatMap((q) => [
              { x: q.x, y: shape.yMin, z: q.z },
              { x: q.x, y: shape.yMax, z: q.z },
            ]);
    for (const q of pts) {
      const v = [q.x, q.y, q.z];
      for (let k = 0; k < 3; k++) {
        lo[k] = Math.min(lo[k], v[k] - pad[k]);
        hi[k] = Math.max(hi[k], v[k] + pad[k]);
      }
    }
    let i0 = Infinity;
    let i1 = -Infinity;
    let j0 = Infinity;
    let j1 = -Infinity;
    let visible = true;
    for (let c = 0; c < 8 && visible; c++) {
      const x = c & 1 ? hi[0] : lo[0];
      const y = c & 2 ? hi[1] : lo[1];
      const z = c & 4 ? hi[2] : lo[2];
      if (!projection.projectInto(x, y, z, p)) visible = false;
      const fi = (p[0] / size + 0.5) * sizePx;
      const fj = (0.5 - p[1] / size) * sizePx;
      i0 = Math.min(i0, fi);
      i1 = Math.max(i1, fi);
      j0 = Math.min(j0, fj);
      j1 = Math.max(j1, fj);
    }
    if (!visible) continue;
    const ia = Math.max(0, Math.floor(i0) - 1);
    const ib = Math.min(sizePx - 1, Math.ceil(i1) + 1);
    const ja = Math.max(0, Math.floor(j0) - 1);
    const jb = Math.min(sizePx - 1, Math.ceil(j1) + 1);
    if (ia > ib || ja > jb) continue;
    union = union
      ? {
          i0: Math.min(union.i0, ia),
          j0: Math.min(union.j0, ja),
          i1: Math.max(union.i1, ib),
          j1: Math.max(union.j1, jb),
        }
      : { i0: ia, j0: ja, i1: ib, j1: jb };
    const a = shape.kind === 'capsule' ? [shape.a.x, shape.a.y, shape.a.z] : [];
    const b = shape.kind === 'capsule' ? [shape.b.x, shape.b.y, shape.b.z] : [];
    const c = shape.kind === 'ellipsoid' ? [shape.centre.x, shape.centre.y, shape.centre.z] : [];
    const r = shape.kind === 'ellipsoid' ? [shape.radii.x, shape.radii.y, shape.radii.z] : [];
    const w = shape.kind === 'prism' ? shape.within : undefined;
    const round = w
      ? { centre: [w.centre.x, w.centre.y, w.centre.z], radii: [w.radii.x, w.radii.y, w.radii.z] }
      : undefined;
    for (let j = ja; j <= jb; j++) {
      for (let i = ia; i <= ib; i++) {
        pixelToDetector(i, j, sizePx, size, uv);
        projection.rayDirectionInto(uv[0], uv[1], dir);
        let chord: number;
        if (shape.kind === 'capsule') {
          chord = capsuleChord(o, dir, a, b, shape.radiusMm);
          if (shape.innerRadiusMm > 0 && chord > 0) chord -= capsuleChord(o, dir, a, b, shape.innerRadiusMm);
        } else if (shape.kind === 'ellipsoid') {
          if (shape.texture === 'cement') {
            const v = cementIntegral(o, dir, c, r, shape.muPerMm);
            if (v > 0) map[j * sizePx + i] += v;
            continue;
          }
          chord = ellipsoidChord(o, dir, c, r);
        } else chord = prismChord(o, dir, shape.polygon, shape.yMin, shape.yMax, round);
        if (chord > 0) map[j * sizePx + i] += chord * shape.muPerMm;
      }
    }
  }
  return union;
}
