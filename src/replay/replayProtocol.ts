import type { Scenario } from '../../levels/scenarioSchema';
import type { LogEntry, Side, View } from '../../sim/core';
import type { TrainingMode } from '../../sim/core';
import type { AttemptTrace, ScenarioStatus } from '../../sim/attempt';
import type { ExpertBenchmark } from '../../sim/attempt';
import type { FilmStep } from '../../sim/attempt';
import type { FilmImage } from './filmImager';
import type { SimSnapshot } from '../../sim/session';
import type { AttemptRecord } from '../record/attemptRecord';
import type { AttemptSession } from '../attempt/attemptTypes';

/** What a replay needs: the attempt as its file stores it. */
export interface AttemptInput {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly log: readonly LogEntry[];
  readonly endTick: number;
  readonly mode: TrainingMode;
}

/** An image of the film without its pixels (those are made on request). */
export interface FilmFrameInfo {
  readonly index: number;
  readonly tick: number;
  readonly timeS: number;
  readonly view: View;
  readonly stored: boolean;
}

/** The film as the page sees it: the steps and the images' places; the states stay in the worker. */
export interface FilmSummary {
  readonly endTick: number;
  readonly steps: readonly FilmStep[];
  readonly frames: readonly FilmFrameInfo[];
  readonly sides: readonly Side[];
}

/** Requests to the replay worker; each answer carries the request's id. */
export type ReplayRequest =
  | { readonly id: number; readonly kind: 'trace'; readonly attempt: AttemptInput }
  | { readonly id: number; readonly kind: 'expert'; readonly attempt: AttemptInput }
  | { readonly id: number; readonly kind: 'film'; readonly attempt: AttemptInput }
  | { readonly id: number; readonly kind: 'image'; readonly index: number }
  | {
      readonly id: number;
      readonly kind: 'import';
      readonly text: string;
      readonly trainee: string;
      readonly recordId: string;
      readonly nowMs: number;
      /** `draft` only for an instructor's own scenario the caller holds itself (importAttempt.ts); published by default. */
      readonly scenarioStatus?: ScenarioStatus;
    }
  | { readonly id: number; readonly kind: 'open'; readonly file: unknown };

/** An attempt re-run for the debrief: its session's plain fields and its final state. */
export interface OpenedAttempt {
  readonly session: AttemptSession;
  readonly finalSnapshot: SimSnapshot;
}

export interface ReplayResults {
  readonly trace: AttemptTrace;
  readonly expert: ExpertBenchmark;
  readonly film: FilmSummary;
  readonly image: FilmImage;
  readonly import: AttemptRecord;
  readonly open: OpenedAttempt;
}

export type ReplayResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };
