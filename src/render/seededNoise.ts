import { gaussianTable } from '../../sim/imaging';
import { createRng } from '../../sim/math';

/**
 * Seeded quantum noise for the monitors: the Gaussian table and the per-frame read offset both
 * come from the session's seed, never from Math.random, so two runs of the same case with the same
 * seed and the same pedal presses show the same mottle on every frame (screenshots and pixel tests
 * can compare runs). The offset depends on the frame's simulation tick, not on wall time, because
 * how many browser frames fall between two ticks changes with the machine's load.
 */

/** A 32-bit mix of two integers (the murmur3 finaliser), so nearby seeds and ticks land far apart. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The seed of one monitor's noise: the session seed salted by the view, so a biplane C-arm's two
 * monitors, live on the same tick, do not show the same mottle.
 */
export function noiseSeedFor(sessionSeed: number, view: string): number {
  let h = sessionSeed >>> 0;
  for (let i = 0; i < view.length; i++) h = mix(h, view.charCodeAt(i));
  return h;
}

/** The pre-drawn standard normal table the frames read from (same seed, same table). */
export function noiseTable(seed: number, length: number): Float32Array {
  return gaussianTable(length, createRng(seed).next);
}

/** Where frame `tick` starts reading the table: a fresh, reproducible offset in [0, span). */
export function noiseOffset(seed: number, tick: number, span: number): number {
  return mix(seed, tick >>> 0) % span;
}
