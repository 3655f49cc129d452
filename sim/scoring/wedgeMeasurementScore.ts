import type { Scenario } from '../../levels/scenarioSchema';
import { trueWedgeFigures, wedgeFromCorners, type WedgeFigures } from '../imaging/wedgeMeasurement';
import type { ScoringInput } from './scoringInput';
import type { ScoreItem, WedgeMeasurement } from './types';
import { MEASUREMENT_POINTS } from './weights';

/**
 * The trainee's case-review measurement of the fractured body on the pre-operative lateral
 * (case.measure), judged against the anatomy's true heights and wedge angle, and scored as a
 * case-review item of the process domain where the case has a wedge to measure (README.md,
 * "Case-review measurement").
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

/** The process item's label: the debrief finds the item by it. */
export const MEASUREMENT_ITEM_LABEL = 'Wedge measured on the pre-operative lateral';

/**
 * Whether the case's measurement is scored: a case to operate on whose fracture the four corners
 * read. A case to decline is judged on its decision alone, and a biconcave body loses its height in
 * the middle of its endplates, between the corners, so its anterior and posterior heights agree and
 * the reading says nothing of the fracture; on such cases a measurement is reported, never charged.
 */
export function measurementScored(scenario: Scenario): boolean {
  return scenario.indication?.decision !== 'decline' && scenario.fracture.type !== 'biconcave';
}

/**
 * Share of the item's points a reading keeps: 1 while both errors are within their tolerance (a
 * reading two competent readers could give), falling linearly with the worse of the two errors,
 * each over its tolerance, to 0 at twice the tolerance (10 degrees or 20 points: a Genant grade
 * misread). Continuous, so half a degree more error never costs a step of points.
 */
export function measurementCredit(wedgeErrorDeg: number, heightLossErrorPct: number): number {
  const worse = Math.max(
    Math.abs(wedgeErrorDeg) / WEDGE_TOLERANCE_DEG,
    Math.abs(heightLossErrorPct) / HEIGHT_LOSS_TOLERANCE_PCT,
  );
  return Math.min(1, Math.max(0, 2 - worse));
}

/** A signed error to fixed decimals, "+1.2" or "-0.4", and "0.0" rather than "-0.0". */
function signed(x: number, digits: number): string {
  const t = x.toFixed(digits);
  if (Number(t) === 0) return (0).toFixed(digits);
  return x > 0 ? `+${t}` : t;
}

/**
 * The process domain's item for the measurement, or null where it is not scored (measurementScored).
 * No measurement costs MEASUREMENT_POINTS; a reading costs the share of them it does not keep.
 */
export function measurementItem(input: Pick<ScoringInput, 'scenario'>, m: WedgeMeasurement | null): ScoreItem | null {
  if (!measurementScored(input.scenario)) return null;
  if (!m) return { label: MEASUREMENT_ITEM_LABEL, value: 'missed', points: -MEASUREMENT_POINTS, evidenceTicks: [] };
  const credit = measurementCredit(m.wedgeErrorDeg, m.heightLossErrorPct);
  return {
    label: MEASUREMENT_ITEM_LABEL,
    value: `wedge ${signed(m.wedgeErrorDeg, 1)} deg, height loss ${signed(m.heightLossErrorPct, 1)} pts`,
    points: credit === 1 ? 0 : -MEASUREMENT_POINTS * (1 - credit),
    evidenceTicks: [m.tick],
  };
}
