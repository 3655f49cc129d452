import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cement, type CementStepContext } from '../../sim/instruments/cement';
import { cementPhaseAt, cementTimeline, cementViscosityPaS } from '../../sim/instruments/cementPhaseClock';
import type { Opening } from '../../sim/anatomy/types';
import type { DomainEvent } from '../../sim/core/events';
import { vec3 } from '../../sim/math/vec3';
import { makeAnatomy } from './fixtures/anatomyFixture';
import { readFileSync } from 'node:fs';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { createRng } from '../../sim/math/rng';
import { parseScenario } from '../../levels/scenarioSchema';
import { injectThroughDevices } from './fixtures/injectThroughDevices';

const DT = 1 / 60;
const ROOM = { roomTempC: 22, preChilled: false };
const VEINS: Opening[] = [
  { kind: 'basivertebralVein', position: vec3(0, 0, 9), diameterMm: 1.8 },
  { kind: 'segmentalVein', position: vec3(12, 0, -12), diameterMm: 1.5 },
];

/** Vertebroplasty-style context: needle tip in the anterior third, no cavity. */
function ctxAt(tick: number, cavityMl = 0, tip = vec3(3, 2, -6)): CementStepContext {
  return { tick, cannulaTip: tip, cavityMl, cavityCentre: cavityMl > 0 ? vec3(3, 2, -6) : null, breachOpenings: [] };
}

function run(c: Cement, seconds: number, from: { tick: number }, cavityMl = 0, tip = vec3(3, 2, -6)): DomainEvent[] {
  const out: DomainEvent[] = [];
  for (let i = 0; i < Math.round(seconds * 60); i++) out.push(...c.step(DT, ctxAt(from.tick++, cavityMl, tip)));
  return out;
}

function injectAfter(
  openings: Opening[],
  waitS: number,
  mL: number,
  cavityMl = 0,
  tip = vec3(3, 2, -6),
): { c: Cement; events: DomainEvent[] } {
  const anatomy = makeAnatomy({ openings, procedure: cavityMl > 0 ? 'kyphoplasty' : 'vertebroplasty' });
  const c = new Cement(anatomy, ROOM);
  const clock = { tick: 0 };
  c.mix();
  run(c, waitS, clock, cavityMl, tip);
  injectThroughDevices(c, mL);
  return { c, events: run(c, 30, clock, cavityMl, tip) };
}

