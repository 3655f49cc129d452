import type { View } from '../../core/commands';
import { makePose, NO_ROTATION, pannedIsocentre, type CArmPose } from '../carmPose';
import type { SimSnapshot } from '../../session/snapshot';

/** The C-arm pose a snapshot shows for a monitor's view (the active view's corrections and the patient's rotation). */
export function poseForView(snapshot: Pick<SimSnapshot, 'carm' | 'anatomy'>, view: View): CArmPose {
  const c = snapshot.carm;
  const active = c.view === view;
  return makePose(
    view,
    active ? c.orbitDeg : 0,
    active ? c.tiltDeg : 0,
    c.patientRotation ?? NO_ROTATION,
    pannedIsocentre(snapshot.anatomy, c.panMm ?? 0, c.patientShiftMm ?? 0),
  );
}

/** Whether the monitor for `view` shows a live image now: pedal down, that view, C-arm in place. */
export function isLive(snapshot: SimSnapshot, view: View): boolean {
  return snapshot.carm.exposing && snapshot.carm.view === view && snapshot.carm.movingS === 0;
}
