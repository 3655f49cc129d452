/** The first wait before an upload is tried again. */
export const FIRST_RETRY_MS = 2_000;
/** The longest wait: a lab server back after a restart is seen within this. */
export const MAX_RETRY_MS = 5 * 60_000;

/**
 * How long to wait before try number `failures + 1`, after `failures` failed tries: doubling from
 * FIRST_RETRY_MS up to MAX_RETRY_MS, then spread by jitter to between half and all of that, so the
 * stations of a lab whose server comes back do not all send in the same second. `random` is a
 * number in [0, 1) (Math.random in the app, fixed in tests).
 */
export function retryDelayMs(failures: number, random: number): number {
  const n = Math.max(1, Math.floor(failures));
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling * (0.5 + 0.5 * r));
}
