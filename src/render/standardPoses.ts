import type { View } from '../../sim/core';
import { poseKey, poseForView, type CArmPose } from '../../sim/imaging';
import type { SimSnapshot } from '../../sim/session';

/**
 * The poses worth projecting before the pedal is pressed at `view`, most likely first: the pose a
 * press would take now (as the case loads: the standard view at the seeded starting level; while
 * the arm swings: the view it swings to; after an adjustment: the adjusted pose), then the standard
 * view (no orbit or tilt) centred on the target (pan 0), where a trainee localising the level ends
 * up. The second stays the same while the arm is adjusted, so it is projected once. Duplicates are
 * dropped.
 */
export function standardPoses(snapshot: Pick<SimSnapshot, 'carm' | 'anatomy'>, view: View): CArmPose[] {
  const now = poseForView(snapshot, view);
  const standard = poseForView(
    { anatomy: snapshot.anatomy, carm: { ...snapshot.carm, panMm: 0, orbitDeg: 0, tiltDeg: 0 } },
    view,
  );
  return poseKey(now) === poseKey(standard) ? [now] : [now, standard];
}
