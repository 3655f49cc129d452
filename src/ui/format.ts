// The clock is shared with sim/ (the CLI's text report prints the same times as the debrief).
export { formatClock, tickClock } from '../../sim/core';

/** Fixed decimals, with a minus sign that never shows for -0. */
export function fixed(x: number, digits = 1): string {
  const s = x.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}
