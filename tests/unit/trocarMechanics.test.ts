import { describe, expect, it } from 'vitest';
import { bodyWaistInsetAt } from '../../sim/anatomy/bodyWaist';
import { angleBetween } from './trocarAngles';
import { normalize, sub } from '../../sim/math/vec3';
import { idealTrajectory, trajectoryAngles } from '../../sim/anatomy/idealTrajectory';
import {
  channelOpen,
  exchanged,
  freshAccessInstruments,
  type AccessInstruments,
} from '../../sim/instruments/accessInstruments';
import { Trocar } from '../../sim/instruments/trocar';
import type { ExchangeStep } from '../../sim/core/commands';
import { anatomyAt, breachesOf, pushTo, pushUntil, settle, target, trocarThrough } from './trocarDrive';
import type { DomainEvent } from '../../sim/core/events';

const ORDER: readonly ExchangeStep[] = [
  'stylet.remove',
  'guidePin.insert',
  'needle.remove',
  'introducer.insert',
  'guidePin.remove',
];

describe('skiving', () => {
  it.each([
    ['L4', 42, 20],
    ['L1', 42, 30],
  ] as const)(
    'a glancing approach to the body wall at %s slides along it and turns the needle; a square one bites',
    (level, seed, medialDeg) => {
      const anatomy = anatomyAt(level, seed);
      const v = target(anatomy);
      // Aimed at the body's lateral wall (outward normal +x) at mid-depth, 90 - medialDeg degrees off its normal.
      const glancing = trocarThrough(
        anatomy,
        'left',
        // The wall at mid-height stands inside the rim by the body's waist.
        {
          x:
            v.centre.x +
            v.bodyWidthMm / 2 -
            bodyWaistInsetAt(v, v.centre.x + v.bodyWidthMm / 2 - 1e-6, v.centre.y, v.centre.z) +
            0.3,
          y: v.centre.y,
          z: v.centre.z,
        },
        medialDeg,
        0,
      );
      const dir0 = glancing.view()!.direction;
      const events = pushUntil(glancing, (ev) => ev.some((e) => e.type === 'needle.skived'), 250);
      const g = glancing.view()!;
      expect(g.skives).toBeGreaterThan(0);
      expect(g.skivedMm).toBeGreaterThan(0);
      // One event per slide, carrying the whole slide (not a sub-step).
      const slides = events.filter((e) => e.type === 'needle.skived');
      expect(slides.length).toBe(g.skives);
      expect(slides.reduce((sum, e) => sum + (e.type === 'needle.skived' ? e.mm : 0), 0)).toBeCloseTo(g.skivedMm, 6);
      expect(angleBetween(dir0, g.direction)).toBeGreaterThan(0.05);
      expect(['cortical', 'cancellous']).not.toContain(g.tissueAtTip);

      // The textbook approach meets the pedicle's entry cortex nearly square: it bites, no skive.
      const ideal = idealTrajectory(anatomy, 'left');
      const square = trocarThrough(anatomy, 'left', ideal.boneEntry, ideal.medialDeg, ideal.caudalDeg);
      const d0 = square.view()!.direction;
      pushUntil(square, () => square.view()!.tissueAtTip === 'cancellous', 250);
      expect(square.view()!.skives).toBe(0);
      expect(square.view()!.taps).toBeGreaterThan(0);
      expect(angleBetween(d0, square.view()!.direction)).toBeLessThan(1e-3);
    },
  );
});

