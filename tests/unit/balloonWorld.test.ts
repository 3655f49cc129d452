import { describe, expect, it } from 'vitest';
import { BalloonWorld, RING_PARTICLES, type BalloonRingSpec } from '../../sim/physics/balloonWorld';
import { Balloon } from '../../sim/instruments/balloon';
import { vec3, type Vec3 } from '../../sim/math/vec3';
import { makeAnatomy } from './fixtures/anatomyFixture';

/** A 15 mm balloon (4 mL: half-width up to 9.2 mm) in T -3.2 bone (~150 psi yield). */
const SPEC: BalloonRingSpec = {
  lengthMm: 15,
  channelRadiusMm: 1.5,
  maxHalfWidthMm: 9.2,
  maxBulgeMm: 2.3,
  yieldPsi: 150,
};
const AP_AXIS = vec3(0, 0, -1);
/** The fixture's L1 body is 42 mm wide: the inner face of its left wall is at x = 20 at mid-depth. */
const NEAR_LEFT_WALL = vec3(14, 0, -2);
const MIDDLE = vec3(0, 0, 0);

const extent = (pts: readonly Vec3[], k: 'x' | 'z'): { min: number; max: number } => ({
  min: Math.min(...pts.map((p) => p[k])),
  max: Math.max(...pts.map((p) => p[k])),
});

function inflated(centre: Vec3, areaMm2: number): BalloonWorld {
  const w = new BalloonWorld(makeAnatomy(), centre, AP_AXIS, SPEC);
  w.setTargetAreaMm2(areaMm2);
  w.settle(4000);
  return w;
}

describe('balloon world (a pressurised ring in matter-js)', () => {
  it('a balloon near the lateral wall flattens against it and reports lateral contact', () => {
    const w = inflated(NEAR_LEFT_WALL, 220);
    expect(w.contacts).toContain('lateral');
    const x = extent(w.outline(), 'x');
    // The room toward the wall at the height of the ring's farthest point (the wall curves away from it).
    const farthest = w.outline().reduce((p, q) => (q.x > p.x ? q : p));
    const room = w.roomMm({ x: NEAR_LEFT_WALL.x, z: farthest.z }, 1, 0);
    expect(room).not.toBeNull();
    // Stopped at the cortex's inner face (particle radius plus matter's contact slop), not beyond it.
    expect(x.max).toBeLessThan(NEAR_LEFT_WALL.x + (room ?? 0) + 0.1);
    expect(x.max).toBeGreaterThan(NEAR_LEFT_WALL.x + (room ?? 0) - 1);
    // Flattened: it reaches farther toward the midline than toward the wall.
    expect(NEAR_LEFT_WALL.x - x.min).toBeGreaterThan(x.max - NEAR_LEFT_WALL.x + 0.5);
    // The wall took area the pressure-volume law would have given it.
    expect(w.areaMm2).toBeLessThan(220);
  });

  it('a balloon in the middle stays round (symmetric about its axis) and touches no wall', () => {
    const w = inflated(MIDDLE, 200);
    expect(w.contacts).toEqual([]);
    const x = extent(w.outline(), 'x');
    // Within half a particle spacing (~1.2 mm / 2): the ring's first particle breaks the symmetry.
    expect(Math.abs(x.max + x.min)).toBeLessThan(0.6);
    expect(x.max).toBeGreaterThan(5);
    expect(w.areaMm2).toBeGreaterThan(0.9 * 200);
    expect(w.areaMm2).toBeLessThan(200);
  });

  it('is deterministic: the same inputs give the same outline', () => {
    const a = inflated(NEAR_LEFT_WALL, 180).outline();
    const b = inflated(NEAR_LEFT_WALL, 180).outline();
    expect(a).toEqual(b);
    expect(a).toHaveLength(RING_PARTICLES);
  });

  it('the ring shrinks on deflation and refills the cavity it swept on re-inflation', () => {
    const w = new BalloonWorld(makeAnatomy(), MIDDLE, AP_AXIS, SPEC);
    w.setTargetAreaMm2(150);
    w.settle(4000);
    const full = w.areaMm2;
    w.setTargetAreaMm2(60);
    w.settle(4000);
    expect(w.areaMm2).toBeLessThan(0.6 * full);
    // Back to the same target: the ring refills what it swept (no yield to pay there).
    w.setTargetAreaMm2(150);
    w.settle(4000);
    expect(w.areaMm2).toBeGreaterThan(full - 2);
  });

  it('a Balloon near the lateral wall reports the ring: outline, lateral wall contact, cortex contact', () => {
    const b = new Balloon(makeAnatomy({ tScore: -3.2 }), 15);
    // Beside the lateral wall, clear of the anterolateral corner (the wall stands inside the rim by the body's waist).
    b.insert(vec3(14, 0, -5), AP_AXIS);
    b.inflate(3);
    for (let i = 0; i < 60 * 10; i++) b.step(1 / 60);
    const v = b.view();
    expect(v.outline).toHaveLength(RING_PARTICLES);
    expect(v.wallContacts).toContain('lateral');
    expect(v.cortexContact).toBe(true);
    expect(v.sectionAreaMm2).toBeGreaterThan(0);
    expect(v.sectionAreaMm2).toBeLessThan(v.analyticSectionAreaMm2 ?? 0);
    b.remove();
    expect(b.view().outline).toBeNull();
  });

  it('step cost per fixed step (printed)', () => {
    const w = new BalloonWorld(makeAnatomy(), NEAR_LEFT_WALL, AP_AXIS, SPEC);
    for (let i = 0; i < 120; i++) {
      w.setTargetAreaMm2(45 + i * 0.5);
      w.step();
    }
    const steps = 480;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < steps; i++) {
      // The syringe's 0.5 mL/s in a 15 mm balloon: ~0.55 mm^2 of section per step.
      w.setTargetAreaMm2(105 + i * 0.55);
      w.step();
    }
    const us = Number(process.hrtime.bigint() - t0) / 1000 / steps;
    console.log(`balloon world: ${us.toFixed(0)} us per fixed step while inflating (${RING_PARTICLES} particles)`);
    expect(us).toBeGreaterThan(0);
  });
});
