import { randomBytes } from 'node:crypto';

/**
 * Crockford's base 32: digits and letters without I, L, O and U, so a code read off a whiteboard
 * is typed right (I and L read as 1, O as 0). 32 symbols, so a random byte mod 32 is unbiased.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 symbols of 5 bits: 50 bits, out of reach of guessing at the join route's rate limit. */
const LENGTH = 10;

/** A fresh random join code, e.g. "K7QM2XR9TA". */
export function newJoinCode(): string {
  return [...randomBytes(LENGTH)].map((b) => ALPHABET[b % 32]).join('');
}

/** A code as typed (any case, with spaces or dashes, I/L for 1, O for 0) in the form stored. */
export function normalizeJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}
