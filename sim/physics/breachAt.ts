import type { Vec3 } from '../math/vec3';
import type { BreachWall } from '../events';
import { classifierFor } from '../anatomy/classifierCache';
import { endplatesAt } from '../anatomy/endplatesAt';
import { ellipseDistanceOutside, footprintSignedDistance } from '../anatomy/footprint';
import { depthInsideBody, pedicleLocal, pedicleOf } from '../anatomy/landmarks';
import { CODE } from '../anatomy/tissueCodes';
import type { Anatomy } from '../anatomy/types';

export interface BreachState {
  readonly wall: BreachWall;
  /** Distance beyond the outer surface of the wall crossed, mm. */
  readonly depthMm: number;
}

/**
 * Is a tip (on the given side's approach) outside the bone it should be in, and through which
 * wall? Computed in 3D from the anatomy (README.md, Breach):
 * - behind the pedicle's entry plane: approach, never a breach;
 * - inside bone (body, pedicle, posterior elements): no breach;
 * - alongside the pedicle (0 <= t <= length): outside its oval -> medial / lateral / superior /
 *   inferior by the dominant normalised offset; depth = distance to the outer ellipse;
 * - in front of it: above or below the body -> endplate; outside the footprint -> anterior
 *   (front of the body), medial (behind it, toward the canal) or lateral.
 */
export function breachAt(anatomy: Anatomy, q: Vec3, side: 'left' | 'right'): BreachState | null {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const p = pedicleOf(v, side);
  const l = pedicleLocal(p, q);
  if (l.t > p.len) return null;
  if (depthInsideBody(v, q) >= 0) return null;
  const nw = l.w / p.a;
  const nv = l.v / p.b;
  if (l.t >= -4 && nw * nw + nv * nv <= 1) return null;
  const code = classifierFor(anatomy)(q.x, q.y, q.z);
  if (code === CODE.cortical || code === CODE.cancellous) return null;
  if (l.t >= 0) {
    const wall: BreachWall =
      Math.abs(nw) >= Math.abs(nv) ? (nw > 0 ? 'lateral' : 'medial') : nv > 0 ? 'superior' : 'inferior';
    return { wall, depthMm: ellipseDistanceOutside(l.w, l.v, p.a, p.b) };
  }
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const lx = q.x - v.centre.x;
  const lz = q.z - v.centre.z;
  const side2d = footprintSignedDistance(lx, lz, a, b);
  if (side2d <= 0) {
    const ep = endplatesAt(v, q.x, q.z)!;
    const depthMm = q.y > ep.superiorY ? q.y - ep.superiorY : ep.inferiorY - q.y;
    return { wall: 'endplate', depthMm };
  }
  const depthMm = lz <= 0 ? ellipseDistanceOutside(lx, lz, a, b) : side2d;
  if (lz < 0 && -lz / b > Math.abs(lx) / a) return { wall: 'anterior', depthMm };
  if (lz > 0.5 * b && Math.abs(lx) < Math.abs(p.ax)) return { wall: 'medial', depthMm };
  return { wall: 'lateral', depthMm };
}