describe('cement phase clock', () => {
  it('follows the published times at 22 C, pre-chilled and warm (BMC Musculoskelet Disord 2012, Kyphon patent)', () => {
    const t = cementTimeline(ROOM);
    expect(t.stickyEndS / 60).toBeCloseTo(5.1, 5);
    expect((t.workingEndS - t.stickyEndS) / 60).toBeCloseTo(3.4, 5);
    expect(t.setS / 60).toBeCloseTo(13, 5);
    const chilled = cementTimeline({ roomTempC: 22, preChilled: true });
    expect(chilled.stickyEndS / 60).toBeCloseTo(9.4, 5);
    expect(chilled.workingEndS / 60).toBeCloseTo(15.2, 5);
    const warm = cementTimeline({ roomTempC: 30, preChilled: false });
    expect(warm.setS / t.setS).toBeCloseTo(0.7, 5);
    expect(cementPhaseAt(t, null)).toBe('unmixed');
    expect(cementPhaseAt(t, 60)).toBe('liquid');
    expect(cementPhaseAt(t, 6 * 60)).toBe('working');
    expect(cementPhaseAt(t, 14 * 60)).toBe('set');
  });

  it('passes 500 Pa s 3-4 min after mixing, and viscosity only rises', () => {
    const t = cementTimeline(ROOM);
    expect(cementViscosityPaS(t, 3 * 60)).toBeLessThan(500);
    expect(cementViscosityPaS(t, 4 * 60)).toBeGreaterThan(500);
    let last = 0;
    for (let s = 0; s < 20 * 60; s += 5) {
      const v = cementViscosityPaS(t, s);
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
  });
});

describe('cement books (property)', () => {
  const action = fc.oneof(
    fc.record({ kind: fc.constant('mix' as const) }),
    fc.record({ kind: fc.constant('inject' as const), mL: fc.double({ min: -2, max: 3, noNaN: true }) }),
    fc.record({ kind: fc.constant('stop' as const) }),
    fc.record({ kind: fc.constant('remove' as const) }),
    fc.record({ kind: fc.constant('wait' as const), s: fc.double({ min: 0, max: 200, noNaN: true }) }),
  );
  it('injected = in body + leaked + in cannula at every step; nothing NaN or negative', () => {
    fc.assert(
      fc.property(
        fc.array(action, { maxLength: 20 }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        fc.boolean(),
        (acts, cavityMl, defect) => {
          const openings = defect
            ? [...VEINS, { kind: 'posteriorWallDefect', position: vec3(0, 0, 6), diameterMm: 3 } as Opening]
            : VEINS;
          const c = new Cement(makeAnatomy({ openings }), ROOM);
          let tick = 0;
          for (const a of acts) {
            if (a.kind === 'mix') c.mix();
            else if (a.kind === 'inject') c.inject(a.mL);
            else if (a.kind === 'stop') c.stop();
            else if (a.kind === 'remove') c.cannulaRemoved();
            else
              for (let s = 0; s < a.s; s += 1) {
                c.step(Math.min(1, a.s - s), ctxAt(tick++, cavityMl));
                const v = c.view();
                for (const x of [
                  v.injectedMl,
                  v.inBodyMl,
                  v.leakedMl,
                  v.inCannulaMl,
                  v.pendingMl,
                  v.viscosityPaS,
                  v.injectionPressureKPa,
                ]) {
                  expect(Number.isFinite(x)).toBe(true);
                  expect(x).toBeGreaterThanOrEqual(0);
                }
                expect(Math.abs(v.injectedMl - v.inBodyMl - v.leakedMl - v.inCannulaMl)).toBeLessThan(1e-9);
                for (const d of v.deposits)
                  for (const r of [d.radii.x, d.radii.y, d.radii.z]) expect(Number.isFinite(r) && r > 0).toBe(true);
              }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('cement books on generated patients (property)', () => {
  const base = parseScenario(
    JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8')),
    'l1',
  );
  const action = fc.oneof(
    fc.record({ kind: fc.constant('inject' as const), mL: fc.double({ min: 0, max: 1.5, noNaN: true }) }),
    fc.record({ kind: fc.constant('stop' as const) }),
    fc.record({ kind: fc.constant('load' as const) }),
    fc.record({ kind: fc.constant('tack' as const) }),
    fc.record({ kind: fc.constant('wait' as const), s: fc.double({ min: 0, max: 12, noNaN: true }) }),
  );
  it('injected = in body + leaked + in cannula at every step, over random schedules, patients, defects and breaches; the drawn cement holds it all', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.record({
          endplateCrack: fc.boolean(),
          posteriorWallDefect: fc.boolean(),
          lateralCortexDefect: fc.boolean(),
          cleft: fc.boolean(),
        }),
        fc.boolean(),
        fc.double({ min: 60, max: 700, noNaN: true }),
        fc.array(action, { maxLength: 25 }),
        (seed, flags, kyphoplasty, mixWaitS, acts) => {
          const anatomy = buildAnatomy(
            { ...base, fracture: { ...base.fracture, ...flags } },
            createRng(seed).fork('anatomy'),
          );
          const v = anatomy.vertebrae[anatomy.targetIndex];
          const exit = vec3(v.centre.x + 6, v.centre.y - 1, v.centre.z - 2);
          // A medial trocar breach near the posterior wall, as a misplaced needle leaves one.
          const breach = {
            position: vec3(v.centre.x + 4, v.centre.y, v.centre.z + v.bodyDepthMm / 2),
            diameterMm: 3,
            location: 'epidural' as const,
          };
          const c = new Cement(anatomy, ROOM, kyphoplasty ? 'boneFiller' : 'syringe');
          let tick = 0;
          const ctx = (): CementStepContext => ({
            tick: tick++,
            cannulaTip: exit,
            cavityMl: kyphoplasty ? 3 : 0,
            cavityCentre: kyphoplasty ? exit : null,
            breachOpenings: seed % 3 === 0 ? [breach] : [],
          });
          c.mix();
          c.step(mixWaitS, ctx());
          for (const a of acts) {
            if (a.kind === 'inject') c.inject(a.mL);
            else if (a.kind === 'stop') c.stop();
            else if (a.kind === 'load') c.delivery.loadNext();
            else if (a.kind === 'tack') c.tackTest();
            else
              for (let t = 0; t < a.s; t += 0.5) {
                c.step(Math.min(0.5, a.s - t), ctx());
                const w = c.view();
                for (const x of [
                  w.injectedMl,
                  w.inBodyMl,
                  w.leakedMl,
                  w.inCannulaMl,
                  w.pendingMl,
                  w.injectionPressureKPa,
                ]) {
                  expect(Number.isFinite(x)).toBe(true);
                  expect(x).toBeGreaterThanOrEqual(0);
                }
                expect(Math.abs(w.injectedMl - w.inBodyMl - w.leakedMl - w.inCannulaMl)).toBeLessThan(1e-9);
              }
          }
          const w = c.view();
          const drawn = w.deposits.reduce((sum, d) => sum + d.volumeMl, 0);
          expect(drawn).toBeCloseTo(w.inBodyMl + w.leakedMl, 6);
          for (const l of w.leaks) expect(l.volumeMl).toBeGreaterThan(0);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('cement behaviour', () => {
  it('liquid cement leaks clearly more than working-phase cement on the same anatomy', () => {
    const liquid = injectAfter(VEINS, 60, 4.5).c.view();
    const working = injectAfter(VEINS, 6 * 60, 4.5).c.view();
    expect(liquid.leakedMl).toBeGreaterThan(2 * working.leakedMl);
    expect(liquid.leakedMl).toBeGreaterThan(0.05);
  });

  it('a posterior wall defect gives an epidural leak once the cement front reaches it', () => {
    const defect: Opening = { kind: 'posteriorWallDefect', position: vec3(0, 0, 15), diameterMm: 3 };
    // Needle tip at mid-body, 10 mm from the defect; the anterior-third tip keeps it out of reach.
    const { c, events } = injectAfter([defect], 6 * 60, 4.5, 0, vec3(2, 0, 5));
    const far = injectAfter([defect], 6 * 60, 4.5).c.view();
    expect(far.leakedMl).toBe(0);
    const leak = events.find((e) => e.type === 'cement.leak');
    expect(leak).toMatchObject({ type: 'cement.leak', location: 'epidural' });
    expect(c.view().leaks.map((l) => l.location)).toEqual(['epidural']);
    expect(c.view().deposits.some((d) => d.location === 'epidural')).toBe(true);
  });

  it('fills the balloon cavity first: kyphoplasty leaks less than vertebroplasty', () => {
    const vp = injectAfter(VEINS, 60, 4.5, 0).c.view();
    const kp = injectAfter(VEINS, 60, 4.5, 3.5).c;
    expect(kp.cavityFilledMl).toBeGreaterThan(3.4);
    expect(kp.view().leakedMl).toBeLessThan(vp.leakedMl);
  });

  it('reports delivery once, sets, and sticks a cannula left in with cement in it', () => {
    const { c, events } = injectAfter([], 6 * 60, 2);
    expect(events.filter((e) => e.type === 'cement.delivered')).toHaveLength(1);
    const later = run(c, 10 * 60, { tick: 100000 });
    const types = later.map((e) => e.type);
    expect(types).toContain('cement.set');
    expect(types).toContain('cannula.stuck');
    expect(c.view().cannulaStuck).toBe(true);
  });

  it('set cement cannot be pushed', () => {
    const anatomy = makeAnatomy();
    const c = new Cement(anatomy, ROOM);
    c.mix();
    run(c, 14 * 60, { tick: 0 });
    injectThroughDevices(c, 2);
    run(c, 10, { tick: 0 });
    expect(c.view().injectedMl).toBe(0);
    expect(c.view().pendingMl).toBe(2);
  });
});
