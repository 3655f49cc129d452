/**
 * What a replay can and cannot vouch for. An attempt file is plain JSON that anyone can write:
 * replaying it proves that its log, under its (published) scenario and its seed, gives this score,
 * but nothing proves that the seed and mode are the ones the trainee was given, nor who made it.
 * The lab server signs the attempts it issues (an HMAC over the whole file but the signature, with
 * the lab's own key; docs/attempt-file.md): only that lab server can check such a signature, so a
 * reader says which of four cases it is in.
 */
export const UNSIGNED_ATTEMPT_STATEMENT =
  'This attempt file is not signed: its seed, its mode (practice or exam) and who made it cannot be verified. Only its replay is checked: the score is recomputed from its log.';
export const SIGNED_VERIFIED_STATEMENT =
  'This attempt file is signed by this lab server and the signature checks: its trainee, station, seed and mode are the ones the server recorded. The score is recomputed from its log.';
export const SIGNED_INVALID_STATEMENT =
  'This attempt file carries a lab signature that does not check with this lab server: it was changed after it was issued, or another lab issued it. Its seed, its mode and who made it cannot be verified; only its replay is checked.';
export const SIGNED_UNCHECKED_STATEMENT =
  'This attempt file carries a lab signature, which only the lab server that issued it can check (sign in to it to do so). Until then its seed, its mode and who made it are not verified; only its replay is checked.';

/** The verification status of an attempt read from a file, for a replay's or an import's result. */
export interface AttemptVerification {
  readonly signed: boolean;
  /** True when the lab server checked the signature and it held, false when it did not, null when not checked. */
  readonly verified: boolean | null;
  readonly statement: string;
}

/** Whether a parsed attempt file (or any JSON value read as one) carries a lab signature. */
export const hasSignature = (file: unknown): boolean =>
  typeof file === 'object' && file !== null && 'signature' in file;

/**
 * The verification status of an attempt file: `signed` whether it carries a signature; `check` the
 * lab server's answer on it (absent when no lab server was asked).
 */
export function attemptVerification(signed = false, check?: { readonly valid: boolean }): AttemptVerification {
  if (!signed) return { signed: false, verified: null, statement: UNSIGNED_ATTEMPT_STATEMENT };
  if (!check) return { signed: true, verified: null, statement: SIGNED_UNCHECKED_STATEMENT };
  return check.valid
    ? { signed: true, verified: true, statement: SIGNED_VERIFIED_STATEMENT }
    : { signed: true, verified: false, statement: SIGNED_INVALID_STATEMENT };
}
