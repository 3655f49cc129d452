import { TICKS_PER_S } from './constants';

/** Seconds of sim time as m:ss (or h:mm:ss past an hour): the clock of the UI, the debrief and the text report. */
export function formatClock(timeS: number): string {
  const t = Math.max(0, Math.floor(timeS));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A simulation tick as a clock time. */
export function tickClock(tick: number): string {
  return formatClock(tick / TICKS_PER_S);
}