describe('instrument exchange (accessInstruments)', () => {
  it('follows the kyphoplasty order and refuses every step out of order', () => {
    let s: AccessInstruments = freshAccessInstruments('kyphoplasty');
    expect(channelOpen(s)).toBe(false);
    for (let i = 0; i < ORDER.length; i++) {
      // Every later step is refused now.
      for (const later of ORDER.slice(i + 1)) expect(exchanged(s, later)).toBeNull();
      const next = exchanged(s, ORDER[i]);
      expect(next).not.toBeNull();
      s = next!;
      // The step just done cannot be repeated.
      expect(exchanged(s, ORDER[i])).toBeNull();
    }
    expect(s).toEqual({ needle: 'access', needleIn: false, styletIn: false, guidePinIn: false, cannulaIn: true });
    expect(channelOpen(s)).toBe(true);
  });

  it('a vertebroplasty biopsy needle opens its own lumen once the stylet is out, and takes no guide pin', () => {
    const s = freshAccessInstruments('vertebroplasty');
    const open = exchanged(s, 'stylet.remove')!;
    expect(channelOpen(open)).toBe(true);
    expect(exchanged(open, 'guidePin.insert')).toBeNull();
  });

  it('the trocar applies the steps in the patient: no pushing once the needle is out, and the cannula keeps the depth', () => {
    const anatomy = anatomyAt('L1', 42);
    const ideal = idealTrajectory(anatomy, 'left');
    const trocar = trocarThrough(anatomy, 'left', ideal.boneEntry, ideal.medialDeg, ideal.caudalDeg);
    expect(trocar.exchange('guidePin.insert')).toBe(false);
    pushTo(trocar, ideal.depthMm - 15);
    const depth = trocar.view()!.depthMm;
    expect(trocar.exchange('needle.remove')).toBe(false);
    expect(trocar.exchange('stylet.remove')).toBe(true);
    expect(trocar.exchange('introducer.insert')).toBe(false);
    expect(trocar.exchange('guidePin.insert')).toBe(true);
    expect(trocar.exchange('needle.remove')).toBe(true);
    expect(trocar.requestAdvance(5)).toBe(false);
    expect(trocar.tap()).toBe(false);
    expect(trocar.drill(5)).toBe(false);
    expect(trocar.exchange('introducer.insert')).toBe(true);
    expect(trocar.view()!.cannula).toBe(true);
    expect(trocar.drill(5)).toBe(false);
    expect(trocar.exchange('guidePin.remove')).toBe(true);
    expect(trocar.view()!.depthMm).toBe(depth);
    expect(trocar.view()!.instruments).toEqual({
      needle: 'access',
      needleIn: false,
      styletIn: false,
      guidePinIn: false,
      cannulaIn: true,
    });
    expect(trocar.drill(5)).toBe(true);
  });
});

describe('thoracic access', () => {
  it('an extrapedicular route at T8 docks on the body through the costovertebral gap with no pedicle breach', () => {
    const anatomy = anatomyAt('T8', 42);
    const v = target(anatomy);
    const trocar = new Trocar(anatomy, 13);
    // Skin entry 15 mm lateral of the transpedicular one, aimed at the body's posterolateral part.
    trocar.setEntry('left', 15, 6);
    const aimAt = {
      x: v.centre.x + 0.2 * (v.bodyWidthMm / 2),
      y: v.centre.y,
      z: v.centre.z - 0.4 * (v.bodyDepthMm / 2),
    };
    const a = trajectoryAngles('left', normalize(sub(aimAt, trocar.view()!.entry)));
    trocar.aim(a.medialDeg, a.caudalDeg);
    const events = pushUntil(trocar, (ev) => ev.some((e) => e.type === 'needle.pastPosteriorWall'), 200);
    pushTo(trocar, trocar.view()!.depthMm + 5, events);
    const t = trocar.view()!;
    const types = events.map((e) => e.type);
    expect(types).toContain('needle.docked');
    expect(types).toContain('needle.pastPosteriorWall');
    expect(types).not.toContain('needle.inPedicle');
    expect(t.tissueAtTip).toBe('cancellous');
    expect(t.breaches).toEqual([]);
    expect(t.missedPedicle).toBeNull();
    expect(t.safetyRuleViolated).toBe(false);
  });

  it('a thoracic lateral exit from the body into the lung reports the lateral wall and the pleura', () => {
    const anatomy = anatomyAt('T8', 42);
    const ideal = idealTrajectory(anatomy, 'left');
    const trocar = trocarThrough(anatomy, 'left', ideal.boneEntry, ideal.medialDeg - 15, ideal.caudalDeg);
    const events = pushUntil(trocar, (ev) => breachesOf(ev).some((b) => b.wall === 'pleura'), 200);
    expect(breachesOf(events).map((b) => b.wall)).toEqual(['lateral', 'pleura']);
    expect(trocar.view()!.tissueAtTip).toBe('lung');
  });

  it('a lumbar lateral exit reports no pleura', () => {
    const anatomy = anatomyAt('L4', 42);
    const ideal = idealTrajectory(anatomy, 'left');
    const trocar = trocarThrough(anatomy, 'left', ideal.boneEntry, ideal.medialDeg - 15, ideal.caudalDeg);
    const events = pushUntil(trocar, (ev) => breachesOf(ev).length > 0, 200);
    pushTo(trocar, trocar.view()!.depthMm + 20, events);
    expect(breachesOf(events).map((b) => b.wall)).toContain('lateral');
    expect(breachesOf(events).map((b) => b.wall)).not.toContain('pleura');
  });
});

