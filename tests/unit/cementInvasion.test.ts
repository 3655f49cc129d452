import { describe, expect, it } from 'vitest';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { createRng } from '../../sim/math/rng';
import { CELL, CementLattice } from '../../sim/physics/cementLattice';
import { CementInvasion } from '../../sim/physics/cementInvasion';
import { CementBodyFlow } from '../../sim/instruments/cementBodyFlow';
import { CEMENT_MODEL, flowViscosityPaS } from '../../sim/instruments/cementModel';
import type { Anatomy } from '../../sim/anatomy/types';
import type { Scenario } from '../../levels/scenarioSchema';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../levels/scenarioSchema';

const anatomyFor = (seed: number, f: Partial<Scenario['fracture']> = {}): Anatomy => {
  const s = parseScenario(
    JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8')),
    'l1',
  );
  return buildAnatomy({ ...s, fracture: { ...s.fracture, ...f } }, createRng(seed).fork('anatomy'));
};

const PARAMS = {
  gradientPaPerPaSmm: CEMENT_MODEL.gradientPaPerPaSmm,
  channelLengthShare: 0.3,
  channelVolumeShare: 0.3,
};

describe('cement lattice', () => {
  it('covers the cancellous space of the target body only, with every opening mapped to wall cells', () => {
    const a = anatomyFor(3, { lateralCortexDefect: true });
    const l = new CementLattice(a);
    const v = a.vertebrae[a.targetIndex];
    let inside = 0;
    for (let idx = 0; idx < l.kind.length; idx++) {
      if (l.kind[idx] === CELL.outside) continue;
      inside++;
      const c = l.centreOf(idx);
      expect(Math.abs(c.x - v.centre.x)).toBeLessThan(v.bodyWidthMm / 2);
      expect(Math.abs(c.y - v.centre.y)).toBeLessThan(v.intactHeightMm / 2);
    }
    const cancellousMl = inside * l.cellMl;
    // The body's cancellous volume is a few tens of mL at L1.
    expect(cancellousMl).toBeGreaterThan(10);
    expect(cancellousMl).toBeLessThan(60);
    const kinds = l.outlets.map((o) => o.kind);
    expect(kinds).toContain('basivertebralVein');
    expect(kinds).toContain('lateralCortexDefect');
    for (const o of l.outlets) expect(o.cells.length).toBeGreaterThan(0);
  });

  it('is the same patient every time: same seed, same entry pressures', () => {
    const x = new CementLattice(anatomyFor(7));
    const y = new CementLattice(anatomyFor(7));
    const z = new CementLattice(anatomyFor(8));
    expect(Array.from(x.entryPa)).toEqual(Array.from(y.entryPa));
    expect(Array.from(x.entryPa)).not.toEqual(Array.from(z.entryPa).slice(0, x.entryPa.length));
  });
});

describe('cement invasion', () => {
  it("thin cement reaches a vein's ostium with less volume than dough (the path of least resistance)", () => {
    let sooner = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const a = anatomyFor(seed);
      const vein = a.channels?.channels.find((c) => c.kind === 'basivertebralVein');
      if (!vein) throw new Error('no basivertebral vein');
      const volumeToOstium = (eta: number): number => {
        const inv = new CementInvasion(new CementLattice(a), PARAMS);
        const ostium = inv.lattice.nearestInside(vein.path[vein.path.length - 1]);
        inv.start(inv.lattice.nearestInside(vein.path[0]));
        let ml = 0;
        while (!inv.inMass[ostium] && ml < 5) ml += inv.grow(0.005, flowViscosityPaS(eta, CEMENT_MODEL), 0.6).placedMl;
        return ml;
      };
      if (volumeToOstium(30) < 0.7 * volumeToOstium(2000)) sooner++;
    }
    expect(sooner).toBeGreaterThanOrEqual(5);
  });

  it('fills open space before bone, at the space entry pressure', () => {
    const a = anatomyFor(2);
    const v = a.vertebrae[a.targetIndex];
    const l = new CementLattice(a);
    l.carveSpace(v.centre, 6);
    const inv = new CementInvasion(l, PARAMS);
    inv.start(l.nearestInside(v.centre));
    const etaF = flowViscosityPaS(2000, CEMENT_MODEL);
    const r = inv.grow(0.5, etaF, 0.6);
    expect(r.placedMl).toBeCloseTo(0.5, 9);
    expect(r.maxPricePa).toBeLessThan(10_000);
    for (const c of r.filled) expect(l.kind[c]).toBe(CELL.space);
    // Once the space (~0.9 mL) is full, the mass enters bone at a bone's entry pressure.
    const more = inv.grow(1.5, etaF, 0.6);
    expect(more.maxPricePa).toBeGreaterThan(20_000);
  });
});

describe('cement body flow', () => {
  it('a wide defect the cement presses on takes the push, and the pressure falls below the bone\u2019s', () => {
    const a = anatomyFor(4, { lateralCortexDefect: true });
    const defect = a.openings.find((o) => o.kind === 'lateralCortexDefect');
    if (!defect) throw new Error('no defect');
    const v = a.vertebrae[a.targetIndex];
    // Exit 4 mm inside the defect.
    const dx = v.centre.x - defect.position.x;
    const dz = v.centre.z - defect.position.z;
    const d = Math.hypot(dx, dz);
    const tip = { x: defect.position.x + (4 * dx) / d, y: defect.position.y, z: defect.position.z + (4 * dz) / d };
    const flow = new CementBodyFlow(a, CEMENT_MODEL);
    const ctx = { tip, cavityMl: 0, cavityCentre: null, breachOpenings: [] };
    let pushed = 0;
    for (let i = 0; i < 240; i++) pushed += flow.push(0.0125, 1 / 60, 1500, 4e6, ctx).ml;
    expect(pushed).toBeCloseTo(flow.inBodyMl + flow.leakedMl, 9);
    expect(flow.leakVolumes().get('paravertebral') ?? 0).toBeGreaterThan(0.5 * pushed);
  });

  it('vertebroplasty needs a higher pressure than filling a balloon cavity', () => {
    const a = anatomyFor(5);
    const v = a.vertebrae[a.targetIndex];
    const at = { x: v.centre.x + 3, y: v.centre.y, z: v.centre.z - 5 };
    const peak = (cavityMl: number): number => {
      const flow = new CementBodyFlow(a, CEMENT_MODEL);
      let p = 0;
      for (let i = 0; i < 180; i++)
        p = Math.max(
          p,
          flow.push(0.0125, 1 / 60, 1500, 4e6, {
            tip: at,
            cavityMl,
            cavityCentre: cavityMl > 0 ? at : null,
            breachOpenings: [],
          }).bodyPa,
        );
      return p;
    };
    expect(peak(0)).toBeGreaterThan(2 * peak(3));
  });
});
