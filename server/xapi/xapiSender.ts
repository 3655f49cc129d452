import XAPI from '@xapi/xapi';
import type { Db } from '../db/db';
import { lrsAdapter } from './lrsAdapter';
import { DEFAULT_XAPI_TIMING, type XapiConfig, type XapiTiming } from './xapiConfig';
import { claimStatements, markFailed, markRetry, markSent, type OutboxEntry } from './xapiOutbox';

/** How many statements one claim takes: sent one by one, each with its own outcome. */
const BATCH = 20;

/** What an LRS answer means for the statement. */
export type Delivery =
  | { readonly kind: 'sent' }
  | { readonly kind: 'failed'; readonly reason: string }
  | {
      readonly kind: 'retry';
      readonly reason: string;
      /** The LRS's Retry-After, if it gave one. */
      readonly afterMs?: number;
    };

/**
 * The meaning of an LRS's status: 2xx stored; 409 it already has this id (a retry of one it
 * stored): delivered; 429 and 408 busy, 5xx broken: retried; 401/403 it refuses our credentials,
 * which is the lab's configuration, not the statement: retried until someone fixes it; any other
 * 4xx refuses the statement itself: failed for good, with its reason.
 */
export function deliveryOf(status: number, answer: string, retryAfter: string | undefined): Delivery {
  if ((status >= 200 && status < 300) || status === 409) return { kind: 'sent' };
  const reason = `the LRS answered ${status}${answer ? `: ${answer.replace(/\s+/g, ' ').slice(0, 500)}` : ''}`;
  if (status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status)) return { kind: 'failed', reason };
  const seconds = retryAfter !== undefined ? Number(retryAfter) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0
    ? { kind: 'retry', reason, afterMs: seconds * 1000 }
    : { kind: 'retry', reason };
}

/** Exponential backoff: base, 2 x base, 4 x base ... up to the cap, with +-20 % so instances spread out. */
export function retryDelayMs(tries: number, timing: Pick<XapiTiming, 'retryBaseMs' | 'retryCapMs'>): number {
  const exponential = timing.retryBaseMs * 2 ** Math.min(30, Math.max(0, tries - 1));
  return Math.min(timing.retryCapMs, exponential) * (0.8 + 0.4 * Math.random());
}

export interface XapiSender {
  /** Look at the outbox now. */
  wake(): void;
  /** Stop: the request under way is abandoned (and retried by whichever sender comes next), the loop ends. */
  stop(): Promise<void>;
}

/** The sender loop of one server instance: takes due statements from the outbox and POSTs them to the LRS. */
export function startXapiSender(db: Db, config: XapiConfig): XapiSender {
  const timing: XapiTiming = { ...DEFAULT_XAPI_TIMING, ...config.timing };
  const stopping = new AbortController();
  const lrs = new XAPI({
    endpoint: config.endpoint,
    auth: XAPI.toBasicAuth(config.username, config.password),
    adapter: lrsAdapter(timing.requestTimeoutMs, stopping.signal),
  });
  let sleeping: (() => void) | null = null;
  let lastProblem = '';

  const note = (problem: string) => {
    // One line per change of state, not one per statement of an LRS down for a day.
    if (problem && problem !== lastProblem) console.warn(`xAPI: ${problem}`);
    lastProblem = problem;
  };

  async function send(entry: OutboxEntry): Promise<void> {
    let delivery: Delivery;
    try {
      const res = await lrs.sendStatement({ statement: entry.body });
      delivery = deliveryOf(res.status, typeof res.data === 'string' ? res.data : '', res.headers['retry-after']);
    } catch (e) {
      if (stopping.signal.aborted) {
        await markRetry(db, entry.statementId, 0, 'the server stopped while sending it');
        return;
      }
      const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
      delivery = { kind: 'retry', reason: `the LRS could not be reached: ${cause}` };
    }
    if (delivery.kind === 'sent') {
      await markSent(db, entry.statementId);
      note('');
    } else if (delivery.kind === 'failed') {
      await markFailed(db, entry.statementId, delivery.reason);
      console.warn(`xAPI: statement ${entry.statementId} refused for good: ${delivery.reason}`);
    } else {
      const delay = Math.min(timing.retryCapMs, delivery.afterMs ?? retryDelayMs(entry.tries, timing));
      await markRetry(db, entry.statementId, delay, delivery.reason);
      note(`${delivery.reason} (statements kept, retried with backoff)`);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      let taken = 0;
      try {
        const batch = await claimStatements(db, BATCH, timing.leaseMs);
        taken = batch.length;
        for (const [i, entry] of batch.entries()) {
          if (stopping.signal.aborted) {
            // Claimed but not tried: due again at once for the next sender.
            for (const rest of batch.slice(i))
              await markRetry(db, rest.statementId, 0, 'the server stopped before sending it');
            return;
          }
          await send(entry);
        }
      } catch (e) {
        if (stopping.signal.aborted) return;
        console.error(`xAPI sender: ${e instanceof Error ? e.message : String(e)}`);
        taken = 0;
      }
      if (taken === 0 && !stopping.signal.aborted)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timing.pollMs);
          sleeping = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      sleeping = null;
    }
  }

  const done = loop();
  return {
    wake: () => sleeping?.(),
    async stop() {
      stopping.abort();
      sleeping?.();
      await done;
    },
  };
}
