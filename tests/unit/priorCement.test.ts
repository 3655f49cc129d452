import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { attenuationAt, createAttenuationField } from '../../sim/anatomy/attenuation';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { PRIOR_CEMENT_FILL } from '../../sim/anatomy/priorCement';
import { createImagingClassifier, createTissueClassifier } from '../../sim/anatomy/tissueClassifier';
import { CODE, IMAGING_CODE } from '../../sim/anatomy/tissueCodes';
import type { Anatomy } from '../../sim/anatomy/types';
import { createRng } from '../../sim/math/rng';

/**
 * Cement from an earlier augmentation at another level (patient.priorAugmentation;
 * sim/anatomy/priorCement.ts): part of the patient, on every image, never the level treated.
 */
const raw = JSON.parse(
  readFileSync(new URL('../../levels/t12-wedge-above-cemented-l1.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { patient: Record<string, unknown> };
const scenario = parseScenario(raw, 'cemented');
const anatomyOf = (s: Scenario, seed = 1): Anatomy => buildAnatomy(s, createRng(seed).fork('anatomy'));
const without: Scenario = { ...scenario, patient: { ...scenario.patient, priorAugmentation: undefined } };

describe('an earlier level’s cement', () => {
  it('the schema refuses it at the level to treat, or twice at one level, naming the field', () => {
    const at = (level: string, again = false) => ({
      ...raw,
      patient: {
        ...raw.patient,
        priorAugmentation: [
          { level, procedure: 'vertebroplasty', volumeMl: 3, yearsAgo: 1 },
          ...(again ? [{ level, procedure: 'kyphoplasty', volumeMl: 4, yearsAgo: 3 }] : []),
        ],
      },
    });
    expect(() => parseScenario(at('T12'), 'x')).toThrow(/patient\.priorAugmentation\.0\.level.*level to treat/s);
    expect(() => parseScenario(at('L2', true), 'x')).toThrow(/patient\.priorAugmentation\.1\.level.*listed twice/s);
    expect(() => parseScenario(at('L2'), 'x')).not.toThrow();
  });

  it('sits in the body of the level named, with the volume it was given', () => {
    const a = anatomyOf(scenario);
    expect(a.priorCement).toHaveLength(1);
    const c = a.priorCement?.[0];
    if (!c) throw new Error('no prior cement');
    const v = a.vertebrae[c.vertebraIndex];
    expect(v.level).toBe('L1');
    expect(v.isTarget).toBe(false);
    const blockMl = ((4 / 3) * Math.PI * c.radii.x * c.radii.y * c.radii.z) / 1000;
    expect(blockMl * PRIOR_CEMENT_FILL).toBeCloseTo(3.5, 6);
    expect(c.radii.x).toBeLessThan(v.bodyWidthMm / 2);
    expect(c.radii.y).toBeLessThan(v.intactHeightMm / 2);
    expect(anatomyOf(without).priorCement).toBeUndefined();
  });

  it('images as cement and is felt by the trocar as bone; the same patient without it images as bone', () => {
    const a = anatomyOf(scenario);
    const b = anatomyOf(without);
    const c = a.priorCement?.[0];
    if (!c) throw new Error('no prior cement');
    expect(createImagingClassifier(a)(c.centre.x, c.centre.y, c.centre.z)).toBe(IMAGING_CODE.priorCement);
    expect(createTissueClassifier(a)(c.centre.x, c.centre.y, c.centre.z)).toBe(CODE.cancellous);
    expect(createImagingClassifier(b)(c.centre.x, c.centre.y, c.centre.z)).toBe(CODE.cancellous);
    expect(attenuationAt(a, c.centre)).toBeGreaterThan(3 * attenuationAt(b, c.centre));
  });

  it('darkens a lateral ray through that body, as the fast field the images use sees it', () => {
    const a = anatomyOf(scenario);
    const b = anatomyOf(without);
    const c = a.priorCement?.[0];
    if (!c) throw new Error('no prior cement');
    // A ray along x (AP-to-lateral: the lateral view's beam) through a point, by the field's own fast sum.
    const ray = (an: Anatomy, y: number, z: number): number =>
      createAttenuationField(an).sumSamples(-200, y, z, 1, 0, 0, 0, 0.5, 800, 0) * 0.5;
    const gain = ray(a, c.centre.y, c.centre.z) - ray(b, c.centre.y, c.centre.z);
    // About 2 x 0.8 x the half width of cement at ~0.6 x 0.24/mm more than marrow: several units.
    expect(gain).toBeGreaterThan(2);
    // The target level's ray is unchanged.
    const t = a.vertebrae[a.targetIndex].centre;
    expect(ray(a, t.y, t.z)).toBeCloseTo(ray(b, t.y, t.z), 9);
  });
});
