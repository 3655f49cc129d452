import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Balloon } from '../../sim/instruments/balloon';
import type { DomainEvent } from '../../sim/core/events';
import { ANTERIOR_THIRD_TIP, TRANSPEDICULAR_AXIS, makeAnatomy } from './fixtures/anatomyFixture';

const DT = 1 / 60;

function inflateTo(b: Balloon, mL: number, maxS = 30): DomainEvent[] {
  const events: DomainEvent[] = [];
  b.inflate(mL - b.volumeMl);
  for (let i = 0; i < maxS * 60; i++) events.push(...b.step(DT));
  return events;
}

function placed(tScore = -3.2, lengthMm = 15): Balloon {
  const b = new Balloon(makeAnatomy({ tScore }), lengthMm);
  b.insert(ANTERIOR_THIRD_TIP, TRANSPEDICULAR_AXIS);
  return b;
}

describe('Balloon invariants (property)', () => {
  const action = fc.oneof(
    fc.record({ kind: fc.constant('inflate' as const), mL: fc.double({ min: -3, max: 3, noNaN: true }) }),
    fc.record({ kind: fc.constant('deflate' as const) }),
    fc.record({ kind: fc.constant('wait' as const), s: fc.double({ min: 0, max: 4, noNaN: true }) }),
  );
  it('pressure is never negative or NaN, volume = volume pushed until rupture, lift never beyond intact height', () => {
    fc.assert(
      fc.property(
        fc.array(action, { maxLength: 25 }),
        fc.constantFrom(10, 15, 20),
        fc.double({ min: -4.5, max: 0, noNaN: true }),
        (acts, len, t) => {
          const anatomy = makeAnatomy({ tScore: t });
          const v = anatomy.vertebrae[anatomy.targetIndex];
          const b = new Balloon(anatomy, len);
          b.insert(ANTERIOR_THIRD_TIP, TRANSPEDICULAR_AXIS);
          for (const a of acts) {
            if (a.kind === 'inflate') b.inflate(a.mL);
            else if (a.kind === 'deflate') b.deflate();
            else
              for (let i = 0; i < Math.round(a.s * 60); i++) {
                b.step(DT);
                const view = b.view();
                expect(Number.isFinite(view.pressurePsi)).toBe(true);
                expect(view.pressurePsi).toBeGreaterThanOrEqual(0);
                expect(view.volumeMl).toBeGreaterThanOrEqual(0);
                expect(Number.isFinite(view.cavityMl)).toBe(true);
                if (!view.ruptured) expect(b.deliveredMl).toBeCloseTo(view.volumeMl, 9);
                const lift = b.lift();
                expect(v.anteriorHeightMm + lift.anteriorMm).toBeLessThanOrEqual(v.intactHeightMm + 1e-9);
                expect(v.middleHeightMm + lift.middleMm).toBeLessThanOrEqual(v.intactHeightMm + 1e-9);
                expect(lift.anteriorMm).toBeGreaterThanOrEqual(0);
              }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('Balloon behaviour', () => {
  it('pressure rises, drops as trabeculae yield, and climbs again at endplate contact', () => {
    const b = placed();
    const events = inflateTo(b, 4);
    const trace = b.view().trace;
    const early = trace.filter((p) => p.volumeMl <= 0.5);
    const firstPeak = Math.max(...early.map((p) => p.pressurePsi));
    const peakAt = early.find((p) => p.pressurePsi === firstPeak)!.volumeMl;
    const afterYield = trace.filter((p) => p.volumeMl > peakAt && p.volumeMl <= peakAt + 0.4);
    expect(Math.min(...afterYield.map((p) => p.pressurePsi))).toBeLessThan(firstPeak * 0.95);
    expect(events.some((e) => e.type === 'balloon.endplateContact')).toBe(true);
    const plateau = trace.find((p) => p.volumeMl >= 0.9)!.pressurePsi;
    expect(b.view().peakPressurePsi).toBeGreaterThan(plateau + 60);
    expect(events[0]).toEqual({ type: 'balloon.inflated' });
  });

  it('trace points are at least 0.05 mL apart', () => {
    const b = placed();
    inflateTo(b, 2.4);
    expect(b.view().ruptured).toBe(false);
    const t = b.view().trace;
    for (let i = 1; i < t.length; i++)
      expect(Math.abs(t[i].volumeMl - t[i - 1].volumeMl)).toBeGreaterThanOrEqual(0.05 - 1e-9);
  });

  it('denser bone (T -1) needs clearly higher pressure than T -3.5', () => {
    const dense = placed(-1);
    const weak = placed(-3.5);
    inflateTo(dense, 0.15);
    inflateTo(weak, 0.15);
    // Dense bone may already have burst the balloon here: the peak reading counts.
    expect(dense.view().peakPressurePsi).toBeGreaterThan(weak.pressurePsi * 1.5);
    inflateTo(dense, 1);
    inflateTo(weak, 1);
    expect(dense.view().peakPressurePsi).toBeGreaterThan(weak.view().peakPressurePsi * 1.5);
  });

  it('ruptures above the rated pressure: warning first, then pressure falls to 0', () => {
    const b = placed(-1, 10);
    const events = inflateTo(b, 6);
    const types = events.map((e) => e.type);
    expect(types).toContain('balloon.pressureLimit');
    expect(types).toContain('balloon.ruptured');
    expect(types.indexOf('balloon.pressureLimit')).toBeLessThan(types.indexOf('balloon.ruptured'));
    const rupture = events.find((e) => e.type === 'balloon.ruptured');
    expect(rupture && 'pressurePsi' in rupture && rupture.pressurePsi).toBeGreaterThan(b.device.ratedPressurePsi);
    expect(b.view()).toMatchObject({ ruptured: true, pressurePsi: 0, volumeMl: 0 });
    b.inflate(1);
    b.step(1);
    expect(b.volumeMl).toBe(0);
  });

  it('lifts the endplate, then loses part of the lift on deflation (Belkoff 2001, Winkelmann 2018)', () => {
    const b = placed();
    // The cavity spans this fixture's body from plate to plate by ~2.8 mL (its nose on the waisted
    // anterior cortex from ~1.75 mL): 3 mL lifts the plate well short of the rating (~250 psi).
    inflateTo(b, 3);
    expect(b.view().ruptured).toBe(false);
    const peak = b.lift().anteriorMm;
    expect(peak).toBeGreaterThan(0);
    b.deflate();
    const events: DomainEvent[] = [];
    for (let i = 0; i < 60 * 15; i++) events.push(...b.step(DT));
    expect(events.map((e) => e.type)).toContain('balloon.deflated');
    const kept = b.lift().anteriorMm / peak;
    expect(kept).toBeGreaterThan(0.5);
    expect(kept).toBeLessThan(0.7);
    expect(b.peakLift().anteriorMm).toBeCloseTo(peak, 9);
  });

  it('where the shaft sits between the plates barely changes the lift (the balloon grows on toward the far plate)', () => {
    const lifts = [-1, -0.5, 0, 0.5, 1].map((dy) => {
      const b = new Balloon(makeAnatomy(), 15);
      b.insert({ ...ANTERIOR_THIRD_TIP, y: ANTERIOR_THIRD_TIP.y + dy }, TRANSPEDICULAR_AXIS);
      inflateTo(b, 3);
      return b.lift().anteriorMm;
    });
    expect(Math.min(...lifts)).toBeGreaterThan(0);
    // The first model, tethered to its shaft, went from no lift to a large one over these 2 mm.
    expect(Math.max(...lifts) - Math.min(...lifts)).toBeLessThan(0.15 * Math.max(...lifts));
  });

  it('a balloon too small to span the body from plate to plate does not lift it', () => {
    const b = placed();
    inflateTo(b, 1.5);
    expect(b.lift().anteriorMm).toBe(0);
  });

  it('0.25 mL steps that stop at the pressure warning never burst the balloon; pushing on past the rating does', () => {
    // Osteoporotic bone (T -2.5 or lower) from weak to dense, high and low in the body, the 10, 15
    // and 20 mm balloons: the warning comes early enough to stop before a step already turned
    // passes the burst pressure. (Near-normal bone, T -2 here, yields above the rating: the first
    // step bursts the balloon, as the calibration's T -1 comparison expects.)
    for (const tScore of [-3.6, -3.2, -2.8, -2.5]) {
      for (const [dy, lengthMm] of [
        [0, 15],
        [-3, 15],
        [2, 10],
        [0, 20],
      ] as const) {
        const b = new Balloon(makeAnatomy({ tScore }), lengthMm);
        b.insert({ ...ANTERIOR_THIRD_TIP, y: ANTERIOR_THIRD_TIP.y + dy }, TRANSPEDICULAR_AXIS);
        let warned = false;
        // The textbook stops at the warning or at the device's maximum volume.
        while (!warned && b.volumeMl < b.device.maxVolumeMl - 1e-9) {
          warned = inflateTo(b, b.volumeMl + 0.25, 2).some((e) => e.type === 'balloon.pressureLimit');
        }
        const where = `T ${tScore}, dy ${dy}, ${lengthMm} mm`;
        expect(b.view().ruptured, where).toBe(false);
        expect(b.view().peakPressurePsi, where).toBeLessThan(b.device.burstPressurePsi);
        if (!warned) continue;
        // Bad technique: on past the warning, step by step, the balloon ends up ruptured.
        for (let k = 0; k < 40 && !b.view().ruptured; k++) inflateTo(b, b.volumeMl + 0.25, 2);
        expect(b.view().ruptured, `${where}: inflated on past the warning`).toBe(true);
      }
    }
  });
});
