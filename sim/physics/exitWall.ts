import type { Vec3 } from '../math/vec3';
import type { BreachWall } from '../core/events';
import { endplatesAt } from '../anatomy/endplatesAt';
import { posteriorConcaveHalfWidthMm, wallInsetMm } from '../anatomy/bodyWaist';
import { ellipseDistanceOutside, footprintSignedDistance } from '../anatomy/footprint';
import { pedicleLocal, pedicleOf } from '../anatomy/landmarks';
import type { Anatomy, Tissue } from '../anatomy/types';

export interface ExitWall {
  readonly wall: BreachWall;
  /**
   * Distance of q beyond the outer surface of that wall, mm, where the wall has a closed form
   * (pedicle oval, body footprint, endplate); null elsewhere (posterior elements, pleura), where
   * the caller measures from the exit point along the surface normal.
   */
  readonly depthMm: number | null;
}

/**
 * Which wall a tip that has just left bone went through, judged at a point q outside bone on
 * the given side's track (README.md, Breach). The tissue it lands in decides first: lung ->
 * pleura, disc -> endplate, canal -> medial. Otherwise the pedicle frame (t along the axis from
 * the pedicle's anterior end, w lateral, v cranial): alongside or behind the pedicle (t >= 0) the
 * dominant normalised offset names medial / lateral / superior / inferior (inferior = into the
 * foramen, where the exiting root runs under the pedicle); in front of it (t < 0) the body:
 * above or below the footprint -> endplate, in front -> anterior, behind toward the canal ->
 * medial, else lateral.
 */
export function exitWallAt(anatomy: Anatomy, q: Vec3, side: 'left' | 'right', tissue: Tissue): ExitWall {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const p = pedicleOf(v, side);
  const l = pedicleLocal(p, q);
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const lx = q.x - v.centre.x;
  const lz = q.z - v.centre.z;
  const rim2d = footprintSignedDistance(lx, lz, a, b);
  const ep = rim2d <= 0 ? endplatesAt(v, q.x, q.z) : null;
  // The wall stands inside the rim by the body's waist at this height (anatomy/bodyWaist.ts): depths
  // past the wall count from it, inside the rim and beyond it alike.
  const waist = wallInsetMm(q.y, v.centre.y, v.intactHeightMm / 2, lx, lz, posteriorConcaveHalfWidthMm(v), b);
  const side2d = rim2d + waist;
  if (tissue === 'lung') return { wall: 'pleura', depthMm: null };
  if (tissue === 'disc' || (l.t < 0 && side2d <= 0)) {
    const depthMm = ep ? Math.max(0, q.y > ep.superiorY ? q.y - ep.superiorY : ep.inferiorY - q.y) : null;
    return { wall: 'endplate', depthMm };
  }
  const pedicleDepth = l.t >= 0 && l.t <= p.len ? ellipseDistanceOutside(l.w, l.v, p.a, p.b) : null;
  if (tissue === 'canal') return { wall: 'medial', depthMm: pedicleDepth };
  if (l.t >= 0) {
    const nw = l.w / p.a;
    const nv = l.v / p.b;
    const wall: BreachWall =
      Math.abs(nw) >= Math.abs(nv) ? (nw > 0 ? 'lateral' : 'medial') : nv > 0 ? 'superior' : 'inferior';
    return { wall, depthMm: pedicleDepth };
  }
  const depthMm = Math.max(0, lz <= 0 && rim2d > 0 ? ellipseDistanceOutside(lx, lz, a, b) + waist : side2d);
  if (lz < 0 && -lz / b > Math.abs(lx) / a) return { wall: 'anterior', depthMm };
  if (lz > 0.5 * b && Math.abs(lx) < Math.abs(p.ax)) return { wall: 'medial', depthMm };
  return { wall: 'lateral', depthMm };
}
