import { TICKS_PER_S } from '../../sim/constants';

/** Seconds as m:ss (or h:mm:ss past an hour). */
export function formatClock(timeS: number): string {
  const t = Math.max(0, Math.floor(timeS));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Simulation tick as a clock time. */
export function tickClock(tick: number): string {
  return formatClock(tick / TICKS_PER_S);
}

/** Fixed decimals, with a minus sign that never shows for -0. */
export function fixed(x: number, digits = 1): string {
  const s = x.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}
