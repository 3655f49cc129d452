import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GENANT_RANGES, GENANT_DEFAULT_LOSS_PCT, parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { bodyWaistInsetAt } from '../../sim/anatomy/bodyWaist';
import { endplatesAt } from '../../sim/anatomy/endplatesAt';
import { BODY_CORNER_RADIUS_MM } from '../../sim/anatomy/endplateProfile';
import { tissueAt } from '../../sim/anatomy/tissueAt';
import { attenuationAt, createAttenuationField } from '../../sim/anatomy/attenuation';
import { boneQualityFromTScore } from '../../sim/anatomy/boneQuality';
import { MORPHOMETRY, SPINE_ORDER } from '../../sim/anatomy/morphometry';

const base = JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8'));

function scenario(
  patch: { level?: string; fracture?: Partial<Scenario['fracture']>; patient?: Partial<Scenario['patient']> } = {},
): Scenario {
  return parseScenario({
    ...base,
    ...(patch.level ? { level: patch.level } : {}),
    fracture: { ...base.fracture, ...patch.fracture },
    patient: { ...base.patient, ...patch.patient },
  });
}

const target = (s: Scenario, seed = 1) => {
  const a = buildAnatomy(s, createRng(seed));
  return { a, v: a.vertebrae[a.targetIndex] };
};

describe('morphometry table', () => {
  it('covers T5 to L5 with the anchors of docs/clinical-sources.md (Anatomy)', () => {
    expect(SPINE_ORDER.every((l) => MORPHOMETRY[l].level === l)).toBe(true);
    expect(MORPHOMETRY.T12.pedicleWidthMm).toBeCloseTo(8, 0);
    expect(MORPHOMETRY.L1.pedicleWidthMm).toBeCloseTo(7.4, 1);
    expect(MORPHOMETRY.L1.interpedicularMm).toBe(20);
    expect(MORPHOMETRY.L5.interpedicularMm).toBe(26);
    expect(MORPHOMETRY.T11.pedicleTransverseAngleDeg).toBeLessThan(MORPHOMETRY.T6.pedicleTransverseAngleDeg);
  });
});

