import { pedicleLocal, pedicleOf } from '../anatomy/landmarks';
import type { Anatomy } from '../anatomy/types';
import { atPedicleEntry } from '../instruments/trocarChecks';
import { add, scale, type Vec3 } from '../math/vec3';

/**
 * How far from the pedicle's axis a docked needle's course may pass, as a share of the oval's
 * outer radius in that direction. The textbook docking point (upper-outer quadrant) sits at about
 * 0.6 of it (idealTrajectory.ts); beyond 0.85 the shaft (1.5-2 mm across at 11-13 G) runs in the
 * cortex, and an operator who sees the tip on the oval's margin on the AP redirects rather than
 * taps on (assumed, from the textbook advice to keep the tip within the oval's lateral half until
 * the lateral view shows it past the posterior wall).
 */
export const COURSE_LIMIT = 0.85;
/** Step along the course, mm. */
const STEP_MM = 0.5;
/** Longest course examined, mm: more than any pedicle's length. */
const MAX_MM = 60;

/**
 * Whether a needle docked with its tip at `tip`, pointing along `direction` (a unit vector), is off
 * course for a transpedicular access: the tip is not on the pedicle's entry (it stalled on other
 * bone), or its straight line through the pedicle strays beyond COURSE_LIMIT of the oval before the
 * pedicle's anterior end. The reference operator's judgement on the AP look after docking: the
 * image shows where the tip sits on the oval, and the lateral where it will meet the body.
 */
export function dockedOffCourse(anatomy: Anatomy, side: 'left' | 'right', tip: Vec3, direction: Vec3): boolean {
  if (!atPedicleEntry(anatomy, side, add(tip, scale(direction, STEP_MM)))) return true;
  const p = pedicleOf(anatomy.vertebrae[anatomy.targetIndex], side);
  for (let d = 0; d <= MAX_MM; d += STEP_MM) {
    const l = pedicleLocal(p, add(tip, scale(direction, d)));
    if (l.t < 0) return false;
    if (l.t <= p.len && Math.hypot(l.w / p.a, l.v / p.b) > COURSE_LIMIT) return true;
  }
  return false;
}
