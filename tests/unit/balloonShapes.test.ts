import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { createSession } from '../../sim/session/session';
import type { SimSnapshot } from '../../sim/session/snapshot';
import {
  MU_PER_MM,
  balloonContrastShape,
  balloonOutlineShape,
  convexHullXZ,
  shapesFromSnapshot,
} from '../../sim/imaging/radiograph/radiopaqueShapes';
import { prismChord } from '../../sim/imaging/radiograph/shapeIntegrals';
import type { BalloonView } from '../../sim/instruments/balloonView';

const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
const base = createSession(scenario, 1).snapshot();

/** A snapshot with only a balloon in it (no tracks, no cement), along +z from the body's centre. */
function withBalloon(over: Partial<BalloonView>): SimSnapshot {
  const balloon: BalloonView = {
    lengthMm: 15,
    inserted: true,
    centre: { x: 0, y: 0, z: 0 },
    axis: { x: 0, y: 0, z: 1 },
    radiusMm: 5,
    volumeMl: 1.2,
    pressurePsi: 120,
    peakPressurePsi: 130,
    cavityMl: 1.2,
    ruptured: false,
    endplateContact: false,
    trace: [],
    ...over,
  };
  return { ...base, trocars: [], trocar: null, balloon, cement: { ...base.cement, deposits: [] } };
}

const dist = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

describe('balloon shapes', () => {
  it('draws the contrast between the markers, with the volume in the balloon, and a steel marker at each end', () => {
    const shapes = shapesFromSnapshot(withBalloon({ volumeMl: 0.8 }));
    const body = shapes.filter((s) => s.muPerMm === MU_PER_MM.contrast);
    const markers = shapes.filter((s) => s.muPerMm === MU_PER_MM.steel);
    expect(body).toHaveLength(1);
    expect(markers).toHaveLength(2);
    const [m0, m1] = markers.map((m) => (m.kind === 'ellipsoid' ? m.centre : { x: NaN, y: NaN, z: NaN }));
    expect(dist(m0, m1)).toBeCloseTo(15);
    // Slimmer than its length: a capsule ending at the necks, 1 mm inside the markers, holding 0.8 mL.
    const c = body[0];
    if (c.kind !== 'capsule') throw new Error('expected a capsule');
    expect(dist(c.a, { x: 0, y: 0, z: 0 }) + c.radiusMm).toBeCloseTo(6.5);
    const len = dist(c.a, c.b);
    expect(Math.PI * c.radiusMm ** 2 * len + (4 / 3) * Math.PI * c.radiusMm ** 3).toBeCloseTo(800, 3);
  });

  it('past the sphere of its length it bulges round the catheter: an ellipsoid of the same volume reaching the markers, continuous with the capsule', () => {
    const volumeOf = (s: ReturnType<typeof balloonContrastShape>) =>
      s?.kind === 'ellipsoid' ? (4 / 3) * Math.PI * s.radii.x * s.radii.y * s.radii.z : NaN;
    const straight = balloonContrastShape({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: -1 }, 15, 3);
    expect(straight?.kind === 'ellipsoid' ? straight.radii.z : NaN).toBeCloseTo(6.5, 6);
    expect(volumeOf(straight)).toBeCloseTo(3000, 3);
    const tilted = balloonContrastShape(
      { x: 0, y: 0, z: 0 },
      { x: Math.sin(0.35), y: -0.05, z: -Math.cos(0.35) },
      15,
      3,
    );
    expect(volumeOf(tilted)).toBeCloseTo(3000, 3);
    // Continuous at the switch: just below and just above the sphere between the necks, the same round shape.
    const sphereMl = ((4 / 3) * Math.PI * 6.5 ** 3) / 1000;
    const below = balloonContrastShape({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 1 }, 15, sphereMl - 1e-6);
    const above = balloonContrastShape({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 1 }, 15, sphereMl + 1e-6);
    expect(below?.kind === 'capsule' ? below.radiusMm : NaN).toBeCloseTo(6.5, 2);
    expect(above?.kind === 'ellipsoid' ? above.radii.x : NaN).toBeCloseTo(6.5, 2);
    expect(balloonContrastShape({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 1 }, 15, 0)).toBeNull();
  });

  it('a deflated balloon shows its markers only; a removed one nothing', () => {
    expect(shapesFromSnapshot(withBalloon({ radiusMm: 0, volumeMl: 0 })).map((s) => s.muPerMm)).toEqual([
      MU_PER_MM.steel,
      MU_PER_MM.steel,
    ]);
    expect(shapesFromSnapshot(withBalloon({ inserted: false }))).toEqual([]);
  });

  it('draws leaked contrast only when the sim reports it, diluted over its cloud, and keeps it after the balloon is out', () => {
    const leak = (s: SimSnapshot) =>
      shapesFromSnapshot(s).filter((x) => x.kind === 'ellipsoid' && x.muPerMm < MU_PER_MM.steel && x.centre.x === 3);
    expect(leak(withBalloon({ ruptured: true, contrastLeak: null }))).toHaveLength(0);
    const centre = { x: 3, y: 1, z: -2 };
    const r0 = Math.cbrt((3 * 500) / (4 * Math.PI));
    const tight = leak(withBalloon({ ruptured: true, contrastLeak: { centre, volumeMl: 0.5, radiusMm: r0 } }));
    expect(tight).toMatchObject([{ centre, muPerMm: MU_PER_MM.contrast }]);
    const spread = leak(
      withBalloon({
        ruptured: true,
        inserted: false,
        radiusMm: 0,
        contrastLeak: { centre, volumeMl: 0.5, radiusMm: 2 * r0 },
      }),
    );
    expect(spread).toHaveLength(1);
    // Twice the radius: the same contrast over eight times the volume.
    expect(spread[0].muPerMm).toBeCloseTo(MU_PER_MM.contrast / 8);
  });
});

