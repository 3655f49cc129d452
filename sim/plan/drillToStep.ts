import { z } from 'zod';
import type { Anatomy } from '../anatomy/types';
import type { Command } from '../core/commands';
import { distanceToShellMm } from '../instruments/endplateGeometry';
import type { TrocarView } from '../instruments/trocarView';
import { add, scale } from '../math/vec3';

/**
 * The plan step that drills the working channel to a depth read off the lateral image, as an
 * operator does: the drill goes on until its tip is a few millimetres short of the anterior cortex
 * as the lateral view shows it along the trajectory (docs/clinical-sources.md, Technique: the
 * channel toward the anterior third, stopping a few millimetres, 3-5 mm assumed, behind the
 * anterior cortex), so the channel's
 * length follows the body's size along the track. A fixed 20 mm channel from a cannula docked just
 * past the posterior wall ends at 59-65 % of the body's depth at L3-L5 but 80-90 % in the small
 * thoracic bodies (sim/instruments/trocarChannel.ts), where it leaves the balloon's distal marker
 * 0.5-6 mm from the anterior cortex (mean 3 at T9, where half the balloons then met it) against
 * 7-14 mm at L3 (levels/plans/README.md).
 *
 * `{"drillTo": {"shortOfCortexMm": 4}}` dispatches one ordinary `channel.drill { mm }`, mm computed
 * from this patient's anatomy, so an attempt's command log, replays and goldens are unchanged in kind.
 * The margin is measured the way the balloon measures its room ahead (sim/instruments/balloonRooms.ts
 * `aheadMm`): from the channel's end, horizontally along the track, to the inner face of the body's
 * waisted shell (sim/instruments/endplateGeometry.ts `distanceToShellMm`), which is where the
 * balloon's distal marker will sit (the balloon goes to the channel's end, sim/session/world.ts).
 */
export const drillToStepSchema = z.strictObject({
  drillTo: z.strictObject({
    /** Where the drill stops: this far short of the anterior cortex's inner face along the track, mm (1-15). */
    shortOfCortexMm: z.number().min(1).max(15),
  }),
});
export type DrillToStep = z.infer<typeof drillToStepSchema>;

/** The drill command's own bound on one drilling (sim/core/commandSchema.ts channel.drill), mm. */
const MAX_DRILL_MM = 40;
/** Scan step along the track, mm: fine enough that the linear refinement below is exact to 0.01 mm. */
const SCAN_MM = 0.25;

/** The drill length, mm, or why the step cannot be carried out. */
export type DrillDepth = { readonly mm: number } | { readonly reason: string };

/**
 * How far to drill from the present channel end (the cannula tip when nothing was drilled yet) so
 * that the channel stops shortOfCortexMm short of the anterior shell along the track: the first
 * point, going forward from inside the body, where the room ahead falls to the margin. The room is
 * horizontal (what the lateral view shows of the depth left), the drill length along the track.
 * Rounded to 0.1 mm, as the drill's depth marks are read.
 */
export function drillDepthMm(anatomy: Anatomy, trocar: TrocarView, shortOfCortexMm: number): DrillDepth {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const dir = trocar.direction;
  const h = Math.hypot(dir.x, dir.z);
  if (h < 1e-6) return { reason: 'the track is vertical: no anterior cortex lies ahead of it' };
  const ux = dir.x / h;
  const uz = dir.z / h;
  const start = add(trocar.tip, scale(dir, trocar.channelMm));
  const room = (s: number): number => distanceToShellMm(v, add(start, scale(dir, s)), ux, uz);
  // The cannula tip may sit in the posterolateral corner outside the elliptic shell (room 0): the
  // scan first waits for the track to be inside the body, then stops where the room reaches the margin.
  let inside = false;
  let prevS = 0;
  let prevRoom = room(0);
  if (prevRoom > 0 && prevRoom <= shortOfCortexMm)
    return {
      reason: `the channel already ends ${prevRoom.toFixed(1)} mm short of the anterior cortex, within the ${shortOfCortexMm} mm margin`,
    };
  inside = prevRoom > 0;
  for (let s = SCAN_MM; s <= MAX_DRILL_MM + 1e-9; s += SCAN_MM) {
    const r = room(s);
    if (!inside) {
      inside = r > shortOfCortexMm;
    } else if (r <= shortOfCortexMm) {
      // Between the last two samples the room falls almost linearly (by h per mm of track).
      const f = prevRoom > r ? (prevRoom - shortOfCortexMm) / (prevRoom - r) : 1;
      const mm = Math.round((prevS + f * (s - prevS)) * 10) / 10;
      if (mm <= 0) return { reason: `the channel already ends within ${shortOfCortexMm} mm of the anterior cortex` };
      return { mm };
    }
    prevS = s;
    prevRoom = r;
  }
  return {
    reason: `the track does not come within ${shortOfCortexMm} mm of the anterior cortex in ${MAX_DRILL_MM} mm of drilling`,
  };
}

/** The channel.drill command of a drillTo step for this trocar on this patient, or why there is none. */
export function drillToCommand(anatomy: Anatomy, trocar: TrocarView, step: DrillToStep): Command | { reason: string } {
  const depth = drillDepthMm(anatomy, trocar, step.drillTo.shortOfCortexMm);
  return 'mm' in depth ? { type: 'channel.drill', mm: depth.mm } : depth;
}
