import type { Rng } from '../math/rng';
import type { Scenario } from '../../levels/scenarioSchema';
import { posteriorConcaveHalfWidthMm, posteriorConcavityMm } from './bodyWaist';
import { footprintRimPoint, posteriorWallZ } from './footprint';
import { makeEndplateProfile, superiorYAt } from './endplateProfile';
import type { Opening, VertebraGeometry } from './types';

/**
 * The real openings of the target body through which cement can leave it (the cement model: leaks go
 * through real openings). Diameters are assumed (no source in docs/clinical-sources.md); they set a
 * channel's hydraulic conductance in the cement model, so they are drawn per seed:
 * - basivertebral vein ostium: always, at the posterior wall centre, 1.5-3 mm;
 * - segmental (lumbar/intercostal) vein ostia: both lateral walls at the anterolateral waist, 0.8-2 mm;
 * - endplate crack: superior endplate, central area, 1.5-3 mm (scenario);
 * - posterior wall defect: posterior wall near the midline, 3-6 mm (scenario; malignant cases);
 * - lateral cortex defect: one lateral wall, 3-6 mm (scenario);
 * - cleft: a gas-filled intravertebral cleft under the superior endplate, anterior half, 6-10 mm
 *   across (scenario; Kummell). The classifier fills it with gas (the vacuum cleft sign).
 */
export function buildOpenings(v: VertebraGeometry, fracture: Scenario['fracture'], rng: Rng): Opening[] {
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const c = v.centre;
  const profile = makeEndplateProfile(v);
  const midY = (lx: number, lz: number): number => (superiorYAt(profile, lx, lz) + c.y - v.intactHeightMm / 2) / 2;
  const openings: Opening[] = [
    {
      kind: 'basivertebralVein',
      position: { x: c.x, y: midY(0, b), z: c.z + b - posteriorConcavityMm(0, posteriorConcaveHalfWidthMm(v)) },
      diameterMm: rng.range(1.5, 3),
    },
  ];
  for (const side of [1, -1]) {
    // Anterolateral waist: 30 deg in front of the lateral point of the rim.
    const rim = footprintRimPoint(side > 0 ? -Math.PI / 6 : Math.PI + Math.PI / 6, a, b);
    openings.push({
      kind: 'segmentalVein',
      position: { x: c.x + rim.x, y: midY(rim.x, rim.z), z: c.z + rim.z },
      diameterMm: rng.range(0.8, 2),
    });
  }
  if (fracture.endplateCrack) {
    const lx = rng.range(-0.4, 0.4) * a;
    const lz = rng.range(-0.5, 0.2) * b;
    openings.push({
      kind: 'endplateCrack',
      position: { x: c.x + lx, y: superiorYAt(profile, lx, lz), z: c.z + lz },
      diameterMm: rng.range(1.5, 3),
    });
  }
  if (fracture.posteriorWallDefect) {
    const lx = rng.range(-0.25, 0.25) * a;
    openings.push({
      kind: 'posteriorWallDefect',
      position: {
        x: c.x + lx,
        y: midY(lx, b),
        z: c.z + posteriorWallZ(lx, a, b) - posteriorConcavityMm(lx, posteriorConcaveHalfWidthMm(v)),
      },
      diameterMm: rng.range(3, 6),
    });
  }
  if (fracture.lateralCortexDefect) {
    const side = rng.next() < 0.5 ? 1 : -1;
    const rim = footprintRimPoint((side > 0 ? 0 : Math.PI) + side * rng.range(-0.4, 0.4), a, b);
    openings.push({
      kind: 'lateralCortexDefect',
      position: { x: c.x + rim.x, y: midY(rim.x, rim.z), z: c.z + rim.z },
      diameterMm: rng.range(3, 6),
    });
  }
  if (fracture.cleft) {
    const diameterMm = rng.range(6, 10);
    const lx = rng.range(-0.2, 0.2) * a;
    const lz = rng.range(-0.5, -0.1) * b;
    openings.push({
      kind: 'cleft',
      position: { x: c.x + lx, y: superiorYAt(profile, lx, lz) - diameterMm / 4 - 1.5, z: c.z + lz },
      diameterMm,
    });
  }
  return openings;
}
