import type { Scenario } from '../../levels/scenarioSchema';
import type { Session } from '../../sim/session';
import type { TrainingMode } from '../../sim/core';
import type { SimSnapshot } from '../../sim/session';
import type { View } from '../../sim/core';

/** What the menu hands to the procedure: one scenario, one seed, one mode. */
export interface CaseStart {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly mode: TrainingMode;
}

/**
 * An image the trainee stored (fluoro.store -> image.stored): the pixels of the monitor at that
 * moment, captured by the UI as a data URL (the simulation keeps only the event and its tick).
 */
export interface StoredImage {
  readonly view: View;
  readonly tick: number;
  readonly timeS: number;
  /** JPEG data URL of the monitor canvas, or '' when the monitor could not be read back. */
  readonly dataUrl: string;
}

/**
 * What the debrief needs of an attempt's session: the live session when the procedure hands it
 * over, or its plain fields when the replay worker re-ran it for the history.
 */
export type AttemptSession = Pick<Session, 'scenario' | 'seed' | 'mode' | 'log' | 'tick'>;

/** A finished attempt, handed from the procedure (or the history) to the debrief. */
export interface FinishedAttempt {
  readonly session: AttemptSession;
  readonly finalSnapshot: SimSnapshot;
  /** Images stored during the procedure, oldest first. */
  readonly storedImages: readonly StoredImage[];
  /** The attempt's IndexedDB record (src/record), so the debrief's review is saved with it. */
  readonly recordId?: string;
  /**
   * Where the attempt came from: played here, or imported from a file (whose seed, mode and author
   * cannot be verified; the debrief says so). Absent means played.
   */
  readonly source?: 'played' | 'imported';
  /** For an imported attempt: what can be verified of its file (sim/attempt/verification.ts). */
  readonly verificationStatement?: string;
  /**
   * Opened by an instructor from the lab server: the attempt's id there (its ratings are read and
   * saved there, not in this browser) and whose attempt it is.
   */
  readonly lab?: { readonly attemptId: string; readonly traineeName: string };
}
