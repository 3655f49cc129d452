import { parseSeed } from './seedInput';

/** The seed a new attempt starts from, and the seed box's text when the address asked for a seed that is none. */
export interface InitialSeed {
  readonly seed: number;
  /** The address's `?seed=` text when it is not a seed: the box shows it, refused, and starts nothing. */
  readonly refusedText?: string;
}

/**
 * The seed for a new attempt: `?seed=N` in the URL pins it (instructors, exams, end-to-end
 * tests); otherwise a fresh random one. The simulation itself never draws randomness from the
 * browser: everything downstream of this number is deterministic. An address whose seed is out of
 * range (?seed=5000000000) or not a number is not wrapped into another patient nor silently
 * replaced: the seed box shows that text with the reason, and no case starts until it is corrected.
 */
export function initialSeed(search: string = window.location.search): InitialSeed {
  const fromUrl = new URLSearchParams(search).get('seed');
  const fresh = Math.floor(Math.random() * 0x7fffffff) + 1;
  if (fromUrl === null) return { seed: fresh };
  const pinned = parseSeed(fromUrl);
  return pinned.ok ? { seed: pinned.seed } : { seed: fresh, refusedText: fromUrl.slice(0, 40) };
}
