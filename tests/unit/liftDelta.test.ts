import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { createImagingClassifier } from '../../sim/anatomy/tissueClassifier';
import type { Anatomy, EndplateLift } from '../../sim/anatomy/types';
import { DETECTOR_DIAMETER_MM, drawPatientRotation, makePose, targetIsocentre } from '../../sim/imaging/carmPose';
import { createRng } from '../../sim/math/rng';
import { liftRegion, NO_LIFT, projectLiftDeltaRows } from '../../sim/imaging/radiograph/liftDelta';
import { projectRows } from '../../sim/imaging/radiograph/staticProjection';

/**
 * The lifted endplate is drawn as a moving part: a delta map over a small slab added to the
 * static projection made without the lift (sim/imaging/radiograph/liftDelta.ts). Two things make that exact
 * enough: the lift changes nothing outside the slab, and static + delta is the lifted projection.
 */
const anatomyOf = (file: string, seed: number): Anatomy =>
  buildAnatomy(parseScenario(JSON.parse(readFileSync(`levels/${file}`, 'utf8')), file), createRng(seed));

const CASES = [
  { file: 'l1-osteoporotic-wedge.json', seed: 42 },
  { file: 't12-biconcave-vertebroplasty.json', seed: 3 },
];

/** A lift of most of the lost height, as a textbook inflation reaches (and more). */
function bigLift(anatomy: Anatomy): EndplateLift {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const lost = v.intactHeightMm - v.anteriorHeightMm;
  return { anteriorMm: 0.8 * lost, middleMm: 0.5 * lost };
}

describe('the lifted endplate as a moving part', () => {
  it.each(CASES)('changes no tissue outside its slab ($file)', ({ file, seed }) => {
    const anatomy = anatomyOf(file, seed);
    const lift = bigLift(anatomy);
    const r = liftRegion(anatomy, lift);
    const flat = createImagingClassifier(anatomy, NO_LIFT);
    const lifted = createImagingClassifier(anatomy, lift);
    const v = anatomy.vertebrae[anatomy.targetIndex];
    const rng = createRng(7);
    let outside = 0;
    let differInside = 0;
    for (let k = 0; k < 200_000; k++) {
      // Points around the target and its neighbours, 60 mm each way.
      const x = v.centre.x + (rng.next() - 0.5) * 120;
      const y = v.centre.y + (rng.next() - 0.5) * 120;
      const z = v.centre.z + (rng.next() - 0.5) * 120;
      const inside = x >= r.min.x && x <= r.max.x && y >= r.min.y && y <= r.max.y && z >= r.min.z && z <= r.max.z;
      const same = flat(x, y, z) === lifted(x, y, z);
      if (!inside) {
        outside++;
        expect(same, `(${x.toFixed(2)}, ${y.toFixed(2)}, ${z.toFixed(2)}) is outside the slab`).toBe(true);
      } else if (!same) differInside++;
    }
    expect(outside).toBeGreaterThan(150_000);
    // The lift does change the slab (otherwise this test would prove nothing).
    expect(differInside).toBeGreaterThan(100);
  });

  it.each(CASES)(
    'static without the lift plus the delta is the lifted projection, AP and lateral ($file)',
    ({ file, seed }) => {
      const anatomy = anatomyOf(file, seed);
      const lift = bigLift(anatomy);
      const patient = drawPatientRotation(createRng(seed));
      const n = 128;
      for (const view of ['AP', 'lateral'] as const) {
        const pose = makePose(view, patient.rollDeg, 0, patient, targetIsocentre(anatomy));
        const flat = projectRows(anatomy, NO_LIFT, pose, n, DETECTOR_DIAMETER_MM, 0, n);
        const lifted = projectRows(anatomy, lift, pose, n, DETECTOR_DIAMETER_MM, 0, n);
        const delta = projectLiftDeltaRows(anatomy, lift, pose, n, DETECTOR_DIAMETER_MM, 0, n);
        let change = 0;
        let residual = 0;
        let touched = 0;
        for (let k = 0; k < n * n; k++) {
          change += Math.abs(lifted[k] - flat[k]);
          residual += Math.abs(lifted[k] - (flat[k] + delta[k]));
          if (delta[k] !== 0) touched++;
        }
        // The lift shows (the lifted endplate moves a dense line) ...
        expect(change / n / n, view).toBeGreaterThan(1e-3);
        // ... the delta accounts for it up to sampling (1 mm jittered steps vs 0.5 mm) ...
        expect(residual, view).toBeLessThan(0.25 * change);
        // ... and it is a small part of the image: the slab's shadow only.
        expect(touched, view).toBeLessThan(0.35 * n * n);
      }
    },
  );
});
