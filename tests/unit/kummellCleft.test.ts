import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { Cement } from '../../sim/instruments/cement';
import { createRng } from '../../sim/math/rng';
import { CELL, CLEFT_SCLEROSIS_FACTOR, CementLattice } from '../../sim/physics/cementLattice';

/**
 * A Kummell cleft in the cement model (sim/instruments/README.md "Cement"): the cleft's wall is
 * sclerotic (its bone costs CLEFT_SCLEROSIS_FACTOR times more to enter), and a cleft under a broken
 * endplate opens into the disc at its roof. So cement fills the cleft at almost no pressure, and an
 * overfill presses on the disc instead of interdigitating: the Kummell case's disc leaks.
 */
const kummell = parseScenario(
  JSON.parse(readFileSync(new URL('../../levels/l1-kummell-cleft-kyphoplasty.json', import.meta.url), 'utf8')),
  'kummell',
);
const anatomyOf = (scenario: Scenario, seed: number) => buildAnatomy(scenario, createRng(seed).fork('anatomy'));

describe('a Kummell cleft in the cement lattice', () => {
  it('has a sclerotic wall and, under a broken endplate, a way into the disc at its roof', () => {
    const anatomy = anatomyOf(kummell, 3);
    const cleft = anatomy.openings.find((o) => o.kind === 'cleft');
    expect(cleft).toBeDefined();
    if (!cleft) return;
    const withCleft = new CementLattice(anatomy);
    const without = new CementLattice({ ...anatomy, openings: anatomy.openings.filter((o) => o.kind !== 'cleft') });
    const r = cleft.diameterMm / 2;
    let rim = 0;
    for (let idx = 0; idx < withCleft.kind.length; idx++) {
      const c = withCleft.centreOf(idx);
      const d = Math.hypot(c.x - cleft.position.x, c.y - cleft.position.y, c.z - cleft.position.z);
      if (withCleft.kind[idx] === CELL.bone && d > r && d <= r + 1) {
        expect(withCleft.entryPa[idx] / without.entryPa[idx]).toBeCloseTo(CLEFT_SCLEROSIS_FACTOR, 6);
        rim++;
      }
      if (d > r + 6 && withCleft.kind[idx] === CELL.bone) expect(withCleft.entryPa[idx]).toBe(without.entryPa[idx]);
    }
    expect(rim).toBeGreaterThan(10);
    const roof = withCleft.outlets.find((o) => o.key.startsWith('c'));
    expect(roof?.kind).toBe('endplateCrack');
    expect(roof?.widthMm).toBe(cleft.diameterMm);
    // Its cells are the cleft's own top cells.
    expect(roof?.cells.some((c) => withCleft.cleftCells[c] === 1)).toBe(true);
    // Without a broken endplate the cleft is closed to the disc.
    const intact = new CementLattice(
      anatomyOf({ ...kummell, fracture: { ...kummell.fracture, endplateCrack: false } }, 3),
    );
    expect(intact.outlets.some((o) => o.key.startsWith('c'))).toBe(false);
  });

  it('an overfilled cleft cavity presses on the disc through the broken endplate', () => {
    // The balloon's 3 mL cavity around the cleft, then 4.5 mL of doughy cement pushed in 0.5 mL steps.
    const run = (scenario: Scenario, seed: number) => {
      const anatomy = anatomyOf(scenario, seed);
      const cleft = anatomy.openings.find((o) => o.kind === 'cleft');
      if (!cleft) throw new Error('no cleft');
      const cement = new Cement(anatomy, { roomTempC: 21, preChilled: false }, 'boneFiller');
      const ctx = (tick: number) => ({
        tick,
        cannulaTip: cleft.position,
        cavityMl: 3,
        cavityCentre: cleft.position,
        breachOpenings: [],
      });
      let tick = 0;
      cement.mix();
      cement.step(300, ctx(tick++));
      for (let push = 0; push < 12 && cement.view().inBodyMl < 4.5; push++) {
        if (cement.view().delivery.loadedMl < 0.5) cement.delivery.loadNext();
        cement.inject(0.5);
        for (let s = 0; s < 30; s++) cement.step(0.1, ctx(tick++));
      }
      return cement.view();
    };
    // The same patients with the endplate over the cleft intact: the cleft is closed to the disc.
    const closed = { ...kummell, fracture: { ...kummell.fracture, endplateCrack: false } };
    let broken = 0;
    let intact = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const open = run(kummell, seed);
      expect(open.inBodyMl).toBeGreaterThan(4);
      if (open.leaks.some((l) => l.location === 'intradiscal')) broken++;
      if (run(closed, seed).leaks.some((l) => l.location === 'intradiscal')) intact++;
    }
    expect(broken).toBeGreaterThanOrEqual(4);
    expect(intact).toBeLessThan(broken);
  });
});
