/**
 * Coalescing save queue: saves run one at a time, in order; requests made while a save is waiting
 * to start merge into it (it reads the latest state when it starts), so a burst of commands costs
 * one or two writes. `finish` queues a last write after everything pending and closes the queue,
 * so no in-progress save can land after the finished one.
 */
export interface Autosaver {
  request(): void;
  finish(last: () => Promise<void>): Promise<void>;
  /** Stop accepting requests (queued writes still complete). */
  close(): void;
  /** Resolves when every queued write has completed. */
  idle(): Promise<void>;
}

export function createAutosaver(save: () => Promise<void>, onError: (err: unknown) => void): Autosaver {
  let chain: Promise<void> = Promise.resolve();
  let queued = false;
  let closed = false;
  const run = (write: () => Promise<void>) => {
    chain = chain.then(write).catch(onError);
    return chain;
  };
  return {
    request() {
      if (closed || queued) return;
      queued = true;
      void run(() => {
        queued = false;
        return save();
      });
    },
    finish(last) {
      closed = true;
      return run(last);
    },
    close() {
      closed = true;
    },
    idle: () => chain,
  };
}
