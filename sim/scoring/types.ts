/** The score report: every number traceable to the events (ticks) behind it. */

export type DomainId = 'leakage' | 'misplacement' | 'height' | 'radiation' | 'cement' | 'process' | 'imaging';

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
}
