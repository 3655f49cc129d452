import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Balloon } from '../../sim/instruments/balloon';
import { SharedEndplate } from '../../sim/instruments/endplateShare';
import type { DomainEvent } from '../../sim/core/events';
import { vec3 } from '../../sim/math/vec3';
import { TRANSPEDICULAR_AXIS, makeAnatomy } from './fixtures/anatomyFixture';

const DT = 1 / 60;
const run = (bs: readonly Balloon[], s: number): DomainEvent[] => {
  const out: DomainEvent[] = [];
  for (let i = 0; i < Math.round(s * 60); i++) for (const b of bs) out.push(...b.step(DT));
  return out;
};
/** Left and right paramedian tips at mid-height, as two transpedicular balloons sit. */
const LEFT_TIP = vec3(6, 0, -8);
const RIGHT_TIP = vec3(-6, 0, -8);
const RIGHT_AXIS = vec3(0.2, 0, -1);

describe('two balloons on one endplate (bipedicular)', () => {
  it('lift more for the same volume per balloon, and reach the same lift at lower pressure', () => {
    const anatomy = makeAnatomy({ tScore: -3.2 });
    const one = new Balloon(anatomy, 15);
    one.insert(LEFT_TIP, TRANSPEDICULAR_AXIS);
    one.inflate(3.6);
    run([one], 12);
    const target = one.lift().anteriorMm;
    expect(target).toBeGreaterThan(0);

    const plate = new SharedEndplate();
    const left = new Balloon(anatomy, 15);
    const right = new Balloon(anatomy, 15);
    left.shareEndplate(plate);
    right.shareEndplate(plate);
    left.insert(LEFT_TIP, TRANSPEDICULAR_AXIS);
    right.insert(RIGHT_TIP, RIGHT_AXIS);
    // Alternate small increments, as bipedicular inflation is done, until the single balloon's lift.
    for (let i = 0; i < 36 && left.lift().anteriorMm < target; i++) {
      left.inflate(0.1);
      right.inflate(0.1);
      run([left, right], 0.5);
    }
    expect(left.lift()).toEqual(right.lift());
    expect(left.lift().anteriorMm).toBeGreaterThanOrEqual(target);
    expect(left.volumeMl).toBeLessThan(3.6);
    expect(Math.max(left.view().peakPressurePsi, right.view().peakPressurePsi)).toBeLessThan(
      one.view().peakPressurePsi,
    );
  });

  it('the plate stays up while the other balloon holds it, and rides down once both are deflated', () => {
    const anatomy = makeAnatomy({ tScore: -3.2 });
    const plate = new SharedEndplate();
    const [a, b] = [new Balloon(anatomy, 15), new Balloon(anatomy, 15)];
    a.shareEndplate(plate);
    b.shareEndplate(plate);
    a.insert(LEFT_TIP, TRANSPEDICULAR_AXIS);
    b.insert(RIGHT_TIP, RIGHT_AXIS);
    // 3.6 mL each: the cavities span the body from plate to plate and load it.
    for (let i = 0; i < 12; i++) {
      a.inflate(0.3);
      b.inflate(0.3);
      run([a, b], 1.5);
    }
    const up = plate.t;
    expect(up).toBeGreaterThan(0);
    a.deflate();
    run([a, b], 10);
    expect(plate.t).toBeCloseTo(up, 6);
    b.deflate();
    run([a, b], 10);
    expect(plate.t).toBeLessThan(up);
    expect(plate.t).toBeCloseTo(plate.peakT * 0.6, 6);
  });
});

describe('shell breach and rupture', () => {
  it('a balloon pressed on a broken lateral cortex breaches it; an intact one holds at the same inflation', () => {
    // Far lateral placement: the balloon reaches the lateral shell before any endplate.
    const tip = vec3(14, -3, -4);
    const defect = { kind: 'lateralCortexDefect' as const, position: vec3(20.5, -3, -8), diameterMm: 5 };
    const broken = new Balloon(makeAnatomy({ openings: [defect] }), 15);
    const intact = new Balloon(makeAnatomy(), 15);
    for (const b of [broken, intact]) {
      b.insert(tip, TRANSPEDICULAR_AXIS);
      b.inflate(2);
    }
    const ev = run([broken], 8);
    const evIntact = run([intact], 8);
    const breach = ev.find((e) => e.type === 'balloon.cortexBreached');
    expect(breach).toMatchObject({ type: 'balloon.cortexBreached', wall: 'lateral' });
    expect(broken.view().cortexBreach?.wall).toBe('lateral');
    expect(intact.view().cortexContact).toBe(true);
    expect(evIntact.some((e) => e.type === 'balloon.cortexBreached')).toBe(false);
  });

  it('a rupture leaks the contrast: the view says how much and where, and the cloud spreads', () => {
    const b = new Balloon(makeAnatomy({ tScore: -1 }), 10);
    b.insert(vec3(3, 0, -10), TRANSPEDICULAR_AXIS);
    b.inflate(2);
    const ev: DomainEvent[] = [];
    for (let i = 0; i < 600 && !b.view().ruptured; i++) ev.push(...b.step(DT));
    expect(ev.map((e) => e.type)).toContain('balloon.ruptured');
    const v = b.view();
    expect(v.leakedContrastMl).toBeGreaterThan(0);
    expect(v.contrastLeak?.volumeMl).toBe(v.leakedContrastMl);
    const r0 = v.contrastLeak!.radiusMm;
    run([b], 20);
    expect(b.view().contrastLeak!.radiusMm).toBeGreaterThan(r0 * 1.5);
  });
});

describe('two balloons, random schedules (property)', () => {
  const act = fc.record({
    which: fc.constantFrom(0, 1),
    kind: fc.constantFrom('inflate' as const, 'deflate' as const, 'wait' as const),
    mL: fc.double({ min: -2, max: 2, noNaN: true }),
    s: fc.double({ min: 0, max: 3, noNaN: true }),
  });
  it('no NaN, no negative pressure, shared lift within intact height, volume pushed = volume held until rupture', () => {
    fc.assert(
      fc.property(fc.array(act, { maxLength: 16 }), fc.double({ min: -4.5, max: -1, noNaN: true }), (acts, t) => {
        const anatomy = makeAnatomy({ tScore: t });
        const v = anatomy.vertebrae[anatomy.targetIndex];
        const plate = new SharedEndplate();
        const bs = [new Balloon(anatomy, 15), new Balloon(anatomy, 15)];
        for (const b of bs) b.shareEndplate(plate);
        bs[0].insert(LEFT_TIP, TRANSPEDICULAR_AXIS);
        bs[1].insert(RIGHT_TIP, RIGHT_AXIS);
        for (const a of acts) {
          const b = bs[a.which];
          if (a.kind === 'inflate') b.inflate(a.mL);
          else if (a.kind === 'deflate') b.deflate();
          for (let i = 0; i < Math.round(a.s * 20); i++) {
            for (const x of bs) x.step(3 * DT);
            for (const x of bs) {
              const view = x.view();
              expect(Number.isFinite(view.pressurePsi) && view.pressurePsi >= 0).toBe(true);
              expect(Number.isFinite(view.cavityMl) && view.volumeMl >= 0).toBe(true);
              if (!view.ruptured) expect(x.deliveredMl).toBeCloseTo(view.volumeMl, 9);
            }
            const lift = bs[0].lift();
            expect(lift).toEqual(bs[1].lift());
            expect(v.anteriorHeightMm + lift.anteriorMm).toBeLessThanOrEqual(v.intactHeightMm + 1e-9);
            expect(plate.t).toBeLessThanOrEqual(plate.peakT + 1e-12);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
