import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { createSession } from '../../sim/session';
import type { BalloonView, SimSnapshot } from '../../sim/snapshot';
import { MU_PER_MM, balloonContrastShape, shapesFromSnapshot } from '../../src/render/radiopaqueShapes';

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

const dist = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

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
    const volumeOf = (s: ReturnType<typeof balloonContrastShape>) => (s?.kind === 'ellipsoid' ? (4 / 3) * Math.PI * s.radii.x * s.radii.y * s.radii.z : NaN);
    const straight = balloonContrastShape({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: -1 }, 15, 3);
    expect(straight?.kind === 'ellipsoid' ? straight.radii.z : NaN).toBeCloseTo(6.5, 6);
    expect(volumeOf(straight)).toBeCloseTo(3000, 3);
    const tilted = balloonContrastShape({ x: 0, y: 0, z: 0 }, { x: Math.sin(0.35), y: -0.05, z: -Math.cos(0.35) }, 15, 3);
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
    expect(shapesFromSnapshot(withBalloon({ radiusMm: 0, volumeMl: 0 })).map((s) => s.muPerMm)).toEqual([MU_PER_MM.steel, MU_PER_MM.steel]);
    expect(shapesFromSnapshot(withBalloon({ inserted: false }))).toEqual([]);
  });

  it('draws leaked contrast only when the sim reports it, diluted over its cloud, and keeps it after the balloon is out', () => {
    const leak = (s: SimSnapshot) => shapesFromSnapshot(s).filter((x) => x.kind === 'ellipsoid' && x.muPerMm < MU_PER_MM.steel && x.centre.x === 3);
    expect(leak(withBalloon({ ruptured: true, contrastLeak: null }))).toHaveLength(0);
    const centre = { x: 3, y: 1, z: -2 };
    const r0 = Math.cbrt((3 * 500) / (4 * Math.PI));
    const tight = leak(withBalloon({ ruptured: true, contrastLeak: { centre, volumeMl: 0.5, radiusMm: r0 } }));
    expect(tight).toMatchObject([{ centre, muPerMm: MU_PER_MM.contrast }]);
    const spread = leak(withBalloon({ ruptured: true, inserted: false, radiusMm: 0, contrastLeak: { centre, volumeMl: 0.5, radiusMm: 2 * r0 } }));
    expect(spread).toHaveLength(1);
    // Twice the radius: the same contrast over eight times the volume.
    expect(spread[0].muPerMm).toBeCloseTo(MU_PER_MM.contrast / 8);
  });
});
