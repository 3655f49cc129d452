import type { Anatomy } from '../anatomy/types';
import type { MeasuredCorners, MeasurePoint } from '../core/commands';
import { PREOP_PX_PER_MM } from './radiograph/preopRadiograph';

/**
 * The fractured body's heights and wedge angle, as measured on the pre-operative lateral from four
 * endplate corners, and the same figures from the anatomy: the pair a case-review measurement is
 * judged on (sim/scoring/wedgeMeasurementScore.ts).
 *
 * - Heights: anterior = anterior-superior to anterior-inferior corner, posterior likewise, in mm
 *   at the body's mid-plane (pixels over PREOP_PX_PER_MM).
 * - Wedge angle: the angle between the superior and inferior endplate lines (Cobb-style, positive
 *   when the anterior side is the lower), which for the anatomy's straight endplates is
 *   atan((posterior - anterior) / depth), sim/instruments/vertebralHeight.ts.
 * - Height loss: the anterior height short of the posterior wall's, percent (the ratio a reader takes
 *   from one lateral film, without the intact height the simulator knows).
 */
export interface WedgeFigures {
  readonly anteriorMm: number;
  readonly posteriorMm: number;
  readonly wedgeDeg: number;
  readonly heightLossPct: number;
}

const DEG = 180 / Math.PI;
const distance = (a: MeasurePoint, b: MeasurePoint) => Math.hypot(a.x - b.x, a.y - b.y);
/** Direction of the line a -> b, degrees, with image y pointing down turned up. */
const lineAngleDeg = (a: MeasurePoint, b: MeasurePoint) => Math.atan2(a.y - b.y, b.x - a.x) * DEG;

const heightLossPct = (anteriorMm: number, posteriorMm: number) =>
  posteriorMm > 0 ? Math.max(0, (1 - anteriorMm / posteriorMm) * 100) : 0;

/** The figures four corners on the pre-operative lateral give. */
export function wedgeFromCorners(c: MeasuredCorners): WedgeFigures {
  const anteriorMm = distance(c.anteriorSuperior, c.anteriorInferior) / PREOP_PX_PER_MM;
  const posteriorMm = distance(c.posteriorSuperior, c.posteriorInferior) / PREOP_PX_PER_MM;
  let wedgeDeg =
    lineAngleDeg(c.anteriorSuperior, c.posteriorSuperior) - lineAngleDeg(c.anteriorInferior, c.posteriorInferior);
  // Two lines drawn the same way round differ by less than a half turn; fold the sum into (-180, 180].
  if (wedgeDeg > 180) wedgeDeg -= 360;
  if (wedgeDeg <= -180) wedgeDeg += 360;
  return { anteriorMm, posteriorMm, wedgeDeg, heightLossPct: heightLossPct(anteriorMm, posteriorMm) };
}

/** The true figures of the patient's fractured body (before any lift). */
export function trueWedgeFigures(anatomy: Anatomy): WedgeFigures {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  return {
    anteriorMm: v.anteriorHeightMm,
    posteriorMm: v.posteriorHeightMm,
    wedgeDeg: Math.atan2(v.posteriorHeightMm - v.anteriorHeightMm, v.bodyDepthMm) * DEG,
    heightLossPct: heightLossPct(v.anteriorHeightMm, v.posteriorHeightMm),
  };
}
