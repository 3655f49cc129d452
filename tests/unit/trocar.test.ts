import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import type { DomainEvent } from '../../sim/core/events';
import { add, distance, scale } from '../../sim/math/vec3';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { defaultSkinEntry, idealTrajectory, trajectoryDirection } from '../../sim/anatomy/idealTrajectory';
import { tissueAt } from '../../sim/anatomy/tissueAt';
import { Trocar } from '../../sim/instruments/trocar';
import { PENETRATION, resistanceN } from '../../sim/physics/penetrationResistance';

const base = JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8'));
const scenario = (level: Scenario['level'] = 'L1', trocarGauge: 11 | 13 | 15 = 11): Scenario =>
  parseScenario({ ...base, level, equipment: { ...base.equipment, trocarGauge } });
type Side = 'left' | 'right';

/** Enter at the default point, aim at ideal + offsets, push by hand to ideal depth + extra (a mallet tap wherever the hand stalls), stepping at dt. */
function pass(opts: {
  level?: Scenario['level'];
  gauge?: 11 | 13 | 15;
  side?: Side;
  seed?: number;
  dMedial?: number;
  dCaudal?: number;
  extraMm?: number;
  dtS?: number;
}) {
  const gauge = opts.gauge ?? 11;
  const anatomy = buildAnatomy(scenario(opts.level, gauge), createRng(opts.seed ?? 42));
  const side = opts.side ?? 'left';
  const ideal = idealTrajectory(anatomy, side);
  const trocar = new Trocar(anatomy, gauge);
  trocar.setEntry(side, 0, 0);
  trocar.aim(ideal.medialDeg + (opts.dMedial ?? 0), ideal.caudalDeg + (opts.dCaudal ?? 0));
  const goal = ideal.depthMm + (opts.extraMm ?? 0);
  const events: DomainEvent[] = [];
  const settle = () => {
    for (let tick = 0; trocar.moving && tick < 20_000; tick++) events.push(...trocar.step(opts.dtS ?? 1 / 60));
  };
  for (let taps = 0; trocar.view()!.depthMm < goal - 1e-6 && taps < 200; taps++) {
    trocar.requestAdvance(goal - trocar.view()!.depthMm);
    settle();
    if (trocar.view()!.depthMm >= goal - 1e-6) break;
    trocar.tap();
    settle();
  }
  return { anatomy, ideal, trocar, events, view: trocar.view()!, types: events.map((e) => e.type) };
}

const breaches = (events: DomainEvent[]) => events.flatMap((e) => (e.type === 'needle.breach' ? [e] : []));

describe('ideal trajectory', () => {
  it('passes through the default skin entry', () => {
    const anatomy = buildAnatomy(scenario(), createRng(3));
    for (const side of ['left', 'right'] as const) {
      const ideal = idealTrajectory(anatomy, side);
      const entry = defaultSkinEntry(anatomy, side);
      const end = add(entry, scale(trajectoryDirection(side, ideal.medialDeg, ideal.caudalDeg), ideal.depthMm));
      expect(distance(end, ideal.target)).toBeLessThan(1e-6);
      expect(tissueAt(anatomy, ideal.target)).toBe('cancellous');
      expect(ideal.medialDeg).toBeGreaterThan(5);
      expect(ideal.caudalDeg).toBeGreaterThan(0);
    }
  });

  it.each([
    ['L1', 'left', 42, 11],
    ['L1', 'right', 42, 11],
    ['L1', 'left', 7, 11],
    ['L1', 'right', 1234, 11],
    ['T12', 'left', 42, 11],
    ['T12', 'right', 5, 11],
    ['L3', 'left', 42, 11],
    ['L3', 'right', 9, 11],
    // Mid-thoracic pedicles are 5-6 mm wide: a 13 G trocar (docs/clinical-sources.md: 11-13 G lumbar, 15 G upper thoracic).
    ['T8', 'left', 42, 13],
    ['T8', 'right', 5, 13],
    ['T8', 'left', 11, 15],
    ['L4', 'left', 42, 11],
    ['L4', 'right', 9, 11],
  ] as const)(
    'at %s (%s, seed %i, %i G) reaches the target zone with no breach and no safety violation',
    (level, side, seed, gauge) => {
      const { types, view } = pass({ level, side, seed, gauge });
      expect(types.filter((t) => t !== 'needle.breach' && t !== 'needle.stalled')).toEqual([
        'needle.skinPunctured',
        'needle.docked',
        'needle.inPedicle',
        'needle.pastPosteriorWall',
        'needle.inTargetZone',
      ]);
      expect(view.breaches).toEqual([]);
      expect(view.safetyRuleViolated).toBe(false);
      expect(view.milestone).toBe('target');
      expect(view.tissueAtTip).toBe('cancellous');
    },
  );
});

