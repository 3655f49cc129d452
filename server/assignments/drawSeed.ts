import { randomInt } from 'node:crypto';

/** The largest seed an attempt file takes (2^31 - 1). */
export const MAX_SEED = 2 ** 31 - 1;

/**
 * A seed from the operating system's CSPRNG: for a "fresh" policy no one (a trainee comparing notes,
 * a script) can tell the next patient from the last.
 */
export function drawSeed(): number {
  return randomInt(0, MAX_SEED + 1);
}
