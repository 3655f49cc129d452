/**
 * The seed for a new attempt: `?seed=N` in the URL pins it (instructors, exams, end-to-end
 * tests); otherwise a fresh random one. The simulation itself never draws randomness from the
 * browser: everything downstream of this number is deterministic.
 */
export function initialSeed(): number {
  const fromUrl = new URLSearchParams(window.location.search).get('seed');
  if (fromUrl !== null && /^\d+$/.test(fromUrl)) return Number(fromUrl) >>> 0;
  return Math.floor(Math.random() * 0x7fffffff) + 1;
}
