import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LEVELS, parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { bodyWallInsetAt, posteriorConcaveHalfWidthMm, posteriorConcavityMm } from '../../sim/anatomy/bodyWaist';
import { tissueAt } from '../../sim/anatomy/tissueAt';
import { attenuationAt, MU_PER_MM } from '../../sim/anatomy/attenuation';
import { posteriorWallZ } from '../../sim/anatomy/footprint';
import { superiorYAt, makeEndplateProfile } from '../../sim/anatomy/endplateProfile';
import { TISSUES } from '../../sim/anatomy/tissueCodes';
import type { Anatomy, Tissue } from '../../sim/anatomy/types';

const base = JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8'));
const NO_OPENINGS = { endplateCrack: false, cleft: false, posteriorWallDefect: false, lateralCortexDefect: false };

function scenario(level: Scenario['level'], fracture: Partial<Scenario['fracture']> = {}): Scenario {
  return parseScenario({ ...base, level, fracture: { ...base.fracture, ...NO_OPENINGS, ...fracture } });
}
const build = (level: Scenario['level'], fracture: Partial<Scenario['fracture']> = {}, seed = 1) =>
  buildAnatomy(scenario(level, fracture), createRng(seed));
const isBone = (t: Tissue) => t === 'cortical' || t === 'cancellous';

/** Bone found beyond the transverse process tips, around the target's pedicle height, behind the body. */
function boneLateralToTransverseProcess(a: Anatomy): number {
  const v = a.vertebrae[a.targetIndex];
  const pedY = v.pedicles[0].anteriorCentre.y;
  const zEnd = v.pedicles[0].posteriorCentre.z;
  let hits = 0;
  for (let x = v.transverseProcessSpanMm / 2 + 4; x <= 90; x += 1)
    for (let y = pedY - 12; y <= pedY + 6; y += 1)
      for (let z = zEnd - 12; z <= zEnd + 14; z += 1) if (isBone(tissueAt(a, { x, y, z }))) hits++;
  return hits;
}

describe('levels T5 to L5', () => {
  it('every level builds with a neighbour on each side (T4 above T5, the sacrum S1-S2 below L5)', () => {
    for (const level of LEVELS) {
      const a = build(level);
      expect(a.vertebrae[a.targetIndex].level).toBe(level);
      expect(a.targetIndex).toBeGreaterThanOrEqual(1);
      expect(a.vertebrae.length - 1 - a.targetIndex).toBeGreaterThanOrEqual(1);
      expect(tissueAt(a, { x: 0, y: 0, z: 0 })).toBe('cancellous');
    }
    expect(build('T5').vertebrae[0].level).toBe('T4');
    expect(build('L5').vertebrae.at(-1)!.level).toBe('S2');
  });
});

describe('thorax', () => {
  it('has ribs lateral to thoracic vertebrae and none at L4', () => {
    expect(boneLateralToTransverseProcess(build('T8'))).toBeGreaterThan(50);
    expect(boneLateralToTransverseProcess(build('T12'))).toBeGreaterThan(20);
    expect(boneLateralToTransverseProcess(build('L4'))).toBe(0);
  });

  it('puts lung lateral to the spine at T8 but not in front of the body (mediastinum) nor at L4', () => {
    const a = build('T8');
    const v = a.vertebrae[a.targetIndex];
    for (const s of [1, -1]) expect(tissueAt(a, { x: s * (v.bodyWidthMm / 2 + 25), y: 0, z: 0 })).toBe('lung');
    expect(tissueAt(a, { x: 0, y: 0, z: -v.bodyDepthMm / 2 - 10 })).not.toBe('lung');
    const lumbar = build('L4');
    expect(tissueAt(lumbar, { x: lumbar.vertebrae[2].bodyWidthMm / 2 + 25, y: 0, z: 0 })).not.toBe('lung');
  });

  it('domes the diaphragm: lung reaches lower at the back than at the front, the right dome higher than the left', () => {
    const a = build('T12');
    const lowestLung = (x: number, z: number): number => {
      let low = Infinity;
      for (let y = 150; y >= -120; y -= 1) if (tissueAt(a, { x, y, z }) === 'lung') low = y;
      return low;
    };
    const back = lowestLung(-60, 15);
    const front = lowestLung(-60, -90);
    expect(back).toBeLessThan(front - 15);
    expect(lowestLung(-85, -65)).toBeGreaterThan(lowestLung(85, -65) + 5);
  });
});

