/**
 * Test helper: where the operator's hand grips a trocar on the ideal track of an anatomy, at a
 * given tip depth (sim/imaging/handInBeam.ts `handGrip`), for dose tests that hold a hand on an
 * instrument during an exposure.
 */
import type { Anatomy } from '../../sim/anatomy/types';
import type { Vec3 } from '../../sim/math/vec3';
import { defaultSkinEntry, idealTrajectory, trajectoryDirection } from '../../sim/anatomy/idealTrajectory';
import { handGrip } from '../../sim/imaging/handInBeam';
import type { TrocarView } from '../../sim/instruments/trocarView';

export function idealGrip(anatomy: Anatomy, depthMm = 60, side: 'left' | 'right' = 'left'): Vec3 {
  const ideal = idealTrajectory(anatomy, side);
  const entry = defaultSkinEntry(anatomy, side);
  const direction = trajectoryDirection(side, ideal.medialDeg, ideal.caudalDeg);
  return handGrip({ entry, direction, depthMm } as TrocarView);
}
