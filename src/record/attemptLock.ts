/**
 * One live attempt has one writer: the tab that plays it holds a Web Lock named after the attempt
 * for as long as it plays. Another tab's menu sees the lock held (the attempt is open elsewhere,
 * not abandoned) and may take it over: it steals the lock, and the first tab, whose lock request
 * then fails, stops writing and tells its trainee. Locks are per origin and browser profile, like
 * the IndexedDB record, and the browser frees them when a tab closes or crashes. Where the Web
 * Locks API is missing nothing is coordinated (every tab behaves as the only one).
 */

/** The lock's name for an attempt id. */
export const attemptLockName = (id: string): string => `kyphosim-attempt:${id}`;

function lockManager(): LockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

export interface AttemptLock {
  /** Resolves once this tab holds the lock (at once where locks are missing). */
  readonly acquired: Promise<void>;
  /** Let the lock go (the attempt is left, finished or handed on). */
  release(): void;
}

/**
 * Hold the attempt's lock in this tab, taking it from any tab that holds it (steal: playing an
 * attempt here is the trainee's choice, made on this tab's menu). `onLost` runs if another tab
 * takes it later; not after `release`.
 */
export function holdAttemptLock(id: string, onLost: () => void): AttemptLock {
  const locks = lockManager();
  if (!locks) return { acquired: Promise.resolve(), release() {} };
  let released = false;
  let free: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    free = resolve;
  });
  let granted: () => void = () => {};
  const acquired = new Promise<void>((resolve) => {
    granted = resolve;
  });
  locks
    .request(attemptLockName(id), { steal: true }, () => {
      granted();
      return held;
    })
    // A stolen lock rejects the request (AbortError): another tab plays this attempt now.
    .catch(() => {
      if (!released) onLost();
    });
  return {
    acquired,
    release() {
      released = true;
      free();
    },
  };
}

/** Whether some tab (of this origin and profile) holds the attempt's lock: it is being played there. */
export async function isAttemptOpenElsewhere(id: string): Promise<boolean> {
  const locks = lockManager();
  if (!locks) return false;
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name === attemptLockName(id));
}
