import type { Queryable } from '../db/db';

/**
 * Failed sign-ins are counted in the database per username and per client address, in fixed
 * windows of 15 minutes, so every server instance sees the same counts. 5 failures per username
 * stop password guessing against one account (a trainee who forgot theirs asks the instructor);
 * 30 per address leave a lab room behind one NAT room to mistype, and stop one machine from
 * trying many accounts.
 */
export const THROTTLE_WINDOW_S = 15 * 60;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

/** A counter and how many failures it allows per window. */
export interface ThrottleKey {
  readonly key: string;
  readonly max: number;
}

/** Sign-in failures count against the username and the address. */
export const signInKeys = (username: string, address: string): ThrottleKey[] => [
  { key: `user:${username}`, max: MAX_FAILURES_PER_USERNAME },
  { key: `ip:${address}`, max: MAX_FAILURES_PER_ADDRESS },
];

/** Wrong join codes count against the address: guessing codes from one machine stops. */
export const joinKeys = (address: string): ThrottleKey[] => [{ key: `join:${address}`, max: MAX_FAILURES_PER_ADDRESS }];

/** Whether any of the keys has used up its failures in the current window. */
export async function isThrottled(q: Queryable, keys: readonly ThrottleKey[]): Promise<boolean> {
  for (const { key, max } of keys) {
    const rows = await q.query<{ count: number }>(
      `SELECT count FROM rate_limits WHERE key = $1 AND window_start > now() - make_interval(secs => $2)`,
      [key, THROTTLE_WINDOW_S],
    );
    if (rows[0] && rows[0].count >= max) return true;
  }
  return false;
}

/** Count a failure against each key; a window that ran out starts again. */
export async function recordFailure(q: Queryable, keys: readonly ThrottleKey[]): Promise<void> {
  for (const { key } of keys) {
    await q.query(
      `INSERT INTO rate_limits (key, count, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE rate_limits.count + 1 END,
         window_start = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => $2) THEN now() ELSE rate_limits.window_start END`,
      [key, THROTTLE_WINDOW_S],
    );
  }
}

/** A successful sign-in clears its username's failures (not the address's: others may be guessing from there). */
export async function clearFailures(q: Queryable, username: string): Promise<void> {
  await q.query('DELETE FROM rate_limits WHERE key = $1', [`user:${username}`]);
}
