/** The public face of sim/scoring/: the rubric: score, report and its text. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { formatReportText, reportTextFilename, reportTextHeader } from './reportText';
export { scoreAttempt } from './score';
export type {
  CriticalError,
  DomainId,
  IndicationDecision,
  ScoreItem,
  ScoreReport,
  SeriousError,
  WedgeMeasurement,
} from './types';
export { HEIGHT_LOSS_TOLERANCE_PCT, MEASUREMENT_ITEM_LABEL, WEDGE_TOLERANCE_DEG } from './wedgeMeasurementScore';
