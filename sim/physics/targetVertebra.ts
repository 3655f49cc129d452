import type { Vec3 } from '../math/vec3';
import { depthInsideBody, pedicleLocal, pedicleOf } from '../anatomy/landmarks';
import type { Anatomy } from '../anatomy/types';

/** Slack for rounding where the classifier and the closed forms meet, mm. */
const EDGE_MM = 0.05;
/** The pedicle's core runs this far into the body (tissueClassifier.ts draws the pedicle from t = -4 mm). */
const PEDICLE_INTO_BODY_MM = 4;

/**
 * True where q lies within the target vertebra's own body (sides and endplates) or one of its two
 * pedicles (outer oval, from where its core joins the body to its posterior end). Bone elsewhere
 * (posterior elements, transverse processes, ribs, neighbouring levels) is not the target's: a tip
 * that leaves it has breached none of the walls a trainee is judged on (README.md, Breach).
 */
export function inTargetVertebra(anatomy: Anatomy, q: Vec3): boolean {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  if (depthInsideBody(v, q) >= -EDGE_MM) return true;
  for (const side of ['left', 'right'] as const) {
    const p = pedicleOf(v, side);
    const l = pedicleLocal(p, q);
    if (l.t < -PEDICLE_INTO_BODY_MM - EDGE_MM || l.t > p.len + EDGE_MM) continue;
    const a = p.a + EDGE_MM;
    const b = p.b + EDGE_MM;
    if ((l.w / a) ** 2 + (l.v / b) ** 2 <= 1) return true;
  }
  return false;
}

/** Inside the target's body by more than rounding (a non-bone point there is the cleft, not a breach). */
export function insideTargetBody(anatomy: Anatomy, q: Vec3): boolean {
  return depthInsideBody(anatomy.vertebrae[anatomy.targetIndex], q) > EDGE_MM;
}
