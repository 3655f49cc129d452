import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { compileAnatomy } from '../../sim/anatomy/compileAnatomy';
import { idealTrajectory } from '../../sim/anatomy/idealTrajectory';
import { FACET_GAP_MM } from '../../sim/anatomy/posteriorElements';
import { createImagingClassifier, createTissueClassifier } from '../../sim/anatomy/tissueClassifier';
import { CODE } from '../../sim/anatomy/tissueCodes';
import { createRng } from '../../sim/math/rng';

/** Geometry of the posterior elements (posteriorElements.ts): facet joints, shingled laminae, the entry point. */

function anatomyOf(file: string, seed = 1) {
  const scenario = parseScenario(JSON.parse(readFileSync(file, 'utf8')), file);
  return buildAnatomy(scenario, createRng(seed));
}

const CASES = [
  { name: 'T7', file: 'levels/t7-osteoporotic-wedge-vertebroplasty.json', thoracic: true },
  { name: 'L4', file: 'levels/l4-biconcave-bipedicular.json', thoracic: false },
];
const isBone = (c: number) => c === CODE.cortical || c === CODE.cancellous;

describe('posterior elements', () => {
  for (const c of CASES) {
    const anatomy = anatomyOf(c.file);
    const A = compileAnatomy(anatomy);
    const classify = createTissueClassifier(anatomy);
    const i = anatomy.targetIndex;
    const upper = A.verts[i];
    const lower = A.verts[i + 1];

    it(`${c.name}: the level's inferior facet joint is the next level's superior one`, () => {
      expect(upper.post.inf).toEqual(lower.post.sup);
    });

    it(`${c.name}: a soft-tissue joint line separates the inferior process from the next level's superior process`, () => {
      const J = lower.post.sup;
      const off = FACET_GAP_MM / 2 + 1.5;
      for (const side of [1, -1]) {
        // Across the joint at its centre and 2 mm above and below it: bone, gap, bone.
        for (const dy of [-2, 0, 2]) {
          // Move dy up the joint surface (remove the step's component along the normal), then k along the normal.
          const at = (k: number) => {
            const m = k - dy * J.ny;
            return classify(lower.cx + side * (J.x + m * J.nx), J.y + dy + m * J.ny, J.z + m * J.nz);
          };
          expect(isBone(at(0)), `gap at dy ${dy}`).toBe(false);
          expect(isBone(at(-off)), `superior process at dy ${dy}`).toBe(true);
          expect(isBone(at(off)), `inferior process at dy ${dy}`).toBe(true);
        }
      }
    });

    it(`${c.name}: facet plane orientation (thoracic near coronal, lumbar near sagittal)`, () => {
      const J = lower.post.sup;
      const fromAxialDeg = (Math.acos(Math.abs(J.ny)) * 180) / Math.PI;
      const fromSagittalDeg = (Math.acos(Math.abs(J.hx)) * 180) / Math.PI;
      if (c.thoracic) {
        expect(fromAxialDeg).toBeGreaterThanOrEqual(55);
        expect(fromAxialDeg).toBeLessThanOrEqual(70);
        expect(fromSagittalDeg).toBeGreaterThan(65);
      } else {
        expect(fromAxialDeg).toBeCloseTo(90, 5);
        expect(fromSagittalDeg).toBeLessThan(50.5);
      }
    });

    it(`${c.name}: the ideal trajectory enters the pedicle with no bone in the last 15 mm before it`, () => {
      for (const side of ['left', 'right'] as const) {
        const t = idealTrajectory(anatomy, side);
        const e = t.boneEntry;
        const d = { x: t.target.x - e.x, y: t.target.y - e.y, z: t.target.z - e.z };
        const n = Math.hypot(d.x, d.y, d.z);
        const at = (s: number) => classify(e.x + (d.x * s) / n, e.y + (d.y * s) / n, e.z + (d.z * s) / n);
        expect(isBone(at(0.5))).toBe(true);
        for (let s = -15; s <= -1; s += 0.25) expect(isBone(at(s)), `${side} ${s} mm`).toBe(false);
      }
    });
  }

  it('thoracic laminae shingle: the inferior edge lies behind the next lamina, overlapping it in height', () => {
    const anatomy = anatomyOf(CASES[0].file);
    const A = compileAnatomy(anatomy);
    const up = A.verts[anatomy.targetIndex].post;
    const lo = A.verts[anatomy.targetIndex + 1].post;
    const upBottom = up.lamBotY - up.lamHalfT;
    const loTop = lo.lamTopY + lo.lamHalfT;
    expect(loTop - upBottom).toBeGreaterThan(2);
    // At the overlap's middle height the upper lamina's front face is behind the lower one's back
    // face (ligamentum flavum between them), at the midline and at the lamina's lateral edge.
    const y = (upBottom + loTop) / 2;
    for (const ax of [0, lo.lamHalfX]) {
      const frontUp = up.lamTopZ + up.lamSlope * (up.lamTopY - y) - up.lamHalfT / up.lamCos;
      const backLo =
        lo.lamTopZ + lo.lamSlope * (lo.lamTopY - y) + (lo.lamHalfT + lo.lamRoof * (lo.lamHalfX - ax)) / lo.lamCos;
      expect(frontUp - backLo, `|x| ${ax}`).toBeGreaterThan(0.5);
    }
  });

  it('the grid (classifierGrid.ts) holds every posterior solid: grid and plain classifier agree on a dense lattice', () => {
    // Random points (classifierEquivalence.test.ts) can miss the thin rounded lamina edges; a
    // lattice over the whole spine's posterior region does not.
    const anatomy = anatomyOf('levels/t5-upper-thoracic-vertebroplasty-15g.json');
    const plain = createImagingClassifier(anatomy, undefined, false);
    const grid = createImagingClassifier(anatomy, undefined, true);
    const ys = anatomy.vertebrae.map((v) => v.centre.y);
    let mismatches = 0;
    for (let y = Math.min(...ys) - 40; y <= Math.max(...ys) + 40; y += 1.03)
      for (let z = 10; z <= 70; z += 0.83)
        for (let x = -45; x <= 45; x += 0.79) if (plain(x, y, z) !== grid(x, y, z)) mismatches++;
    expect(mismatches).toBe(0);
  });
});
