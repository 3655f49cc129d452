import { parseSeed } from './seedInput';

/**
 * The seed for a new attempt: `?seed=N` in the URL pins it (instructors, exams, end-to-end
 * tests); otherwise a fresh random one. The simulation itself never draws randomness from the
 * browser: everything downstream of this number is deterministic.
 */
export function initialSeed(): number {
  const fromUrl = new URLSearchParams(window.location.search).get('seed');
  // Out of range (?seed=5000000000) is not wrapped into another patient: the seed is drawn afresh.
  const pinned = fromUrl === null ? null : parseSeed(fromUrl);
  if (pinned?.ok) return pinned.seed;
  return Math.floor(Math.random() * 0x7fffffff) + 1;
}
