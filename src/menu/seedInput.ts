import { isSeed, seedError } from '../../sim/core';

/** What the seed box holds: a seed, or why its text is not one. */
export type SeedInput = { readonly ok: true; readonly seed: number } | { readonly ok: false; readonly error: string };

/**
 * Read the seed box's text: an integer from 0 to 2^32-1, written in decimal digits (5e9, 2^32,
 * Infinity, negatives and fractions are refused with the sentence the engine uses, never wrapped
 * or rounded into another patient).
 */
export function parseSeed(text: string): SeedInput {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Enter a seed: a whole number from 0 to 4294967295.' };
  const n = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return isSeed(n) ? { ok: true, seed: n } : { ok: false, error: seedError(trimmed) };
}
