/**
 * Why a call to the lab server failed, in words a trainee can act on. `status` is the HTTP status,
 * or 0 when no answer came (network down, server gone, timed out). The message is the server's
 * own sentence when it sent one (the contract's `{ error, message }`), else ours.
 */
export class LabApiError extends Error {
  constructor(
    readonly status: number,
    /** The contract's error code (`bad-input`, `not-signed-in`...), or ours: `unreachable`, `timeout`, `bad-answer`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LabApiError';
  }

  /**
   * Worth sending again later: no answer, a server error (5xx), or a server that asked to be
   * left alone for a while (408 timeout, 429 too many requests). Any other 4xx is the request's
   * own fault and would fail again.
   */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
  }

  /** The session is gone (signed out elsewhere, expired): the request can go again after sign-in. */
  get needsSignIn(): boolean {
    return this.status === 401;
  }
}
