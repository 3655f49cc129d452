import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import { FIXED_DT_S } from '../../sim/core/constants';
import type { Command } from '../../sim/core/commands';
import type { DomainEvent } from '../../sim/core/events';
import { idealTrajectory } from '../../sim/anatomy/idealTrajectory';
import { World } from '../../sim/session/world';

/**
 * The operator's hand and the dose (sim/imaging/README.md, "Operator hand"): a hand is in the beam
 * only while it works an instrument (push, tap, drill, cement) and its grip projects into the
 * exposed field; a hand push ends where the needle stops (docked or stalled on bone).
 */
const load = (name: string): Scenario =>
  parseScenario(JSON.parse(readFileSync(new URL(`../../levels/${name}.json`, import.meta.url), 'utf8')));

function world(name = 'l1-osteoporotic-wedge', seed = 1) {
  const w = new World(load(name), createRng(seed));
  const events: DomainEvent[] = [];
  const run = (s: number) => {
    const out: DomainEvent[] = [];
    for (let i = 0; i < Math.round(s / FIXED_DT_S); i++) out.push(...w.step(FIXED_DT_S));
    events.push(...out);
    return out;
  };
  const until = (type: DomainEvent['type'], maxS = 60) => {
    for (let i = 0; i < Math.round(maxS / FIXED_DT_S); i++) {
      const out = w.step(FIXED_DT_S);
      events.push(...out);
      if (out.some((e) => e.type === type)) return true;
    }
    return false;
  };
  const apply = (c: Command) => w.apply(c);
  const aimIdeal = (side: 'left' | 'right' = 'left') => {
    apply({ type: 'needle.entry', side, lateralMm: 0, cranialMm: 0 });
    // The local, given time to work: without it the docking hurts and the patient flinches
    // (sim/patient/painMovement.ts), which moves the needle these tests hold still.
    apply({ type: 'local.anaesthetic' });
    run(120);
    const ideal = idealTrajectory(w.anatomy, side);
    apply({ type: 'needle.aim', medialDeg: ideal.medialDeg, caudalDeg: ideal.caudalDeg });
  };
  return { w, run, until, apply, aimIdeal, events };
}

const handEvents = (ev: readonly DomainEvent[]) => ev.filter((e) => e.type === 'handInBeam');

describe('the hand push ends where the needle stops', () => {
  it('a long push that docks on the pedicle ends there: an AP image right after docking has no hand in it', () => {
    const s = world();
    s.aimIdeal();
    s.apply({ type: 'needle.advance', mm: 80 });
    expect(s.until('needle.docked')).toBe(true);
    const depth = s.w.trocarView()!.depthMm;
    expect(depth).toBeLessThan(75);
    s.apply({ type: 'fluoro.expose', on: true });
    const ev = s.run(1);
    expect(handEvents(ev)).toEqual([]);
    expect(s.w.doseView().handInBeamS).toBe(0);
    // The rest of the push was abandoned: the tip stays where it docked.
    expect(s.w.trocarView()!.depthMm).toBe(depth);
  });

  it('pushing again on a stalled needle moves nothing and puts no hand in the beam', () => {
    const s = world();
    s.aimIdeal();
    s.apply({ type: 'needle.advance', mm: 80 });
    s.until('needle.docked');
    // Docked on contact with the cortex; a second push brings the tip onto it, where the hand stalls.
    s.apply({ type: 'needle.advance', mm: 5 });
    expect(s.until('needle.stalled')).toBe(true);
    const depth = s.w.trocarView()!.depthMm;
    s.apply({ type: 'fluoro.expose', on: true });
    s.run(0.2);
    s.apply({ type: 'needle.advance', mm: 5 });
    const ev = s.run(1);
    expect(ev.map((e) => e.type)).toContain('needle.stalled');
    expect(s.w.trocarView()!.depthMm).toBe(depth);
    expect(handEvents(ev)).toEqual([]);
    expect(s.w.doseView().handInBeamS).toBe(0);
  });
});

describe('hand in the beam', () => {
  it('a hand pushing the trocar under live AP is in the beam (its grip is over the pedicle); under live lateral it is not', () => {
    const ap = world();
    ap.aimIdeal();
    ap.apply({ type: 'fluoro.expose', on: true });
    ap.apply({ type: 'needle.advance', mm: 10 });
    const ev = ap.run(2);
    expect(handEvents(ev)).toEqual([{ type: 'handInBeam', view: 'AP' }]);
    // ~1 s of pushing 10 mm of soft tissue at ~10 mm/s; nothing once the push is over.
    expect(ap.w.doseView().handInBeamS).toBeGreaterThan(0.8);
    expect(ap.w.doseView().handInBeamS).toBeLessThan(1.5);

    const lat = world();
    lat.aimIdeal();
    lat.apply({ type: 'carm.view', view: 'lateral' });
    lat.run(21);
    lat.apply({ type: 'fluoro.expose', on: true });
    lat.apply({ type: 'needle.advance', mm: 10 });
    expect(handEvents(lat.run(2))).toEqual([]);
    expect(lat.w.doseView().handInBeamS).toBe(0);
    expect(lat.w.trocarView()!.depthMm).toBeCloseTo(10, 6);
  });

  it('no hand on an instrument, no hand in the beam: imaging a still needle is free of it', () => {
    const s = world();
    s.aimIdeal();
    s.apply({ type: 'needle.advance', mm: 10 });
    s.run(2);
    s.apply({ type: 'fluoro.expose', on: true });
    expect(handEvents(s.run(2))).toEqual([]);
    expect(s.w.doseView().handInBeamS).toBe(0);
  });

  it('a mallet tap holds the hands on the trocar: in the AP beam for the tap, once per exposure', () => {
    const s = world();
    s.aimIdeal();
    s.apply({ type: 'needle.advance', mm: 80 });
    s.until('needle.docked');
    s.run(0.5);
    s.apply({ type: 'fluoro.expose', on: true });
    s.run(0.5);
    s.apply({ type: 'needle.tap' });
    const first = s.run(1);
    s.apply({ type: 'needle.tap' });
    const second = s.run(1);
    expect(handEvents(first)).toEqual([{ type: 'handInBeam', view: 'AP' }]);
    expect(handEvents(second)).toEqual([]);
    expect(s.w.doseView().handInBeamS).toBeCloseTo(1, 1);
    expect(s.w.trocarView()!.taps).toBe(2);
  });

  it('pushing cement puts the hand on the cannula: in the AP beam while the plunger moves', () => {
    const s = world('t12-biconcave-vertebroplasty');
    s.aimIdeal();
    s.apply({ type: 'needle.advance', mm: 80 });
    s.until('needle.docked');
    s.apply({ type: 'instrument.exchange', step: 'stylet.remove' });
    s.apply({ type: 'cement.mix' });
    s.run(1);
    s.apply({ type: 'fluoro.expose', on: true });
    expect(handEvents(s.run(1))).toEqual([]);
    s.apply({ type: 'cement.inject', mL: 0.3 });
    const ev = s.run(3);
    expect(ev.some((e) => e.type === 'handInBeam')).toBe(true);
    const inBeam = s.w.doseView().handInBeamS;
    expect(inBeam).toBeGreaterThan(0);
    expect(s.w.cementView().pendingMl).toBe(0);
    // The push is over: the hand is off the plunger.
    s.run(1);
    expect(s.w.doseView().handInBeamS).toBe(inBeam);
  });
});