describe('buildAnatomy', () => {
  it('is deterministic per seed and varies across seeds', () => {
    const s = scenario();
    expect(buildAnatomy(s, createRng(7))).toEqual(buildAnatomy(s, createRng(7)));
    const widths = new Set([1, 2, 3, 4, 5].map((seed) => target(s, seed).v.bodyWidthMm.toFixed(3)));
    expect(widths.size).toBe(5);
  });

  it('has the target, two neighbours each side and the landmarks of the count (lowest rib to sacrum), cranial to caudal, spaced by body and disc', () => {
    for (const level of ['T10', 'L1', 'L3'] as const) {
      const { a, v } = target(scenario({ level }));
      expect(v.level).toBe(level);
      expect(a.targetIndex).toBeGreaterThanOrEqual(2);
      expect(a.vertebrae[a.targetIndex - 2].level).toBe(SPINE_ORDER[SPINE_ORDER.indexOf(level) - 2]);
      // Down to the sacrum, and from above the lowest rib (T12 here, unless the patient has 11 or 13 pairs).
      expect(a.vertebrae.at(-1)?.level).toBe('S2');
      expect(a.vertebrae.map((x) => x.level)).toEqual(SPINE_ORDER.slice(SPINE_ORDER.indexOf(a.vertebrae[0].level)));
      expect(SPINE_ORDER.indexOf(a.vertebrae[0].level)).toBeLessThanOrEqual(SPINE_ORDER.indexOf('L1') - 2);
      // A level fused to the one below (S1 to S2, a sacralised L5 to S1) has no disc below it; every other one does.
      const fusedBelow = (l: string) =>
        (l === 'S1' && a.segmentation !== 'lumbarisedS1') || (l === 'L5' && a.segmentation === 'sacralisedL5');
      for (let i = 0; i + 1 < a.vertebrae.length; i++) {
        if (fusedBelow(a.vertebrae[i].level)) continue;
        const up = a.vertebrae[i];
        const down = a.vertebrae[i + 1];
        const gap = up.centre.y - up.intactHeightMm / 2 - (down.centre.y + down.intactHeightMm / 2);
        expect(gap).toBeGreaterThan(3);
        expect(gap).toBeLessThan(15);
      }
    }
  });

  it.each([1, 2, 3] as const)('wedge fracture heights match Genant grade %i', (grade) => {
    const { v } = target(scenario({ fracture: { genantGrade: grade, heightLossPct: undefined } }));
    const [lo, hi] = GENANT_RANGES[grade];
    const lossPct = (1 - v.anteriorHeightMm / v.intactHeightMm) * 100;
    expect(lossPct).toBeGreaterThanOrEqual(lo);
    expect(lossPct).toBeLessThanOrEqual(hi);
    // The grade's usual middle: grade 3's range runs on to vertebra plana, its default stays 50 %.
    expect(lossPct).toBeCloseTo(GENANT_DEFAULT_LOSS_PCT[grade], 6);
    expect(v.posteriorHeightMm).toBeCloseTo(v.intactHeightMm, 6);
    expect(v.anteriorHeightMm / v.posteriorHeightMm).toBeLessThan(0.8);
  });

  it('uses the exact height loss when given, and shapes biconcave and crush fractures', () => {
    const wedge = target(scenario()).v;
    expect(1 - wedge.anteriorHeightMm / wedge.intactHeightMm).toBeCloseTo(0.32, 6);
    const bic = target(scenario({ fracture: { type: 'biconcave' } })).v;
    expect(1 - bic.middleHeightMm / bic.intactHeightMm).toBeCloseTo(0.32, 6);
    expect(bic.middleHeightMm).toBeLessThan(bic.anteriorHeightMm);
    const crush = target(scenario({ fracture: { type: 'crush', genantGrade: 3, heightLossPct: 45 } })).v;
    for (const h of [crush.anteriorHeightMm, crush.middleHeightMm, crush.posteriorHeightMm])
      expect(h).toBeLessThan(0.7 * crush.intactHeightMm);
    const neighbour = buildAnatomy(scenario(), createRng(1)).vertebrae[1];
    expect(neighbour.anteriorHeightMm).toBe(neighbour.intactHeightMm);
  });

  it('a severe collapse (70 %, near vertebra plana) still leaves room for a needle between the endplates', () => {
    const plana = target(scenario({ fracture: { type: 'crush', genantGrade: 3, heightLossPct: 70 } })).v;
    expect(plana.anteriorHeightMm / plana.intactHeightMm).toBeCloseTo(0.3, 6);
    // Crush: the back of the body keeps more height than the front (a 13 G needle is 2.4 mm across).
    expect(plana.posteriorHeightMm).toBeGreaterThan(plana.anteriorHeightMm);
    expect(plana.anteriorHeightMm).toBeGreaterThan(2 * 2.41);
  });

  it('maps habitus to soft-tissue depth and T-score to bone strength', () => {
    const thin = buildAnatomy(scenario({ patient: { habitus: 'thin' } }), createRng(3));
    const obese = buildAnatomy(scenario({ patient: { habitus: 'obese' } }), createRng(3));
    expect(thin.softTissueDepthMm).toBeLessThan(55);
    expect(obese.softTissueDepthMm).toBeGreaterThan(70);
    expect(obese.skinZMm).toBeGreaterThan(thin.skinZMm);
    const osteo = boneQualityFromTScore(-3.2);
    const healthy = boneQualityFromTScore(0);
    expect(osteo.cancellousStrengthMPa).toBeGreaterThanOrEqual(0.5);
    expect(osteo.cancellousStrengthMPa).toBeLessThanOrEqual(1.5);
    expect(healthy.cancellousStrengthMPa).toBeGreaterThanOrEqual(3);
    expect(healthy.cancellousStrengthMPa).toBeLessThanOrEqual(5);
  });

  it('always opens a basivertebral ostium and adds the scenario openings', () => {
    const plain = buildAnatomy(scenario(), createRng(2));
    const v = plain.vertebrae[plain.targetIndex];
    const basi = plain.openings.filter((o) => o.kind === 'basivertebralVein');
    expect(basi).toHaveLength(1);
    expect(basi[0].position.z).toBeCloseTo(v.bodyDepthMm / 2, 6);
    expect(plain.openings.filter((o) => o.kind === 'segmentalVein')).toHaveLength(2);
    const all = buildAnatomy(
      scenario({
        fracture: { endplateCrack: true, cleft: true, posteriorWallDefect: true, lateralCortexDefect: true },
      }),
      createRng(2),
    );
    const kinds = new Set(all.openings.map((o) => o.kind));
    for (const k of ['endplateCrack', 'cleft', 'posteriorWallDefect', 'lateralCortexDefect'] as const)
      expect(kinds.has(k)).toBe(true);
    const cleft = all.openings.find((o) => o.kind === 'cleft')!;
    expect(tissueAt(all, cleft.position)).toBe('air');
  });
});

