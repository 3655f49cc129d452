import type { AttemptUpload } from './labApiTypes';
import { LabApiError } from './labApiError';
import { retryDelayMs } from './backoff';

/**
 * The upload queue of a lab station: every attempt body meant for the lab server is written here
 * first (IndexedDB in the app, src/record/outboxStore.ts) and leaves only once the server has
 * answered 2xx, so a server that is down, restarting or out of reach, a closed lid or a reload
 * loses nothing. Only the latest body of an attempt is kept (each holds the whole log so far, and
 * the server's PUT is idempotent, so sending it again after a lost answer is harmless).
 *
 * - No answer, or 5xx/408/429: tried again after a growing wait (backoff.ts), and at once when the
 *   page comes back online or starts again.
 * - 401: the session is gone; the body waits, unrefused, until its trainee signs in again.
 * - Any other 4xx: refused for good; kept with the server's sentence to be shown, and not sent
 *   again unless a newer body of the attempt comes.
 */

export interface OutboxEntry {
  readonly attemptId: string;
  /** The lab user whose attempt it is: only that user's session sends it. */
  readonly ownerId: string;
  readonly ownerName: string;
  readonly body: AttemptUpload;
  /** One more for each newer body of the attempt: a send settles the entry only if none came meanwhile. */
  readonly revision: number;
  /** Wall-clock ms when the attempt first waited here (oldest first is the sending order). */
  readonly queuedAt: number;
  /** Failed tries in a row (the backoff's count). */
  readonly failures: number;
  /** Not tried again before this wall-clock ms (0: now). */
  readonly nextTryAt: number;
  /** Why the last try failed, for the screen. */
  readonly lastError?: string;
  /** The server refused it (a 4xx other than 401): its status and sentence. Not sent again. */
  readonly refused?: { readonly status: number; readonly message: string };
}

/** Where the entries live; each method is one atomic step (one IndexedDB transaction in the app). */
export interface OutboxStore {
  all(): Promise<OutboxEntry[]>;
  /** Write the entry `make` builds from the one stored for the attempt (if any). */
  upsert(attemptId: string, make: (prev: OutboxEntry | undefined) => OutboxEntry): Promise<OutboxEntry>;
  /** If the stored entry still has `revision`, replace it with `next` (or delete it when null). True when it did. */
  settle(attemptId: string, revision: number, next: OutboxEntry | null): Promise<boolean>;
}