describe('balloon drawn from the matter-js ring outline', () => {
  it('a prism chord is exact: through a 10 x 6 mm box, along and across, and misses outside', () => {
    const square = [
      { x: -5, z: -3 },
      { x: 5, z: -3 },
      { x: 5, z: 3 },
      { x: -5, z: 3 },
    ];
    expect(prismChord([0, 0, -100], [0, 0, 1], square, -2, 2)).toBeCloseTo(6, 9);
    expect(prismChord([-100, 1, 0], [1, 0, 0], square, -2, 2)).toBeCloseTo(10, 9);
    expect(prismChord([0, -100, 0], [0, 1, 0], square, -2, 2)).toBeCloseTo(4, 9);
    expect(prismChord([0, 3, -100], [0, 0, 1], square, -2, 2)).toBe(0);
    expect(prismChord([6, 0, -100], [0, 0, 1], square, -2, 2)).toBe(0);
    // Diagonal through the box centre in x-z: the chord ends on the short sides (z = +-3).
    const d = [Math.SQRT1_2, 0, Math.SQRT1_2];
    expect(prismChord([-50, 0, -50], d, square, -2, 2)).toBeCloseTo(6 * Math.SQRT2, 9);
  });

  it('the contrast follows the outline (hull), holds the balloon volume and replaces the capsule', () => {
    // A balloon flattened against a wall at x = 4: a 14 x 8 mm stadium clipped at x <= 4.
    const outline = Array.from({ length: 48 }, (_, k) => {
      const a = (2 * Math.PI * k) / 48;
      return { x: Math.min(4, 4 * Math.cos(a)) - 0, y: 2, z: 7 * Math.sin(a) };
    });
    const hull = convexHullXZ(outline);
    expect(Math.max(...hull.map((p) => p.x))).toBeCloseTo(4, 9);
    const shape = balloonOutlineShape({ x: 0, y: 2, z: 0 }, outline, 1.5);
    expect(shape?.kind).toBe('prism');
    if (shape?.kind !== 'prism') return;
    let area = 0;
    for (let i = 0; i < shape.polygon.length; i++) {
      const a = shape.polygon[i];
      const b = shape.polygon[(i + 1) % shape.polygon.length];
      area += (a.x * b.z - b.x * a.z) / 2;
    }
    expect(area).toBeGreaterThan(0); // counter-clockwise
    expect((shape.yMax + shape.yMin) / 2).toBeCloseTo(2, 9);
    // Its volume, measured with vertical rays through the solid on a fine grid, is the balloon's.
    const w = shape.within!;
    const round = { centre: [w.centre.x, w.centre.y, w.centre.z], radii: [w.radii.x, w.radii.y, w.radii.z] };
    let volume = 0;
    for (let x = -6; x < 6; x += 0.1) {
      for (let z = -9; z < 9; z += 0.1)
        volume +=
          prismChord([x + 0.05, -100, z + 0.05], [0, 1, 0], shape.polygon, shape.yMin, shape.yMax, round) * 0.01;
    }
    expect(volume / 1000).toBeCloseTo(1.5, 1);
    // Rounded: thinner near the ends of the outline than at its middle (a box would be the same).
    const mid = prismChord([0, -100, 0], [0, 1, 0], shape.polygon, shape.yMin, shape.yMax, round);
    const nearEnd = prismChord([0, -100, 6], [0, 1, 0], shape.polygon, shape.yMin, shape.yMax, round);
    expect(nearEnd).toBeLessThan(0.8 * mid);
    const shapes = shapesFromSnapshot(withBalloon({ volumeMl: 1.5, outline }));
    expect(shapes.filter((s) => s.muPerMm === MU_PER_MM.contrast).map((s) => s.kind)).toEqual(['prism']);
    // Without an outline (or an empty balloon) the volume-shaped solid stays.
    expect(balloonOutlineShape({ x: 0, y: 0, z: 0 }, null, 1.5)).toBeNull();
    expect(balloonOutlineShape({ x: 0, y: 0, z: 0 }, outline, 0)).toBeNull();
  });
});