describe('endplatesAt', () => {
  it('gives the fractured heights, null outside the footprint, and lifts toward intact height', () => {
    const { v } = target(scenario());
    const b = v.bodyDepthMm / 2;
    const mid = endplatesAt(v, 0, 0)!;
    expect(mid.superiorY - mid.inferiorY).toBeCloseTo(v.middleHeightMm, 6);
    // The rim is rounded: each endplate drops by the corner radius at the very edge.
    const front = endplatesAt(v, 0, -b + 1e-6)!;
    expect(front.superiorY - front.inferiorY).toBeCloseTo(v.anteriorHeightMm - 2 * BODY_CORNER_RADIUS_MM, 1);
    const pastCorner = endplatesAt(v, 0, -b + BODY_CORNER_RADIUS_MM + 0.05)!;
    expect(pastCorner.superiorY - pastCorner.inferiorY).toBeCloseTo(v.anteriorHeightMm, 0);
    const inCorner = endplatesAt(v, 0, -b + BODY_CORNER_RADIUS_MM / 2)!;
    expect(inCorner.superiorY - inCorner.inferiorY).toBeGreaterThan(front.superiorY - front.inferiorY);
    expect(inCorner.superiorY - inCorner.inferiorY).toBeLessThan(pastCorner.superiorY - pastCorner.inferiorY);
    expect(endplatesAt(v, v.bodyWidthMm, 0)).toBeNull();
    const lifted = endplatesAt(v, 0, -b + 1e-6, { anteriorMm: 3, middleMm: 1.5 })!;
    expect(lifted.superiorY - front.superiorY).toBeCloseTo(3, 3);
    const over = endplatesAt(v, 0, -b + 1e-6, { anteriorMm: 50, middleMm: 50 })!;
    expect(over.superiorY - over.inferiorY).toBeCloseTo(v.intactHeightMm - 2 * BODY_CORNER_RADIUS_MM, 1);
  });
});

