import type { WedgeFigures } from '../imaging/wedgeMeasurement';
import type { DeclineReason } from '../core/declineReasons';

/** The score report: every number traceable to the events (ticks) behind it. */

/**
 * The rubric's domains. `complications` is in a report only when the patient had a complication
 * that needed an answer (sim/scoring/complicationScore.ts).
 */
export type DomainId =
  | 'leakage'
  | 'misplacement'
  | 'height'
  | 'radiation'
  | 'cement'
  | 'process'
  | 'imaging'
  | 'complications';

export interface ScoreItem {
  readonly label: string;
  /** The measured value, formatted with its unit. */
  readonly value: string;
  /** Points taken off (negative) or kept (0) in this domain. */
  readonly points: number;
  /** Ticks of the log entries or events this item derives from. */
  readonly evidenceTicks: readonly number[];
}

export interface DomainScore {
  readonly id: DomainId;
  readonly label: string;
  /** 0-100 within the domain. */
  readonly score: number;
  /** Weight of the domain in the total (weights sum to 1). */
  readonly weight: number;
  readonly items: readonly ScoreItem[];
}

/** Unsafe technique that costs points off the total (sim/scoring/seriousErrors.ts). */
export interface SeriousError {
  readonly id: string;
  readonly label: string;
  /** Points taken off the total (negative). */
  readonly points: number;
  readonly evidenceTicks: readonly number[];
}

export interface CriticalError {
  readonly id: string;
  readonly label: string;
  readonly tick: number;
}

/**
 * The decision to operate or decline against the case's indication (indicationDecision.ts).
 * Present when the case is one to decline or the trainee declined; absent otherwise, so the
 * report of an indicated case operated on is what it was before cases to decline existed.
 */
export interface IndicationDecision {
  /** What the case asks for (scenario.indication; operate when absent). */
  readonly expected: 'operate' | 'decline';
  /** The reason to decline the case, or null for a case to operate on. */
  readonly expectedReason: DeclineReason | null;
  /** What the trainee did: declined, operated (left the case review), or neither (stopped in case review). */
  readonly chosen: 'decline' | 'operate' | 'none';
  /** The reason the trainee declined for, or null. */
  readonly reason: DeclineReason | null;
  /** Tick of the decision (the decline command, or leaving the case review), or null without one. */
  readonly tick: number | null;
  /** Whether the decision matches the case's. */
  readonly correct: boolean;
  /** Whether the trainee declined for the case's reason. */
  readonly reasonCorrect: boolean;
  /** The decision in words, for the debrief and the text report. */
  readonly label: string;
}

/** The case-review measurement of the pre-operative lateral against the truth (wedgeMeasurementScore.ts). */
export interface WedgeMeasurement {
  /** Tick of the last measurement (the one judged). */
  readonly tick: number;
  readonly measured: WedgeFigures;
  readonly truth: WedgeFigures;
  /** Measured minus true. */
  readonly wedgeErrorDeg: number;
  readonly heightLossErrorPct: number;
  /** Both figures within their tolerance. */
  readonly agrees: boolean;
}

/** Flat numeric outcome of an attempt: what the CLI prints and the lab collects. */
export type Metrics = Readonly<Record<string, number | string | boolean>>;

export interface ScoreReport {
  readonly scenarioId: string;
  readonly seed: number;
  /** The weighted mean of the domain scores less the serious errors' points, 0-100. */
  readonly total: number;
  /** The weighted mean of the domain scores alone. */
  readonly domainTotal: number;
  readonly passScore: number;
  readonly passed: boolean;
  readonly domains: readonly DomainScore[];
  readonly seriousErrors: readonly SeriousError[];
  readonly criticalErrors: readonly CriticalError[];
  readonly metrics: Metrics;
  /** The decision against the case's indication; absent for an indicated case operated on (IndicationDecision). */
  readonly decision?: IndicationDecision;
  /** The trainee's measurement of the pre-operative lateral; absent when none was made (its points are a process item). */
  readonly measurement?: WedgeMeasurement;
}