export interface OutboxDeps {
  readonly store: OutboxStore;
  /** Send one body (PUT /api/attempts/:id); throws a LabApiError on failure. */
  send(entry: OutboxEntry): Promise<void>;
  /** The signed-in lab user's id, or null: only their entries are sent. */
  signedInAs(): string | null;
  /** The server answered 401: the session is gone. */
  onSessionLost?(): void;
  now(): number;
  random(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface OutboxState {
  /** Entries still to be sent (not refused), oldest first. */
  readonly waiting: readonly OutboxEntry[];
  /** Entries the server refused, with its sentence. */
  readonly refused: readonly OutboxEntry[];
}

export interface Outbox {
  /**
   * Keep this body as the attempt's latest and send it, not before `notBefore` (wall-clock ms;
   * default now): the autosave's in-progress bodies wait a few seconds so that a burst of commands
   * is one request. Resolves once it is stored (not sent).
   */
  enqueue(
    item: Pick<OutboxEntry, 'attemptId' | 'ownerId' | 'ownerName' | 'body'>,
    options?: { readonly notBefore?: number },
  ): Promise<void>;
  /** Send what is due; `now: true` ignores the waits (back online, start-up, sign-in). Resolves after the pass. */
  flush(options?: { readonly now?: boolean }): Promise<void>;
  /** Forget a refused entry once its sentence has been read. */
  dismiss(attemptId: string): Promise<void>;
  state(): OutboxState;
  subscribe(listener: () => void): () => void;
  /** Stop the retry timer (the page goes). */
  dispose(): void;
}

const EMPTY: OutboxState = { waiting: [], refused: [] };

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createOutbox(deps: OutboxDeps): Outbox {
  let state: OutboxState = EMPTY;
  const listeners = new Set<() => void>();
  let running: Promise<void> | null = null;
  let again: { now: boolean } | null = null;
  let timer: unknown = null;
  let disposed = false;
  // The server's own wait, in memory: after a try that found it down (or the session gone), no
  // entry is tried before this, so ten waiting attempts cost one request per retry, not ten.
  // flush({ now: true }) lifts it (back online, start-up, sign-in).
  let pausedUntil = 0;

  const publish = (entries: readonly OutboxEntry[]) => {
    const sorted = [...entries].sort((a, b) => a.queuedAt - b.queuedAt);
    state = { waiting: sorted.filter((e) => !e.refused), refused: sorted.filter((e) => e.refused) };
    for (const l of listeners) l();
  };

  const schedule = (entries: readonly OutboxEntry[]) => {
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
    if (disposed) return;
    const me = deps.signedInAs();
    const due = entries.filter((e) => !e.refused && e.ownerId === me).map((e) => e.nextTryAt);
    if (due.length === 0 || pausedUntil === Number.POSITIVE_INFINITY) return;
    const wait = Math.max(0, Math.min(...due) - deps.now(), pausedUntil - deps.now());
    timer = deps.setTimer(() => {
      timer = null;
      void flush();
    }, wait);
  };

  /** One pass over the due entries, oldest first; it stops at the first sign that the server is down. */
  const pass = async (ignoreWaits: boolean) => {
    const me = deps.signedInAs();
    if (!ignoreWaits && pausedUntil > deps.now()) return;
    const entries = (await deps.store.all()).sort((a, b) => a.queuedAt - b.queuedAt);
    for (const entry of entries) {
      if (entry.refused || me === null || entry.ownerId !== me) continue;
      if (!ignoreWaits && entry.nextTryAt > deps.now()) continue;
      try {
        await deps.send(entry);
        // Sent. A newer body that came meanwhile stays and goes in the next pass.
        if (!(await deps.store.settle(entry.attemptId, entry.revision, null))) again ??= { now: true };
      } catch (err) {
        const api = err instanceof LabApiError ? err : null;
        if (api?.needsSignIn) {
          await deps.store.settle(entry.attemptId, entry.revision, {
            ...entry,
            lastError: `${api.message} The upload waits until ${entry.ownerName} signs in again.`,
          });
          pausedUntil = Number.POSITIVE_INFINITY;
          deps.onSessionLost?.();
          break;
        }
        if (api && !api.retryable) {
          await deps.store.settle(entry.attemptId, entry.revision, {
            ...entry,
            refused: { status: api.status, message: api.message },
            lastError: api.message,
          });
          continue;
        }
        const failures = entry.failures + 1;
        const nextTryAt = deps.now() + retryDelayMs(failures, deps.random());
        pausedUntil = nextTryAt;
        await deps.store.settle(entry.attemptId, entry.revision, {
          ...entry,
          failures,
          nextTryAt,
          lastError: errorText(err),
        });
        // The server is out of reach or failing: the others would fail alike; they wait for the next pass.
        break;
      }
    }
  };

  const flush = (options: { readonly now?: boolean } = {}): Promise<void> => {
    if (running) {
      if (options.now) pausedUntil = 0;
      again = { now: Boolean(again?.now || options.now) };
      return running;
    }
    if (options.now) pausedUntil = 0;
    running = (async () => {
      let ignoreWaits = Boolean(options.now);
      for (;;) {
        again = null;
        try {
          await pass(ignoreWaits);
        } catch (err) {
          // The store itself failed (storage switched off): nothing to send from; say so in the console.
          console.warn('The upload queue cannot be read:', err);
        }
        const entries = await deps.store.all().catch(() => [] as OutboxEntry[]);
        publish(entries);
        // A flush asked for while this one ran (a new body, back online) gets its own pass. The
        // check and the end of this run are one synchronous step, so no request falls between.
        const next = again as { now: boolean } | null;
        if (!next) {
          running = null;
          schedule(entries);
          return;
        }
        ignoreWaits = next.now;
      }
    })().catch((err) => {
      running = null;
      console.warn('The upload queue stopped:', err);
    });
    return running;
  };

  return {
    async enqueue({ attemptId, ownerId, ownerName, body }, options = {}) {
      const now = deps.now();
      const due = Math.max(now, options.notBefore ?? now);
      await deps.store.upsert(attemptId, (prev) =>
        prev && !prev.refused
          ? {
              ...prev,
              ownerId,
              ownerName,
              body,
              revision: prev.revision + 1,
              // A body waiting to be coalesced goes no later than this one asks; one that is failing
              // keeps its backoff: autosaves must not hammer a server that is down.
              nextTryAt: prev.failures > 0 ? prev.nextTryAt : Math.min(prev.nextTryAt, due),
            }
          : {
              attemptId,
              ownerId,
              ownerName,
              body,
              revision: (prev?.revision ?? 0) + 1,
              queuedAt: now,
              failures: 0,
              nextTryAt: due,
            },
      );
      void flush();
    },
    flush,
    async dismiss(attemptId) {
      const entry = (await deps.store.all()).find((e) => e.attemptId === attemptId);
      if (entry?.refused) await deps.store.settle(attemptId, entry.revision, null);
      await flush();
    },
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
    },
  };
}

/** An outbox store in memory: the upload queue's logic under test, and a page whose IndexedDB is off. */
export function memoryOutboxStore(): OutboxStore & { readonly entries: Map<string, OutboxEntry> } {
  const entries = new Map<string, OutboxEntry>();
  return {
    entries,
    all: async () => [...entries.values()],
    async upsert(attemptId, make) {
      const next = make(entries.get(attemptId));
      entries.set(attemptId, next);
      return next;
    },
    async settle(attemptId, revision, next) {
      if (entries.get(attemptId)?.revision !== revision) return false;
      if (next) entries.set(attemptId, next);
      else entries.delete(attemptId);
      return true;
    },
  };
}