describe('tissueAt', () => {
  it('classifies points at known places', () => {
    const { a, v } = target(scenario());
    expect(tissueAt(a, { x: 0, y: 0, z: 0 })).toBe('cancellous');
    const p = v.pedicles[0];
    const pedicleMid = {
      x: (p.anteriorCentre.x + p.posteriorCentre.x) / 2,
      y: p.anteriorCentre.y,
      z: (p.anteriorCentre.z + p.posteriorCentre.z) / 2,
    };
    expect(['cancellous', 'cortical']).toContain(tissueAt(a, pedicleMid));
    expect(tissueAt(a, { x: 0, y: p.anteriorCentre.y, z: v.bodyDepthMm / 2 + 4 })).toBe('canal');
    expect(
      tissueAt(a, {
        x: 0,
        y: (v.centre.y - v.intactHeightMm / 2 + a.vertebrae[3].centre.y + a.vertebrae[3].intactHeightMm / 2) / 2,
        z: 0,
      }),
    ).toBe('disc');
    // The side wall at mid-height stands inside the rim by the waist: the rim there is soft tissue.
    const waist = bodyWaistInsetAt(v, v.bodyWidthMm / 2 - 1e-6, 0, 0);
    expect(waist).toBeGreaterThan(1);
    expect(tissueAt(a, { x: v.bodyWidthMm / 2 - 0.4, y: 0, z: 0 })).toBe('muscle');
    expect(tissueAt(a, { x: v.bodyWidthMm / 2 - waist - 0.15, y: 0, z: 0 })).toBe('cortical');
    // The whole 1 mm mechanical shell is cortical to tissueAt (its inner part images as condensed trabeculae).
    expect(tissueAt(a, { x: v.bodyWidthMm / 2 - waist - 0.8, y: 0, z: 0 })).toBe('cortical');
    expect(tissueAt(a, { x: v.bodyWidthMm / 2 - waist - 1.2, y: 0, z: 0 })).toBe('cancellous');
    expect(tissueAt(a, { x: 0, y: 0, z: a.skinZMm + 5 })).toBe('air');
    expect(tissueAt(a, { x: 0, y: 0, z: a.skinZMm - 1 })).toBe('skin');
    expect(tissueAt(a, { x: 0, y: 0, z: a.skinZMm - 6 })).toBe('fat');
    expect(tissueAt(a, { x: 60, y: 0, z: -40 })).toBe('muscle');
  });

  it('puts lungs beside thoracic levels only', () => {
    const thoracic = buildAnatomy(scenario({ level: 'T10' }), createRng(1));
    const lumbar = buildAnatomy(scenario({ level: 'L3' }), createRng(1));
    expect(tissueAt(thoracic, { x: 60, y: 0, z: -30 })).toBe('lung');
    expect(tissueAt(lumbar, { x: 60, y: 0, z: -30 })).toBe('muscle');
  });
});

describe('attenuation', () => {
  it('orders tissues physically and scales cancellous bone with density', () => {
    const osteo = buildAnatomy(scenario(), createRng(1));
    const healthy = buildAnatomy(scenario({ patient: { tScore: 0.5 } }), createRng(1));
    const mu = (a: typeof osteo, p: { x: number; y: number; z: number }) => attenuationAt(a, p);
    // Cancellous bone's texture swings widely point to point (trabecularTexture.ts): compare its mean over a 9 mm cube.
    const cancellousMean = (a: typeof osteo) => {
      let s = 0;
      for (let i = -4; i <= 4; i++)
        for (let j = -4; j <= 4; j++) for (let k = -4; k <= 4; k++) s += mu(a, { x: i, y: j - 4, z: k });
      return s / 729;
    };
    const v = osteo.vertebrae[osteo.targetIndex];
    const cortical = mu(osteo, {
      x: v.bodyWidthMm / 2 - bodyWaistInsetAt(v, v.bodyWidthMm / 2 - 1e-6, 0, 0) - 0.15,
      y: 0,
      z: 0,
    });
    const cancellous = cancellousMean(osteo);
    const muscle = mu(osteo, { x: 60, y: 0, z: -40 });
    const fat = mu(osteo, { x: 0, y: 0, z: osteo.skinZMm - 6 });
    expect(cortical).toBeGreaterThan(cancellous);
    expect(cancellous).toBeGreaterThan(muscle);
    expect(muscle).toBeGreaterThan(fat);
    expect(mu(osteo, { x: 0, y: 0, z: osteo.skinZMm + 5 })).toBe(0);
    expect(cancellousMean(healthy)).toBeGreaterThan(cancellous);
    expect(cancellousMean(healthy)).toBeLessThan(0.031);
    expect(cancellous).toBeGreaterThan(0.02);
  });

  it('the fast field and attenuationAt share one classifier', () => {
    const a = buildAnatomy(scenario({ level: 'T12' }), createRng(9));
    const lift = { anteriorMm: 2, middleMm: 1 };
    const field = createAttenuationField(a, lift);
    fc.assert(
      fc.property(
        fc.double({ min: -120, max: 120, noNaN: true }),
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -150, max: 120, noNaN: true }),
        (x, y, z) => field(x, y, z) === attenuationAt(a, { x, y, z }, lift),
      ),
      { numRuns: 2000 },
    );
  });
});