describe('hand and mallet', () => {
  it('taps sent faster than the tip moves add up: two at once drive it further than one', () => {
    const drive = (taps: number): number => {
      const anatomy = anatomyAt('L1', 42);
      const ideal = idealTrajectory(anatomy, 'left');
      const trocar = trocarThrough(anatomy, 'left', ideal.boneEntry, ideal.medialDeg, ideal.caudalDeg);
      pushUntil(trocar, () => trocar.view()!.tissueAtTip === 'cancellous', 250);
      const start = trocar.view()!.depthMm;
      for (let k = 0; k < taps; k++) trocar.tap();
      settle(trocar, []);
      return trocar.view()!.depthMm - start;
    };
    const one = drive(1);
    const two = drive(2);
    expect(one).toBeGreaterThan(0.5);
    expect(two).toBeGreaterThan(one * 1.5);
  });

  it('a hand push held by bone at the pedicle entry docks the needle, even on the posterior elements', () => {
    const anatomy = anatomyAt('L1', 42);
    const ideal = idealTrajectory(anatomy, 'left');
    // 1 mm lateral and cranial of the planned entry: the tip meets the facet / transverse process junction first.
    const trocar = new Trocar(anatomy, 11);
    trocar.setEntry('left', 1, 1);
    trocar.aim(ideal.medialDeg, ideal.caudalDeg);
    trocar.requestAdvance(ideal.depthMm);
    const events: DomainEvent[] = [];
    settle(trocar, events);
    expect(events.map((e) => e.type)).toContain('needle.docked');
    // The hand stopped where the needle met bone; pushing on, bone holds it.
    const docked = trocar.view()!.depthMm;
    trocar.requestAdvance(ideal.depthMm - docked);
    settle(trocar, events);
    expect(events.map((e) => e.type)).toContain('needle.stalled');
    expect(trocar.view()!.depthMm - docked).toBeLessThan(1);
    expect(trocar.view()!.milestone).toBe('docked');
  });
});

describe('soft tissue layers', () => {
  it('the deep fascia under the fat slows a hand push (the pop), then the muscle gives way', () => {
    const anatomy = anatomyAt('L1', 42);
    const ideal = idealTrajectory(anatomy, 'left');
    const trocar = new Trocar(anatomy, 11);
    trocar.setEntry('left', 0, 0);
    trocar.aim(ideal.medialDeg, ideal.caudalDeg);
    trocar.requestAdvance(30);
    const samples: { depthMm: number; speed: number; tissue: string }[] = [];
    for (let i = 0; i < 2000 && trocar.moving; i++) {
      const d0 = trocar.view()!.depthMm;
      trocar.step(1 / 60);
      samples.push({ depthMm: d0, speed: (trocar.view()!.depthMm - d0) * 60, tissue: trocar.view()!.tissueAtTip });
    }
    const fatEnd = Math.max(...samples.filter((x) => x.tissue === 'fat').map((x) => x.depthMm));
    const inMuscle = samples.filter((x) => x.tissue === 'muscle' && x.speed > 0);
    const fascia = inMuscle.filter((x) => x.depthMm < fatEnd + 1);
    const deep = inMuscle.filter((x) => x.depthMm > fatEnd + 5);
    expect(fascia.length).toBeGreaterThan(0);
    expect(deep.length).toBeGreaterThan(0);
    // The last step of the push is partial: compare with the typical (median) deep-muscle speed.
    const deepSpeeds = deep.map((x) => x.speed).sort((a, b) => a - b);
    expect(Math.min(...fascia.map((x) => x.speed))).toBeLessThan(0.85 * deepSpeeds[Math.floor(deepSpeeds.length / 2)]);
  });
});
