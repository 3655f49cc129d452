import { describe, expect, it } from 'vitest';
import {
  attemptVerification,
  SIGNED_INVALID_STATEMENT,
  SIGNED_UNCHECKED_STATEMENT,
  SIGNED_VERIFIED_STATEMENT,
  UNSIGNED_ATTEMPT_STATEMENT,
} from '../../sim/attempt';

describe('what a reader says it can verify of an attempt file', () => {
  it('names each of the four cases, and only a lab server that checked the signature makes it verified', () => {
    expect(attemptVerification()).toEqual({ signed: false, verified: null, statement: UNSIGNED_ATTEMPT_STATEMENT });
    // An unsigned file stays unverified whatever a server would say.
    expect(attemptVerification(false, { valid: true }).verified).toBeNull();
    expect(attemptVerification(true)).toEqual({ signed: true, verified: null, statement: SIGNED_UNCHECKED_STATEMENT });
    expect(attemptVerification(true, { valid: true })).toEqual({
      signed: true,
      verified: true,
      statement: SIGNED_VERIFIED_STATEMENT,
    });
    expect(attemptVerification(true, { valid: false })).toEqual({
      signed: true,
      verified: false,
      statement: SIGNED_INVALID_STATEMENT,
    });
    // Four different sentences: a reader can tell the cases apart.
    expect(
      new Set([
        UNSIGNED_ATTEMPT_STATEMENT,
        SIGNED_UNCHECKED_STATEMENT,
        SIGNED_VERIFIED_STATEMENT,
        SIGNED_INVALID_STATEMENT,
      ]).size,
    ).toBe(4);
  });
});
