/**
 * What a replay can and cannot vouch for. An attempt file is plain JSON that anyone can write:
 * replaying it proves that its log, under its (published) scenario and its seed, gives this score,
 * but nothing proves that the seed and mode are the ones the trainee was given, nor who made it.
 * The lab server will sign the attempts it issues (an HMAC over the header and the log); until an
 * attempt carries a signature that is checked, every reader says so (docs/attempt-file.md).
 */
export const UNSIGNED_ATTEMPT_STATEMENT =
  'This attempt file is not signed: its seed, its mode (practice or exam) and who made it cannot be verified. Only its replay is checked: the score is recomputed from its log.';

/** The verification status of an attempt read from a file, for a replay's or an import's result. */
export interface AttemptVerification {
  readonly signed: false;
  readonly statement: string;
}

/** The verification status of an unsigned attempt file (every attempt file, for now). */
export function attemptVerification(): AttemptVerification {
  return { signed: false, statement: UNSIGNED_ATTEMPT_STATEMENT };
}
