import { describe, expect, it } from 'vitest';
import {
  FIELD_SEGMENTS,
  fieldPieces,
  fieldPolygon,
  polygonArea,
  triangulate,
  type Polygon,
} from '../../src/render/fieldGeometry';

/** Whether a point lies inside a convex polygon (either winding), edges included. */
function contains(poly: Polygon, [x, y]: readonly [number, number]): boolean {
  let sign = 0;
  for (let k = 0; k < poly.length; k++) {
    const [x0, y0] = poly[k];
    const [x1, y1] = poly[(k + 1) % poly.length];
    const c = (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0);
    if (Math.abs(c) < 1e-15) continue;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

describe('the monitor field split by the shutters', () => {
  const disc = polygonArea(fieldPolygon());

  it('circumscribes the circle with little to spare: every field point is covered, 1.3 % more area', () => {
    const poly = fieldPolygon();
    expect(poly.length).toBe(FIELD_SEGMENTS);
    for (let k = 0; k < 720; k++) {
      const t = (2 * Math.PI * k) / 720;
      expect(contains(poly, [0.5 + 0.4999 * Math.cos(t), 0.5 + 0.4999 * Math.sin(t)])).toBe(true);
    }
    expect(disc / (Math.PI / 4)).toBeGreaterThan(1);
    expect(disc / (Math.PI / 4)).toBeLessThan(1.015);
  });

  it('covers the field exactly once: open plus shuttered pieces add up to the disc', () => {
    for (const [sx, sy] of [
      [90 / 230, 105 / 230],
      [0.2, 0.45],
      [0.45, 0.1],
      [0.05, 0.05],
    ]) {
      const p = fieldPieces(sx, sy);
      const sum = polygonArea(p.open) + p.shuttered.reduce((a, q) => a + polygonArea(q), 0);
      expect(sum).toBeCloseTo(disc, 12);
      expect(p.shuttered.length).toBe(4);
    }
  });

  it('gives each sample point of the field to exactly one piece, and the right one', () => {
    const sx = 90 / 230;
    const sy = 105 / 230;
    const p = fieldPieces(sx, sy);
    const pieces = [p.open, ...p.shuttered];
    let checked = 0;
    for (let j = 0; j < 97; j++) {
      for (let i = 0; i < 97; i++) {
        const pt: [number, number] = [(i + 0.37) / 97, (j + 0.61) / 97];
        const px = pt[0] - 0.5;
        const py = 0.5 - pt[1];
        if ((px * px + py * py) * 4 > 0.999) continue;
        const owners = pieces.filter((q) => contains(q, pt));
        expect(owners.length).toBe(1);
        const openByReference = Math.abs(px) <= sx && Math.abs(py) <= sy;
        expect(owners[0] === p.open).toBe(openByReference);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(7000);
  });

  it('leaves nothing behind shutters opened to the rim or beyond (zoom)', () => {
    for (const s of [0.5, 0.7]) {
      const p = fieldPieces(s, s);
      expect(p.shuttered).toEqual([]);
      expect(polygonArea(p.open)).toBeCloseTo(disc, 12);
    }
  });

  it('triangulates the pieces as fans scaled to the monitor', () => {
    const p = fieldPieces(0.3, 0.4);
    const t = triangulate([p.open, ...p.shuttered], 512);
    const n = [p.open, ...p.shuttered].reduce((a, q) => a + q.length, 0);
    expect(t.uvs.length).toBe(2 * n);
    expect(t.positions.map((x) => x / 512)).toEqual(t.uvs);
    expect(t.indices.length).toBe(3 * (n - 2 * 5));
    let area = 0;
    for (let k = 0; k < t.indices.length; k += 3) {
      const [a, b, c] = [t.indices[k], t.indices[k + 1], t.indices[k + 2]].map((i) => [t.uvs[2 * i], t.uvs[2 * i + 1]]);
      area += Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
    }
    expect(area).toBeCloseTo(disc, 12);
  });
});
