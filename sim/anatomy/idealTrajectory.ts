import { add, distance, normalize, scale, sub, type Vec3 } from '../math/vec3';
import type { CompiledPedicle } from './compileAnatomy';
import { endplatesAt } from './endplatesAt';
import { depthInsideBody, pedicleLocal, pedicleOf } from './landmarks';
import { exitThroughSkin } from './torso';
import type { Anatomy } from './types';

type Side = 'left' | 'right';
const DEG = Math.PI / 180;

/**
 * Direction convention: medialDeg converges toward the midline going anterior (for 'left', x > 0,
 * moving anterior decreases x); caudalDeg points the tip caudally (-y) going anterior.
 * direction = normalize(-sign * tan(medial), -tan(caudal), -1), sign = +1 for left, -1 for right.
 */
export function trajectoryDirection(side: Side, medialDeg: number, caudalDeg: number): Vec3 {
  const sign = side === 'left' ? 1 : -1;
  return normalize({ x: -sign * Math.tan(medialDeg * DEG), y: -Math.tan(caudalDeg * DEG), z: -1 });
}

/** Inverse of trajectoryDirection for a direction pointing anterior (z < 0). */
export function trajectoryAngles(side: Side, d: Vec3): { medialDeg: number; caudalDeg: number } {
  const sign = side === 'left' ? 1 : -1;
  const k = -d.z;
  return { medialDeg: Math.atan((-sign * d.x) / k) / DEG, caudalDeg: Math.atan(-d.y / k) / DEG };
}

/** Bone entry: the pedicle's upper-outer quadrant (10 o'clock left, 2 o'clock right) on its posterior end, 60 % of the way to the rim (assumed). */
export function boneEntryPoint(anatomy: Anatomy, side: Side): Vec3 {
  const p = pedicleOf(anatomy.vertebrae[anatomy.targetIndex], side);
  const lateral = 0.6 * p.a * Math.cos(30 * DEG);
  return {
    x: p.ax + p.ux * p.len + p.nx * lateral,
    y: p.y + 0.6 * p.b * Math.sin(30 * DEG),
    z: p.az + p.uz * p.len + p.nz * lateral,
  };
}

/** How far the line E -> T strays from the pedicle's core (max normalised radius inside the inner wall) and the body margin. */
function pathCost(anatomy: Anatomy, p: CompiledPedicle, e: Vec3, t: Vec3): number {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  let worst = 0;
  let bodyPenalty = 0;
  // At least one sample per millimetre (80 from a bone entry, more along a course from the skin).
  const n = Math.max(80, Math.ceil(distance(e, t)));
  for (let i = 0; i <= n; i++) {
    const q = add(e, scale(sub(t, e), i / n));
    const l = pedicleLocal(p, q);
    // Behind the pedicle's posterior end (a course judged from the skin) the line is in soft tissue.
    if (l.t > p.len + 1e-9) continue;
    if (l.t >= 0) {
      const wi = l.w / (p.a - p.c);
      const vi = l.v / (p.b - p.c);
      worst = Math.max(worst, wi * wi + vi * vi);
    } else if (depthInsideBody(v, q) < 2) {
      bodyPenalty = 10;
    }
  }
  return worst + bodyPenalty;
}

/**
 * The textbook transpedicular path (docs/clinical-sources.md Technique): bone entry at the pedicle's
 * upper-outer quadrant, through the pedicle's core, tip in the anterior third, paramedian. The
 * target sits at 60 % of the half-depth in front of the centre, at mid-height of the (fractured)
 * body; its distance from the midline (0-8 mm) is the one that keeps the path most central in the
 * pedicle, with a slight preference for 4 mm. depthMm is measured from defaultSkinEntry.
 */
export function idealTrajectory(
  anatomy: Anatomy,
  side: Side,
): { medialDeg: number; caudalDeg: number; depthMm: number; target: Vec3; boneEntry: Vec3 } {
  const boneEntry = boneEntryPoint(anatomy, side);
  const target = idealTargetFrom(anatomy, side, boneEntry);
  const dir = normalize(sub(target, boneEntry));
  const skin = exitThroughSkin(anatomy, boneEntry, scale(dir, -1));
  return { ...trajectoryAngles(side, dir), depthMm: distance(skin, target), target, boneEntry };
}

/**
 * The anterior-third paramedian target a straight line from `from` reaches most centrally through
 * the pedicle (idealTrajectory's choice of target, for a line that starts at the bone entry or, when
 * an operator re-aims a needle whose skin entry is fixed, at the skin).
 */
export function idealTargetFrom(anatomy: Anatomy, side: Side, from: Vec3): Vec3 {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const sign = side === 'left' ? 1 : -1;
  const p = pedicleOf(v, side);
  const tz = v.centre.z - 0.6 * (v.bodyDepthMm / 2);
  let best: { cost: number; target: Vec3 } | null = null;
  for (let k = 0; k <= 16; k++) {
    const tx = v.centre.x + sign * 0.5 * k;
    const ep = endplatesAt(v, tx, tz);
    if (!ep) continue;
    const target = { x: tx, y: (ep.superiorY + ep.inferiorY) / 2, z: tz };
    const cost = pathCost(anatomy, p, from, target) + 0.02 * Math.abs(0.5 * k - 4);
    if (!best || cost < best.cost) best = { cost, target };
  }
  if (!best) throw new Error('idealTrajectory: no target point between the endplates of the target vertebra');
  return best.target;
}

/** The skin point on the backward extension of the ideal path (needle.entry offsets are measured from here). */
export function defaultSkinEntry(anatomy: Anatomy, side: Side): Vec3 {
  const ideal = idealTrajectory(anatomy, side);
  return exitThroughSkin(anatomy, ideal.boneEntry, scale(normalize(sub(ideal.target, ideal.boneEntry)), -1));
}
