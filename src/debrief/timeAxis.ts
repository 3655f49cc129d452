/**
 * The debrief's one time axis, in SVG units: the timeline and the vital-sign plot below it share
 * its width and margins, so at the same rendered width a tick falls at the same x in both and the
 * eye can run straight down from a shot or a leak to the vital signs at that moment.
 */
export const AXIS_W = 1000;
/** Left margin: the row labels. */
export const AXIS_LEFT = 86;
export const AXIS_RIGHT = 10;

/** The x of a tick on an attempt of `endTick` ticks (at least 1), clamped to the end. */
export function axisX(endTick: number): (tick: number) => number {
  const end = Math.max(1, endTick);
  return (tick) => AXIS_LEFT + (Math.min(tick, end) / end) * (AXIS_W - AXIS_LEFT - AXIS_RIGHT);
}
