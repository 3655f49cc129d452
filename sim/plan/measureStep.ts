import { z } from 'zod';
import type { Anatomy } from '../anatomy/types';
import type { Command, MeasuredCorners, MeasurePoint } from '../core/commands';
import { preopEndplateCorners } from '../imaging/radiograph/preopRadiograph';

/**
 * The plan step that measures the fractured body on the case review's pre-operative lateral, as a
 * reader places four endplate corners on the film (case.measure): the body's true corners
 * (sim/imaging/radiograph/preopRadiograph.ts preopEndplateCorners), with the superior endplate line
 * drawn turned by the operator's error, errorDeg, about its middle. The superior endplate of a
 * collapsed body is the ill-defined one (the inferior stays at its intact place), so that is where a
 * reader errs; positive reads more wedge than there is. The error is given, not drawn, so a plan
 * measures the same way on every patient: an expert's 1 degree is 1 degree of wedge too many, with
 * the height loss off by what that line moves the corners (about 2-4 points per degree).
 */
export const measureStepSchema = z.strictObject({
  measure: z.strictObject({
    /** How far the superior endplate line is drawn turned from the true one, degrees (positive: more wedge); default 0. */
    errorDeg: z.number().min(-30).max(30).optional(),
  }),
});
export type MeasureStep = z.infer<typeof measureStepSchema>;

const DEG = Math.PI / 180;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The corners a reader with this error places: the true corners, the superior pair turned by
 * errorDeg about their midpoint. Turning is counter-clockwise on the film with its y axis pointing up
 * (image y points down), the sense in which sim/imaging/wedgeMeasurement.ts reads a line's angle, so
 * the superior line's angle, and with it the wedge, grows by exactly errorDeg. Pixels to 0.01.
 */
export function cornersWithError(anatomy: Anatomy, errorDeg: number): MeasuredCorners {
  const c = preopEndplateCorners(anatomy);
  const mid = {
    x: (c.anteriorSuperior.x + c.posteriorSuperior.x) / 2,
    y: (c.anteriorSuperior.y + c.posteriorSuperior.y) / 2,
  };
  const cos = Math.cos(errorDeg * DEG);
  const sin = Math.sin(errorDeg * DEG);
  const turn = (p: MeasurePoint): MeasurePoint => {
    const dx = p.x - mid.x;
    const dy = p.y - mid.y;
    return { x: mid.x + dx * cos + dy * sin, y: mid.y - dx * sin + dy * cos };
  };
  const at = (p: MeasurePoint): MeasurePoint => ({ x: round2(p.x), y: round2(p.y) });
  return {
    anteriorSuperior: at(turn(c.anteriorSuperior)),
    anteriorInferior: at(c.anteriorInferior),
    posteriorSuperior: at(turn(c.posteriorSuperior)),
    posteriorInferior: at(c.posteriorInferior),
  };
}

/** The case.measure command of a measure step on this patient. */
export function measureCommand(anatomy: Anatomy, step: MeasureStep): Command {
  return { type: 'case.measure', corners: cornersWithError(anatomy, step.measure.errorDeg ?? 0) };
}
