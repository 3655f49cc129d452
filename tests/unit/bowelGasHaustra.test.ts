import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { compileGas, HAUSTRA, inGas } from '../../sim/anatomy/bowelGas';
import type { GasPocket } from '../../sim/anatomy/types';

/** Haustral folds and the gastric bubble of sim/anatomy/bowelGas.ts, measured through inGas. */
const base = JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8'));
const gasOf = (level: Scenario['level'], seed: number) =>
  buildAnatomy(parseScenario({ ...base, level }), createRng(seed)).bowelGas ?? [];

/** Half-width of the gas across x (y-axis colon) or y (x-axis colon) through the centre at axial offset s, to 0.05 mm. */
function halfWidth(g: GasPocket, s: number): number {
  const G = compileGas([g]);
  const axisY = g.haustra?.axis !== 'x';
  const at = (w: number) =>
    axisY ? inGas(G, g.centre.x + w, g.centre.y + s, g.centre.z) : inGas(G, g.centre.x + s, g.centre.y + w, g.centre.z);
  let w = 0;
  while (at(w + 0.05)) w += 0.05;
  return w;
}

describe('bowel gas haustra', () => {
  const gas = gasOf('L3', 1);
  const colon = gas.filter((g) => g.haustra);

  it('colon loops carry folds at 20-30 mm, small bowel does not', () => {
    expect(colon.length).toBeGreaterThan(0);
    for (const g of colon) {
      expect(g.haustra!.spacingMm).toBeGreaterThanOrEqual(HAUSTRA.spacingMm[0]);
      expect(g.haustra!.spacingMm).toBeLessThanOrEqual(HAUSTRA.spacingMm[1]);
    }
  });

  it('along a colon column the radius narrows periodically at the fold spacing', () => {
    // A long column with a drawn loop's folds, so several folds fall inside it.
    const h = colon[0].haustra!;
    const axisY = h.axis === 'y';
    const g: GasPocket = {
      centre: colon[0].centre,
      radiiMm: axisY ? { x: 16, y: 120, z: 14 } : { x: 120, y: 12, z: 14 },
      haustra: h,
    };
    const rCross = axisY ? 16 : 12;
    const rAxis = 120;
    const ratio: { s: number; r: number }[] = [];
    for (let s = -60; s <= 60; s += 0.5) {
      const smooth = rCross * Math.sqrt(1 - (s / rAxis) ** 2);
      ratio.push({ s, r: halfWidth(g, s) / smooth });
    }
    // Shrink only: never wider than the smooth ellipsoid.
    for (const p of ratio) expect(p.r).toBeLessThanOrEqual(1.01);
    // Fold centres: local minima narrower than the shallowest fold allows.
    const shallowest = 1 - HAUSTRA.depth[0] * (1 - HAUSTRA.depthSpread);
    const folds = ratio.filter(
      (p, i) =>
        i > 0 && i < ratio.length - 1 && p.r < shallowest + 0.02 && p.r <= ratio[i - 1].r && p.r < ratio[i + 1].r,
    );
    expect(folds.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < folds.length; i++) {
      const gap = folds[i].s - folds[i - 1].s;
      expect(gap).toBeGreaterThan(h.spacingMm * (1 - 2 * HAUSTRA.jitter) - 1);
      expect(gap).toBeLessThan(h.spacingMm * (1 + 2 * HAUSTRA.jitter) + 1);
    }
    // Between folds the column is its full width.
    const between = ratio.filter((p) => folds.every((f) => Math.abs(p.s - f.s) > HAUSTRA.halfWidthMm + 1));
    for (const p of between) expect(p.r).toBeGreaterThan(0.98);
  });

  it('the gastric bubble is cut flat by its fluid level and stays inside its ellipsoid', () => {
    const stomach = gasOf('T11', 1).find((g) => g.gastric);
    expect(stomach).toBeDefined();
    const s = stomach!;
    const G = compileGas([s]);
    const { x: rx, y: ry, z: rz } = s.radiiMm;
    let inside = 0;
    for (let i = -20; i <= 20; i++)
      for (let j = -20; j <= 20; j++)
        for (let k = -20; k <= 20; k++) {
          const p = { x: s.centre.x + (i / 20) * rx, y: s.centre.y + (j / 20) * ry, z: s.centre.z + (k / 20) * rz };
          if (!inGas(G, p.x, p.y, p.z)) continue;
          inside++;
          expect((i / 20) ** 2 + (j / 20) ** 2 + (k / 20) ** 2).toBeLessThanOrEqual(1);
          expect(p.z).toBeGreaterThanOrEqual(s.gastric!.fluidLevelZ);
        }
    expect(inside).toBeGreaterThan(1000);
  });

  it('is deterministic per seed, and differs between seeds', () => {
    expect(gasOf('L3', 1)).toEqual(gas);
    expect(gasOf('L3', 2).map((g) => g.haustra?.phaseMm)).not.toEqual(gas.map((g) => g.haustra?.phaseMm));
  });
});
