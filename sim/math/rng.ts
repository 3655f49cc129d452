/**
 * Seeded pseudo-random numbers (mulberry32). The only source of variation in sim/:
 * Math.random is forbidden so that scenario + seed + log always replays identically.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Approximately normal (mean, sd), from the sum of uniforms; clipped to +/- 3 sd. */
  normal(mean: number, sd: number): number;
  /** An independent stream derived from this one and a label, so adding a draw in one module does not shift another. */
  fork(label: string): Rng;
}

function hashString(s: string, seed: number): number {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

/** Create a generator from an integer seed. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    normal: (mean, sd) => {
      let s = 0;
      for (let i = 0; i < 6; i++) s += next();
      const z = Math.max(-3, Math.min(3, (s - 3) * Math.SQRT2));
      return mean + sd * z;
    },
    fork: (label) => createRng(hashString(label, seed)),
  };
}
