import { DEFAULT_ACTIVITY_BASE, type XapiConfig } from '../../server/xapi/xapiConfig';
import type { LrsReceiver } from './lrsReceiver';

/** Quick retries, so an LRS that is down for a second is tried several times. */
export const FAST_TIMING = { pollMs: 50, retryBaseMs: 50, retryCapMs: 300, requestTimeoutMs: 5000, leaseMs: 5000 };

export function xapiConfig(lrs: LrsReceiver): XapiConfig {
  return {
    endpoint: lrs.endpoint,
    username: lrs.username,
    password: lrs.password,
    activityBase: DEFAULT_ACTIVITY_BASE,
    homePage: 'https://lab.example.org',
    timing: FAST_TIMING,
  };
}

/** Wait until `check` holds (polling), or fail with what it last saw. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T> | T,
  check: (v: T) => boolean,
  timeoutMs = 60_000,
) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
