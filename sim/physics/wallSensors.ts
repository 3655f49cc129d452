import { bodyRimSegments, pedicleCoreAt } from './bodyRim';
import { posteriorConcaveHalfWidthMm, wallInsetMm } from '../anatomy/bodyWaist';
import { inferiorYAt, makeEndplateProfile, superiorYAt } from '../anatomy/endplateProfile';
import { compilePedicle } from '../anatomy/compileAnatomy';
import type { Anatomy } from '../anatomy/types';

export type WallId =
  | 'pedicleMedial'
  | 'pedicleLateral'
  | 'pedicleEntry'
  | 'pedicleRoof'
  | 'pedicleFloor'
  | 'bodyPosterior'
  | 'bodyLateral'
  | 'bodyAnterior';

/** A cortical wall's cross-section in the axial plane: a thin rectangle (matter's x = patient x, matter's y = patient z). */
export interface WallSensor {
  readonly id: WallId;
  readonly side: 'left' | 'right' | null;
  readonly cx: number;
  readonly cz: number;
  readonly lengthMm: number;
  readonly thicknessMm: number;
  readonly angleRad: number;
}

/** Walls thinner than this in the plane are widened to it so they still register (mm). */
const MIN_THICKNESS_MM = 0.3;

/**
 * The target's cortical walls cut by the axial plane at height y, from the same anatomy the
 * classifier reads: the pedicles' medial and lateral walls (or roof / floor where the plane grazes
 * the top or bottom of the oval), the pedicle's posterior entry cortex, and the body's rim where
 * the plane lies between the endplates. Endplates themselves are parallel to the plane; the 3D
 * breach check handles them.
 */
export function wallSensorsAt(anatomy: Anatomy, y: number): WallSensor[] {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const out: WallSensor[] = [];
  for (const geom of v.pedicles) {
    const p = compilePedicle(geom);
    const dv = y - p.y;
    if (Math.abs(dv) >= p.b) continue;
    const outer = p.a * Math.sqrt(1 - (dv / p.b) ** 2);
    const bi = p.b - p.c;
    const inner = Math.abs(dv) < bi ? (p.a - p.c) * Math.sqrt(1 - (dv / bi) ** 2) : 0;
    const angleRad = Math.atan2(p.uz, p.ux);
    const t0 = -1;
    const along = (t: number, w: number): { cx: number; cz: number } => ({
      cx: p.ax + p.ux * t + p.nx * w,
      cz: p.az + p.uz * t + p.nz * w,
    });
    const strip = (id: WallId, w0: number, w1: number, ta: number, tb: number): WallSensor => ({
      id,
      side: geom.side,
      ...along((ta + tb) / 2, (w0 + w1) / 2),
      lengthMm: tb - ta,
      thicknessMm: Math.max(MIN_THICKNESS_MM, w1 - w0),
      angleRad,
    });
    if (inner === 0) {
      out.push(strip(dv > 0 ? 'pedicleRoof' : 'pedicleFloor', -outer, outer, t0, p.len));
      continue;
    }
    out.push(strip('pedicleLateral', inner, outer, t0, p.len));
    out.push(strip('pedicleMedial', -outer, -inner, t0, p.len));
    out.push(strip('pedicleEntry', -inner, inner, p.len - p.c, p.len));
  }
  // Where a pedicle's core joins the body there is no cortex (the classifier agrees).
  const inPedicleCore = pedicleCoreAt(v, y);
  const prof = makeEndplateProfile(v);
  const concave = posteriorConcaveHalfWidthMm(v);
  for (const seg of bodyRimSegments(v)) {
    const { mx, mz } = seg;
    const inf = inferiorYAt(prof, 0.98 * mx, 0.98 * mz);
    const sup = superiorYAt(prof, 0.98 * mx, 0.98 * mz);
    if (y < inf || y > sup) continue;
    if (inPedicleCore(v.centre.x + mx, v.centre.z + mz)) continue;
    const id: WallId =
      seg.facing === 'posterior' ? 'bodyPosterior' : seg.facing === 'anterior' ? 'bodyAnterior' : 'bodyLateral';
    // The wall stands inside the rim by the body's waist at this height (anatomy/bodyWaist.ts).
    const inset = wallInsetMm(y, v.centre.y, v.intactHeightMm / 2, mx, mz, concave, v.bodyDepthMm / 2) + v.cortexMm / 2;
    out.push({
      id,
      side: null,
      cx: v.centre.x + mx - seg.nx * inset,
      cz: v.centre.z + mz - seg.nz * inset,
      lengthMm: seg.lengthMm + 0.2,
      thicknessMm: v.cortexMm,
      angleRad: seg.angleRad,
    });
  }
  return out;
}
