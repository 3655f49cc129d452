import type { Side } from '../core/commands';
import type { Vec3 } from '../math/vec3';
import { pedicleLocal, pedicleMedialBorderX, pedicleOf, posteriorWallLineZ } from '../anatomy/landmarks';
import type { Anatomy } from '../anatomy/types';
import type { WallContact } from '../physics/needleWorld';
import { inTargetVertebra } from '../physics/targetVertebra';

/**
 * Safety rule (docs/clinical-sources.md Technique): on the AP view the tip must not cross the pedicle's
 * medial border before the lateral view shows it past the posterior wall. True when the tip, at
 * pedicle depth, projects medial to the border on AP while still behind the wall line on the lateral.
 */
export function violatesSafetyRule(anatomy: Anatomy, side: Side, q: Vec3): boolean {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const sign = side === 'left' ? 1 : -1;
  const atPedicleDepth = q.z <= Math.max(v.pedicles[0].posteriorCentre.z, v.pedicles[1].posteriorCentre.z);
  return atPedicleDepth && sign * q.x < pedicleMedialBorderX(v, side) && q.z > posteriorWallLineZ(v);
}

/** Docked: the tip touches the target pedicle's or body's cortex (matter contact) or is inside the pedicle's oval; in pedicle: inside its core. */
export function pedicleMilestones(
  anatomy: Anatomy,
  side: Side,
  tip: Vec3,
  contacts: readonly WallContact[],
): { docked: boolean; inPedicle: boolean } {
  const ped = pedicleOf(anatomy.vertebrae[anatomy.targetIndex], side);
  const l = pedicleLocal(ped, tip);
  const inOval = (sa: number, sb: number): boolean => (l.w / sa) ** 2 + (l.v / sb) ** 2 <= 1;
  // The target pedicle's cortex, or the body's wall (an extrapedicular route docks on the body).
  const touches = contacts.some(
    (c) => (c.side === side && c.id.startsWith('pedicle')) || c.id === 'bodyLateral' || c.id === 'bodyPosterior',
  );
  return {
    docked: touches || (l.t >= 0 && l.t <= ped.len && inOval(ped.a, ped.b)),
    inPedicle: l.t >= 0 && l.t <= ped.len - ped.c && inOval(ped.a - ped.c, ped.b - ped.c),
  };
}

/**
 * Bone here is where a trocar docks for this pedicle: the pedicle itself, the body (an
 * extrapedicular route), or the posterior elements over the pedicle's posterior end (facet and
 * transverse-process junction), within 6 mm of its oval and 12 mm behind it (assumed).
 */
export function atPedicleEntry(anatomy: Anatomy, side: Side, q: Vec3): boolean {
  if (inTargetVertebra(anatomy, q)) return true;
  const ped = pedicleOf(anatomy.vertebrae[anatomy.targetIndex], side);
  const l = pedicleLocal(ped, q);
  const margin = 6;
  return (
    l.t >= ped.len - 2 && l.t <= ped.len + 12 && (l.w / (ped.a + margin)) ** 2 + (l.v / (ped.b + margin)) ** 2 <= 1
  );
}
