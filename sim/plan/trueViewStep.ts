import type { View } from '../core/commands';
import type { Session } from '../session/sessionTypes';

/** An operator's C-arm alignment: shoot, read how the image is off, correct, shoot again. */
export interface TrueViewStep {
  readonly trueView: View;
  /** Good enough when both components are within this, deg (default 1.5). */
  readonly toleranceDeg?: number;
  /** Give up after this many images (default 6). */
  readonly maxShots?: number;
}

/**
 * How much of the misalignment an operator corrects per look: the image shows doubled endplates,
 * an off-centre spinous process or a doubled posterior wall, and the eye judges their size roughly
 * (assumed: four fifths, so a 9 deg tilt takes three or four images, as C-arm set-up does in practice).
 */
const CORRECTED_SHARE = 0.8;

/**
 * Bring the C-arm to a true view by looking: each short shot forms an image whose misalignment the
 * operator reads (the image.acquired alignment), then carm.adjust corrects part of it. Orbit turns
 * the AP and the lateral in opposite senses about the long axis, tilt the same (sim/imaging/carmPose.ts
 * viewAlignment signs). Every look costs a real exposure. `send` dispatches and throws when refused.
 */
export function runTrueView(
  session: Session,
  step: TrueViewStep,
  send: (command: Parameters<Session['dispatch']>[0]) => void,
): void {
  const view = step.trueView;
  const tolerance = step.toleranceDeg ?? 1.5;
  const maxShots = step.maxShots ?? 6;
  for (let n = 0; n < maxShots; n++) {
    if (session.snapshot().carm.view !== view) send({ type: 'carm.view', view });
    while (session.snapshot().carm.movingS > 0) session.advance(0.5);
    send({ type: 'fluoro.expose', on: true });
    session.advance(0.5);
    send({ type: 'fluoro.expose', on: false });
    const image = session
      .snapshot()
      .events.filter((e) => e.event.type === 'image.acquired' && e.event.view === view)
      .pop();
    const a = image?.event.type === 'image.acquired' ? image.event.alignment : undefined;
    if (!a || (Math.abs(a.axialDeg) <= tolerance && Math.abs(a.craniocaudalDeg) <= tolerance)) return;
    const orbitSense = view === 'AP' ? -1 : 1;
    send({
      type: 'carm.adjust',
      dOrbitDeg: Math.round(orbitSense * a.axialDeg * CORRECTED_SHARE * 10) / 10,
      dTiltDeg: Math.round(-a.craniocaudalDeg * CORRECTED_SHARE * 10) / 10,
    });
  }
}
