import type { Vec3 } from '../math/vec3';
import type { Anatomy } from '../anatomy/types';

/**
 * Whether a drilled working channel is ready for the balloon (docs/clinical-sources.md Technique:
 * the introducer docks 1-2 mm in front of the posterior wall, then a drill channel goes toward the
 * anterior third). The channel is ready when its end has reached
 *
 * 1. the anterior third of the target body's depth (the textbook target; a cannula docked deep
 *    needs only a short channel), or
 * 2. the anterior half of the body, with the channel at least as long as the balloon's working
 *    length, so that the whole balloon lies in drilled bone in front of the cannula tip (the
 *    balloon sits at the end of the channel, sim/session/world.ts).
 *
 * The second way exists because the textbook 20 mm channel from a cannula docked just past the
 * posterior wall ends at 59-65 % of the body's depth at L3-L5 (bodies 31-34 mm deep; 68-75 % at
 * L1-L2, 80-90 % in the thoracic spine): the anterior third alone would call the textbook channel
 * short in the lower lumbar spine. A 10 mm channel from that docking reaches 36-52 % and is short
 * at every level. Depth is measured along the body's antero-posterior axis (z), as the target zone
 * is (sim/anatomy/landmarks.ts `inTargetZone`). A channel that overshoots through the anterior
 * cortex is still "ready" by depth; the breach is reported on its own (needle.breach).
 */
export interface ChannelReadiness {
  readonly ready: boolean;
  /** How much further the channel must be drilled to be ready, mm along the track (0 when ready). */
  readonly moreMm: number;
}

/** Depth fraction of the body (from its posterior wall) where the anterior third begins. */
const ANTERIOR_THIRD = 2 / 3;
/** Depth fraction of the body's middle: a channel holding the whole balloon must reach past it. */
const ANTERIOR_HALF = 1 / 2;

export function channelReadiness(
  anatomy: Anatomy,
  cannulaTip: Vec3,
  direction: Vec3,
  channelMm: number,
  balloonLengthMm: number,
): ChannelReadiness {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const posteriorZ = v.centre.z + v.bodyDepthMm / 2;
  const endZ = cannulaTip.z + direction.z * channelMm;
  const lineZ = (fraction: number) => posteriorZ - fraction * v.bodyDepthMm;
  // Further drilling (mm along the track) until the channel end passes a depth line.
  const toLine = (fraction: number): number => {
    const gap = endZ - lineZ(fraction);
    if (gap <= 0) return 0;
    return direction.z < -1e-9 ? gap / -direction.z : Number.POSITIVE_INFINITY;
  };
  const toThird = toLine(ANTERIOR_THIRD);
  const toHalfWithBalloon = Math.max(toLine(ANTERIOR_HALF), balloonLengthMm - channelMm, 0);
  const moreMm = Math.min(toThird, toHalfWithBalloon);
  return { ready: moreMm <= 1e-6, moreMm: moreMm <= 1e-6 ? 0 : moreMm };
}