describe('bowel gas', () => {
  it('lumbar levels have seeded gas pockets of air attenuation in front of or beside the spine', () => {
    const a = build('L4');
    expect(a.bowelGas!.length).toBeGreaterThan(0);
    const v = a.vertebrae[a.targetIndex];
    let inside = 0;
    for (const g of a.bowelGas!) {
      const beside = Math.abs(g.centre.x) > v.bodyWidthMm / 2 + 10 || g.centre.z < -v.bodyDepthMm / 2 - 10;
      expect(beside).toBe(true);
      if (tissueAt(a, g.centre) === 'bowelGas') {
        inside++;
        expect(attenuationAt(a, g.centre)).toBe(0);
      }
    }
    expect(inside).toBeGreaterThan(0);
    const other = build('L4', {}, 2).bowelGas!;
    expect(other.map((g) => g.centre.x)).not.toEqual(a.bowelGas!.map((g) => g.centre.x));
    // A thoracic target models the lumbar spine too (the count's landmarks), so its patient has gas
    // there, but none near the target's field.
    expect(build('T6').bowelGas!.every((g) => g.centre.y < -80)).toBe(true);
  });
});

describe('fractures on the image', () => {
  it('an endplate fracture line is a low-density gap through the superior endplate', () => {
    const cracked = build('L1', { endplateCrack: true });
    const intact = build('L1');
    const v = cracked.vertebrae[cracked.targetIndex];
    const crack = cracked.openings.find((o) => o.kind === 'endplateCrack')!;
    // 4 mm along the line from the opening: outside its hole, on the crack line.
    const lx = crack.position.x + 4 - v.centre.x;
    const sup = superiorYAt(makeEndplateProfile(v), lx, crack.position.z);
    const onLine = { x: crack.position.x + 4, y: sup - 0.4, z: crack.position.z };
    expect(attenuationAt(intact, onLine)).toBeCloseTo(MU_PER_MM.cortical, 6);
    expect(attenuationAt(cracked, onLine)).toBeLessThan(0.5 * MU_PER_MM.cortical);
    const below = { ...onLine, y: sup - 2.5 };
    expect(attenuationAt(cracked, below)).toBeLessThan(attenuationAt(intact, below));
    // Off the line the endplate is intact, and tissueAt still says bone at the gap (the trocar's view).
    const offZ = onLine.z + 2;
    const offLine = { ...onLine, y: superiorYAt(makeEndplateProfile(v), lx, offZ) - 0.4, z: offZ };
    expect(attenuationAt(cracked, offLine)).toBeCloseTo(MU_PER_MM.cortical, 6);
    expect(tissueAt(cracked, onLine)).toBe('cancellous');
  });

  it('a fractured body has a denser impaction band under its superior endplate', () => {
    const a = build('L1');
    const v = a.vertebrae[a.targetIndex];
    const sup = superiorYAt(makeEndplateProfile(v), 0, 0);
    expect(attenuationAt(a, { x: 0, y: sup - 2, z: 0 })).toBeGreaterThan(
      attenuationAt(a, { x: 0, y: v.centre.y - 3, z: 0 }),
    );
  });

  it('a posterior wall defect removes the cortex and rarefies the bone behind it', () => {
    const lytic = build('L1', { posteriorWallDefect: true });
    const intact = build('L1');
    const v = lytic.vertebrae[lytic.targetIndex];
    const d = lytic.openings.find((o) => o.kind === 'posteriorWallDefect')!;
    // Below the opening's own hole, inside the lytic region, on the wall's cortex.
    const x = d.position.x;
    const y = d.position.y - d.diameterMm / 2 - 1.5;
    // 0.4 mm inside the posterior wall (the footprint's rim less the wall's concavity there).
    const wallZ = (px: number) =>
      posteriorWallZ(px - v.centre.x, v.bodyWidthMm / 2, v.bodyDepthMm / 2) -
      posteriorConcavityMm(px - v.centre.x, posteriorConcaveHalfWidthMm(v)) -
      0.4;
    const wall = { x, y, z: wallZ(x) };
    expect(tissueAt(intact, wall)).toBe('cortical');
    expect(tissueAt(lytic, wall)).not.toBe('cortical');
    expect(attenuationAt(lytic, wall)).toBeCloseTo(MU_PER_MM.muscle, 6);
    const inside = { ...wall, z: wall.z - 4 };
    expect(attenuationAt(lytic, inside)).toBeLessThan(attenuationAt(intact, inside));
    // Beyond the lytic region, along the wall, the cortex is still there.
    const farX = x > 0 ? x - 16 : x + 16;
    const far = { x: farX, y, z: wallZ(farX) };
    expect(tissueAt(lytic, far)).toBe('cortical');
  });

  it('a lateral cortex defect removes the lateral cortex on its side only', () => {
    const lytic = build('L1', { lateralCortexDefect: true });
    const v = lytic.vertebrae[lytic.targetIndex];
    const d = lytic.openings.find((o) => o.kind === 'lateralCortexDefect')!;
    const inward = (p: { x: number; y: number; z: number }, mm: number) => {
      const r = Math.hypot(p.x, p.z);
      return { x: p.x * (1 - mm / r), y: p.y, z: p.z * (1 - mm / r) };
    };
    // Just inside the side wall, which stands inside the rim by the body's waist.
    const wall = (p: { x: number; y: number; z: number }) => bodyWallInsetAt(v, p.x, p.y, p.z) + 0.5;
    const opposite = { ...d.position, x: -d.position.x };
    expect(tissueAt(lytic, inward(d.position, wall(d.position)))).not.toBe('cortical');
    expect(tissueAt(lytic, inward(opposite, wall(opposite)))).toBe('cortical');
    expect(Math.abs(d.position.x)).toBeGreaterThan(v.bodyWidthMm / 4);
  });

  it('tissueAt only ever reports tissues (imaging-only codes read as cancellous bone)', () => {
    const a = build('T12', { endplateCrack: true, cleft: true, posteriorWallDefect: true, lateralCortexDefect: true });
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        fc.double({ min: -40, max: 40, noNaN: true }),
        (x, y, z) => TISSUES.includes(tissueAt(a, { x, y, z })),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('cancellous texture, subchondral and wall rims (imaging only)', () => {
  const healthy = buildAnatomy(
    parseScenario({
      ...base,
      level: 'L4',
      patient: { ...base.patient, tScore: 0.5 },
      fracture: { ...base.fracture, ...NO_OPENINGS },
    }),
    createRng(1),
  );
  const osteo = build('L4');
  const v = (a: Anatomy) => a.vertebrae[a.targetIndex];
  /** Attenuation and tissue on a 9 x 9 x 9 grid (1 mm) around the body's centre, 4 mm below it (clear of the fracture). */
  function core(a: Anatomy): { mu: number[]; tissues: Set<Tissue> } {
    const c = v(a).centre;
    const mu: number[] = [];
    const tissues = new Set<Tissue>();
    for (let i = -4; i <= 4; i++)
      for (let j = -4; j <= 4; j++)
        for (let k = -4; k <= 4; k++) {
          const p = { x: c.x + i, y: c.y - 4 + j, z: c.z + k };
          mu.push(attenuationAt(a, p));
          tissues.add(tissueAt(a, p));
        }
    return { mu, tissues };
  }
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

  it('varies cancellous attenuation (troughs 30 % below the mean), deterministically, while tissueAt stays cancellous', () => {
    const { mu, tissues } = core(healthy);
    expect([...tissues]).toEqual(['cancellous']);
    const m = mean(mu);
    expect(spread(mu) / m).toBeGreaterThan(0.3);
    // Never below the troughs (1 - TRABECULAR_CONTRAST of the mixture model's value; the sample mean is near it).
    expect(Math.min(...mu) / m).toBeGreaterThan(0.65);
    expect(core(healthy).mu).toEqual(mu);
    // Mean still the mixture model's value (healthy ~0.028-0.030/mm).
    expect(m).toBeGreaterThan(0.026);
    expect(m).toBeLessThan(0.031);
  });

  it('osteoporotic bone is less dense and its texture varies less in absolute terms', () => {
    const o = core(osteo).mu;
    const h = core(healthy).mu;
    expect(mean(o)).toBeLessThan(mean(h));
    expect(spread(o)).toBeLessThan(spread(h));
  });

  it('subchondral bone under the inferior endplate and the rim inside the side wall are denser than the core', () => {
    const a = healthy;
    const t = v(a);
    const inf = t.centre.y - t.intactHeightMm / 2;
    const sub = attenuationAt(a, { x: 0, y: inf + 1.5, z: 0 });
    // 1.5 mm inside the side wall (which stands inside the rim by the body's waist).
    const rimX =
      t.bodyWidthMm / 2 - bodyWallInsetAt(t, t.centre.x + t.bodyWidthMm / 2 - 1e-6, t.centre.y - 4, t.centre.z) - 1.5;
    const rim = attenuationAt(a, { x: rimX, y: t.centre.y - 4, z: 0 });
    expect(tissueAt(a, { x: 0, y: inf + 1.5, z: 0 })).toBe('cancellous');
    expect(tissueAt(a, { x: rimX, y: t.centre.y - 4, z: 0 })).toBe('cancellous');
    // Than the core's mean: the texture's thin sheets peak higher than the bands (trabecularTexture.ts).
    const coreMean = mean(core(a).mu);
    expect(sub).toBeGreaterThan(1.3 * coreMean);
    expect(rim).toBeGreaterThan(1.3 * coreMean);
    expect(sub).toBeLessThan(MU_PER_MM.cortical);
  });
});
