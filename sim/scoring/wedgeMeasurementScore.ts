import { trueWedgeFigures, wedgeFromCorners, type WedgeFigures } from '../imaging/wedgeMeasurement';
import type { ScoringInput } from './scoringInput';
import type { WedgeMeasurement } from './types';

/**
 * The trainee's case-review measurement of the fractured body on the pre-operative lateral
 * (case.measure), judged against the anatomy's true heights and wedge angle. Reported, not scored
 * (README.md, "Case-review measurement"): an attempt without one scores exactly as before.
 */

/**
 * How far a reading may be off and still count as agreeing with the truth: 5 degrees of wedge (the
 * inter-observer spread of a Cobb-style angle on a plain film is about 3-5 degrees, assumed from the
 * literature on vertebral Cobb measurement) and 10 points of height loss (half a Genant grade's width).
 */
export const WEDGE_TOLERANCE_DEG = 5;
export const HEIGHT_LOSS_TOLERANCE_PCT = 10;

const r = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits || 0;
const rounded = (f: WedgeFigures): WedgeFigures => ({
  anteriorMm: r(f.anteriorMm, 2),
  posteriorMm: r(f.posteriorMm, 2),
  wedgeDeg: r(f.wedgeDeg, 2),
  heightLossPct: r(f.heightLossPct, 1),
});

/** The last case.measure of the attempt against the truth, or null when the trainee measured nothing. */
export function wedgeMeasurement(input: ScoringInput): WedgeMeasurement | null {
  const entry = [...input.log].reverse().find((e) => e.command.type === 'case.measure');
  if (entry?.command.type !== 'case.measure') return null;
  const measured = rounded(wedgeFromCorners(entry.command.corners));
  const truth = rounded(trueWedgeFigures(input.final.anatomy));
  const wedgeErrorDeg = r(measured.wedgeDeg - truth.wedgeDeg, 2);
  const heightLossErrorPct = r(measured.heightLossPct - truth.heightLossPct, 1);
  return {
    tick: entry.tick,
    measured,
    truth,
    wedgeErrorDeg,
    heightLossErrorPct,
    agrees: Math.abs(wedgeErrorDeg) <= WEDGE_TOLERANCE_DEG && Math.abs(heightLossErrorPct) <= HEIGHT_LOSS_TOLERANCE_PCT,
  };
}

/** The measurement as flat metrics (none without a measurement, so such attempts keep their metrics). */
export function wedgeMeasurementMetrics(m: WedgeMeasurement | null): Record<string, number | boolean> {
  if (!m) return {};
  return {
    measuredWedgeDeg: m.measured.wedgeDeg,
    measuredWedgeErrorDeg: m.wedgeErrorDeg,
    measuredHeightLossPct: m.measured.heightLossPct,
    measuredHeightLossErrorPct: m.heightLossErrorPct,
    measurementAgrees: m.agrees,
  };
}
