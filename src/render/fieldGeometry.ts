/**
 * The monitor's round field split by the collimator's shutters, as convex polygons in texture
 * coordinates (u right, v down, the field's centre at (0.5, 0.5), its radius 0.5).
 *
 * Why geometry and not a test in the shader: under a software GPU (SwiftShader, the only GPU of a
 * machine without one) every fragment's arithmetic is paid on the CPU, and the shutter test was a
 * tenth of the detector pass. Drawn as geometry, the pixels behind the shutters get a shader that
 * reads no texture, and only the open field runs the detector chain. The split is exact on any
 * GPU: a pixel is shaded by the piece that covers its centre.
 *
 * The circle itself stays a test in the shaders (a pixel centre with rr > 1 is black, as in
 * `developValue`): the pieces are cut from a 16-gon circumscribing it, 1.3 % more area than the
 * circle, in a few large triangles. A many-sided polygon would cost more than it saves: a software
 * rasteriser shades 2 x 2 pixel blocks, so every triangle edge wastes the partly covered blocks
 * along it, and the long thin triangles of a 256-gon fan doubled the pass's time.
 */
export type Point = readonly [number, number];
export type Polygon = readonly Point[];

export const FIELD_SEGMENTS = 16;

/** A regular polygon circumscribing the field's circle, counter-clockwise in (u, v). */
export function fieldPolygon(segments = FIELD_SEGMENTS): Polygon {
  const r = 0.5 / Math.cos(Math.PI / segments);
  const out: Point[] = [];
  for (let k = 0; k < segments; k++) {
    const t = (2 * Math.PI * (k + 0.5)) / segments;
    out.push([0.5 + r * Math.cos(t), 0.5 + r * Math.sin(t)]);
  }
  return out;
}

/** A half-plane: the points with `sign * (p[axis] - at) <= 0`. */
interface HalfPlane {
  readonly axis: 0 | 1;
  readonly at: number;
  readonly sign: 1 | -1;
}

/** Sutherland-Hodgman: the part of a convex polygon inside one half-plane (still convex). */
function clip(poly: Polygon, h: HalfPlane): Point[] {
  const out: Point[] = [];
  const inside = (p: Point) => h.sign * (p[h.axis] - h.at) <= 0;
  for (let k = 0; k < poly.length; k++) {
    const a = poly[k];
    const b = poly[(k + 1) % poly.length];
    const ina = inside(a);
    const inb = inside(b);
    if (ina) out.push(a);
    if (ina !== inb) {
      // The cut vertex is put exactly on the cut line: every cut is axis-aligned, so neighbouring
      // pieces meet along the very same line and the rasteriser gives each pixel to one of them.
      const t = (h.at - a[h.axis]) / (b[h.axis] - a[h.axis]);
      const p: [number, number] = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      p[h.axis] = h.at;
      out.push(p);
    }
  }
  return out;
}

function clipAll(poly: Polygon, planes: readonly HalfPlane[]): Point[] {
  let out: Point[] = [...poly];
  for (const h of planes) {
    if (out.length < 3) return [];
    out = clip(out, h);
  }
  // A cut along the rim leaves a sliver of no area (a vertex on the line): no piece.
  return out.length < 3 || polygonArea(out) < 1e-12 ? [] : out;
}

export interface FieldPieces {
  /** The open field: field polygon and shutter rectangle intersected (empty when the shutters close it). */
  readonly open: Polygon;
  /** The field behind the shutters: up to four convex pieces (top, bottom, left, right). */
  readonly shuttered: readonly Polygon[];
}

/**
 * Split the field by shutters whose half-sizes are `sx`, `sy` (fractions of the field diameter,
 * as `developValue` takes them). A shutter at or beyond the rim cuts nothing.
 */
export function fieldPieces(sx: number, sy: number, segments = FIELD_SEGMENTS): FieldPieces {
  const disc = fieldPolygon(segments);
  const u0 = 0.5 - sx;
  const u1 = 0.5 + sx;
  const v0 = 0.5 - sy;
  const v1 = 0.5 + sy;
  const left: HalfPlane = { axis: 0, at: u0, sign: -1 };
  const right: HalfPlane = { axis: 0, at: u1, sign: 1 };
  const top: HalfPlane = { axis: 1, at: v0, sign: -1 };
  const bottom: HalfPlane = { axis: 1, at: v1, sign: 1 };
  const flip = (h: HalfPlane): HalfPlane => ({ ...h, sign: h.sign === 1 ? -1 : 1 });
  const open = clipAll(disc, [left, right, top, bottom]);
  const shuttered = [
    clipAll(disc, [flip(top)]),
    clipAll(disc, [flip(bottom)]),
    clipAll(disc, [flip(left), top, bottom]),
    clipAll(disc, [flip(right), top, bottom]),
  ].filter((p) => p.length > 0);
  return { open, shuttered };
}

/** Area of a polygon (shoelace), for tests. */
export function polygonArea(poly: Polygon): number {
  let s = 0;
  for (let k = 0; k < poly.length; k++) {
    const [x0, y0] = poly[k];
    const [x1, y1] = poly[(k + 1) % poly.length];
    s += x0 * y1 - x1 * y0;
  }
  return Math.abs(s) / 2;
}

/**
 * Convex polygons as one triangle list (fans), positions scaled to `sizePx`: what a Pixi
 * `Geometry` takes (aPosition, aUV, index).
 */
export function triangulate(
  polys: readonly Polygon[],
  sizePx: number,
): { positions: number[]; uvs: number[]; indices: number[] } {
  const positions: number[] = [];
  const uvs: number[] = [];
  const indices: number[] = [];
  for (const poly of polys) {
    if (poly.length < 3) continue;
    const base = uvs.length / 2;
    for (const [u, v] of poly) {
      uvs.push(u, v);
      positions.push(u * sizePx, v * sizePx);
    }
    for (let k = 1; k + 1 < poly.length; k++) indices.push(base, base + k, base + k + 1);
  }
  return { positions, uvs, indices };
}