describe('misplacement emerges from the geometry', () => {
  it('an over-medial aim breaches medially and violates the safety rule', () => {
    const { events, view } = pass({ dMedial: 10 });
    expect(breaches(events)[0].wall).toBe('medial');
    expect(view.safetyRuleViolated).toBe(true);
    expect(events.some((e) => e.type === 'needle.safetyRuleViolated')).toBe(true);
  });

  it('an over-caudal trajectory breaches inferiorly', () => {
    const { events } = pass({ dCaudal: 8 });
    expect(breaches(events)[0].wall).toBe('inferior');
  });

  it('a too-deep advance breaches the anterior cortex, and view keeps the deepest point', () => {
    const { events, view } = pass({ extraMm: 20 });
    expect(events.map((e) => e.type)).toContain('needle.inTargetZone');
    expect(breaches(events).map((b) => b.wall)).toEqual(['anterior']);
    expect(view.breaches[0].depthMm).toBeGreaterThan(5);
    expect(view.breaches[0].depthMm).toBeGreaterThan(breaches(events)[0].depthMm);
  });

  it('a fast advance does not tunnel: same breaches as a slow one', () => {
    for (const opts of [{ extraMm: 20 }, { dMedial: 10 }, { dCaudal: 8 }]) {
      const slow = pass({ ...opts, dtS: 1 / 60 });
      const fast = pass({ ...opts, dtS: 30 });
      expect(slow.view.breaches.length).toBeGreaterThan(0);
      expect(fast.view.breaches.map((b) => b.wall)).toEqual(slow.view.breaches.map((b) => b.wall));
      // A tap's sub-steps depend on dt (its energy is spent per sub-step), so depths agree to a sub-step.
      fast.view.breaches.forEach((b, i) => {
        expect(Math.abs(b.depthMm - slow.view.breaches[i].depthMm)).toBeLessThan(0.5);
      });
      expect(distance(fast.view.tip, slow.view.tip)).toBeLessThan(0.5);
    }
  });
});

