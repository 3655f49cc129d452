import type { FinishedAttempt } from '../attempt/attemptTypes';

/** One side of a comparison, handed to the shell: an attempt and its name (trainee, which attempt). */
export interface AttemptToCompare {
  readonly attempt: FinishedAttempt;
  readonly label: string;
}
