import type { View } from '../../sim/core';
import { poseKey, poseForView, type CArmPose } from '../../sim/imaging';
import type { SimSnapshot } from '../../sim/session';

/**
 * The poses worth projecting before the pedal is pressed at `view`, most likely first: the pose a
 * press would take now (at the case's start: the standard view at the seeded starting level; while
 * the arm swings: the view it swings to), then the same view centred on the target (pan 0), where a
 * trainee localising the level ends up. Duplicates are dropped.
 */
export function standardPoses(snapshot: Pick<SimSnapshot, 'carm' | 'anatomy'>, view: View): CArmPose[] {
  const now = poseForView(snapshot, view);
  const centred = poseForView({ anatomy: snapshot.anatomy, carm: { ...snapshot.carm, panMm: 0 } }, view);
  return poseKey(now) === poseKey(centred) ? [now] : [now, centred];
}