describe('Trocar commands', () => {
  it('has no view until an entry is chosen, and refuses a new entry once inside the skin', () => {
    const anatomy = buildAnatomy(scenario(), createRng(1));
    const trocar = new Trocar(anatomy, 11);
    expect(trocar.view()).toBeNull();
    expect(trocar.requestAdvance(5)).toBe(false);
    expect(trocar.setEntry('left', 5, 0)).toBe(true);
    expect(trocar.view()!.entry.x).toBeCloseTo(defaultSkinEntry(anatomy, 'left').x + 5, 6);
    trocar.requestAdvance(5);
    trocar.step(1);
    expect(trocar.view()!.depthMm).toBe(5);
    expect(trocar.setEntry('left', 0, 0)).toBe(false);
  });

  it('a hand push stalls at the cortex; mallet taps drive the tip through it', () => {
    const anatomy = buildAnatomy(scenario(), createRng(42));
    const ideal = idealTrajectory(anatomy, 'left');
    const trocar = new Trocar(anatomy, 11);
    trocar.setEntry('left', 0, 0);
    trocar.aim(ideal.medialDeg, ideal.caudalDeg);
    trocar.requestAdvance(ideal.depthMm);
    const events: DomainEvent[] = [];
    let soft = 0;
    for (let i = 0; i < 5000 && trocar.moving; i++) {
      const d0 = trocar.view()!.depthMm;
      events.push(...trocar.step(1 / 60));
      soft = Math.max(soft, (trocar.view()!.depthMm - d0) * 60);
    }
    // By hand: about 10 mm/s through the soft tissue, then it docks on the pedicle's cortex, where
    // the hand stops pushing: the rest of the push is abandoned.
    expect(soft).toBeGreaterThan(8);
    expect(events.map((e) => e.type)).toContain('needle.docked');
    expect(trocar.moving).toBe(false);
    const dockedAt = trocar.view()!.depthMm;
    expect(dockedAt).toBeLessThan(ideal.depthMm - 20);
    // A second push brings the tip onto the cortex (within a sub-step) and stalls there.
    trocar.requestAdvance(ideal.depthMm - dockedAt);
    for (let i = 0; i < 600 && trocar.moving; i++) events.push(...trocar.step(1 / 60));
    const stalled = events.filter((e) => e.type === 'needle.stalled');
    expect(stalled).toEqual([{ type: 'needle.stalled', tissue: 'cortical' }]);
    const atCortex = trocar.view()!.depthMm;
    expect(atCortex - dockedAt).toBeLessThan(1);
    expect(atCortex).toBeLessThan(ideal.depthMm - 20);
    expect(trocar.view()!.tissueAtTip).not.toBe('cortical');
    // Pushing harder by hand does nothing.
    trocar.requestAdvance(5);
    for (let i = 0; i < 600 && trocar.moving; i++) trocar.step(1 / 60);
    expect(trocar.view()!.depthMm).toBe(atCortex);
    // Taps: each moves the tip a little through cortex; then the hand carries it on in osteoporotic cancellous bone.
    let taps = 0;
    while (taps < 20 && !['cancellous'].includes(trocar.view()!.tissueAtTip)) {
      const before = trocar.view()!.depthMm;
      trocar.tap();
      for (let i = 0; i < 600 && trocar.moving; i++) trocar.step(1 / 60);
      expect(trocar.view()!.depthMm).toBeGreaterThan(before);
      expect(trocar.view()!.depthMm - before).toBeLessThanOrEqual(PENETRATION.maxTapTravelMm + 1e-9);
      taps++;
    }
    expect(taps).toBeGreaterThan(0);
    expect(trocar.view()!.taps).toBe(taps);
    const inBone = trocar.view()!.depthMm;
    trocar.requestAdvance(5);
    for (let i = 0; i < 600 && trocar.moving; i++) trocar.step(1 / 60);
    expect(trocar.view()!.depthMm).toBeCloseTo(inBone + 5, 6);
  });

  it('healthy cancellous bone stalls the hand once the shaft is held deep in it; osteoporotic bone yields to the hand', () => {
    const healthy = { cancellousStrengthMPa: 4, cancellousDensity: 1 };
    expect(resistanceN('cancellous', 0, 3.05, healthy)).toBeLessThan(PENETRATION.handForceN);
    expect(resistanceN('cancellous', 30, 3.05, healthy)).toBeGreaterThan(PENETRATION.handForceN);
    expect(resistanceN('cancellous', 40, 3.05, { cancellousStrengthMPa: 0.52, cancellousDensity: 0.36 })).toBeLessThan(
      PENETRATION.handForceN,
    );
    expect(resistanceN('cortical', 0, 3.05, { cancellousStrengthMPa: 0.52, cancellousDensity: 0.36 })).toBeGreaterThan(
      PENETRATION.handForceN,
    );
    for (const t of ['skin', 'fat', 'muscle'] as const)
      expect(resistanceN(t, 0, 3.05, { cancellousStrengthMPa: 1, cancellousDensity: 1 })).toBeLessThan(
        PENETRATION.handForceN / 2,
      );
  });

  it('holds the path in bone: re-aiming is limited and counts a redirection after a withdrawal', () => {
    const { trocar, ideal } = pass({ extraMm: -25 });
    const v = trocar.view()!;
    expect(v.milestone === 'pedicle' || v.milestone === 'body').toBe(true);
    trocar.aim(ideal.medialDeg + 20, ideal.caudalDeg);
    expect(trocar.view()!.medialDeg).toBeCloseTo(ideal.medialDeg + 5, 6);
    expect(trocar.view()!.redirections).toBe(0);
    trocar.requestAdvance(-3);
    while (trocar.moving) trocar.step(1 / 60);
    trocar.aim(ideal.medialDeg + 2, ideal.caudalDeg);
    expect(trocar.view()!.redirections).toBe(1);
  });

  it('drills a channel ahead of the tip: short of the target depth it is reported short, then ready', () => {
    const { trocar } = pass({ extraMm: -22 });
    expect(trocar.view()!.milestone).toBe('body');
    // Not through the access needle: the working cannula must be in and the pin out.
    expect(trocar.drill(12)).toBe(false);
    for (const step of [
      'stylet.remove',
      'guidePin.insert',
      'needle.remove',
      'introducer.insert',
      'guidePin.remove',
    ] as const)
      expect(trocar.exchange(step)).toBe(true);
    expect(trocar.drill(12)).toBe(true);
    const events: DomainEvent[] = [];
    for (let i = 0; i < 2000 && trocar.moving; i++) events.push(...trocar.step(1 / 60));
    // 12 mm from a cannula just past the posterior wall ends short of the anterior half (trocarChannel.ts).
    expect(events.map((e) => e.type)).not.toContain('channel.ready');
    const short = events.find((e) => e.type === 'channel.short');
    expect(short).toMatchObject({ type: 'channel.short', channelMm: 12 });
    const moreMm = short?.type === 'channel.short' ? short.moreMm : 0;
    expect(moreMm).toBeGreaterThan(0);
    expect(trocar.view()!.channelMm).toBeCloseTo(12, 6);
    // Drilling on by what it asked for makes it ready.
    expect(trocar.drill(moreMm + 0.01)).toBe(true);
    const more: DomainEvent[] = [];
    for (let i = 0; i < 2000 && trocar.moving; i++) more.push(...trocar.step(1 / 60));
    expect(more.map((e) => e.type)).toContain('channel.ready');
    const v = trocar.view()!;
    expect(v.cannula).toBe(true);
    expect(v.channelMm).toBeCloseTo(12 + moreMm + 0.01, 6);
    expect(v.breaches).toEqual([]);
  });

  it('keeps the record after the instruments are removed', () => {
    const { trocar } = pass({ dMedial: 10 });
    trocar.removeAll();
    const v = trocar.view()!;
    expect(v.depthMm).toBe(0);
    expect(v.breaches.length).toBeGreaterThan(0);
    expect(v.safetyRuleViolated).toBe(true);
    expect(trocar.moving).toBe(false);
  });
});
