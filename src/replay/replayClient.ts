import { createReplayHandlers } from './replayHandlers';
import type { AttemptInput, ReplayRequest, ReplayResponse, ReplayResults } from './replayProtocol';

/** The page's side of the replay worker: one promise per request, answered in order of arrival. */
export interface ReplayClient {
  trace(attempt: AttemptInput): Promise<ReplayResults['trace']>;
  expert(attempt: AttemptInput): Promise<ReplayResults['expert']>;
  film(attempt: AttemptInput): Promise<ReplayResults['film']>;
  image(index: number): Promise<ReplayResults['image']>;
  /** Parse, validate, replay and re-score an attempt file's text into a history record (nothing is stored). */
  importRecord(text: string, trainee: string, recordId: string, nowMs: number): Promise<ReplayResults['import']>;
  /** Re-run a stored attempt file for the debrief. */
  open(file: unknown): Promise<ReplayResults['open']>;
  dispose(): void;
}

type Pending = { request: ReplayRequest; resolve: (v: unknown) => void; reject: (e: Error) => void };
type Body = ReplayRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * A replay client on a module Web Worker (src/replay/replayWorker.ts), or on the page's own thread
 * where module workers cannot start (the same handlers; the page then pauses while it replays).
 */
export function createReplayClient(): ReplayClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let local: ReturnType<typeof createReplayHandlers> | null = null;
  try {
    worker = new Worker(new URL('./replayWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<ReplayResponse>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data.value);
      else p.reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      // A worker that cannot load: answer what is waiting on the page instead.
      e.preventDefault();
      worker?.terminate();
      worker = null;
      const handle = createReplayHandlers();
      local = handle;
      const waiting = [...pending.values()];
      pending.clear();
      for (const p of waiting) handle(p.request).then(p.resolve, p.reject);
    };
  } catch {
    local = createReplayHandlers();
  }

  const send = <T>(body: Body): Promise<T> => {
    const id = nextId++;
    const request = { ...body, id } as ReplayRequest;
    if (!worker) {
      if (!local) local = createReplayHandlers();
      const handle = local;
      // After the current task, so the page paints what it has before the replay holds it.
      return new Promise<void>((r) => setTimeout(r, 0)).then(() => handle(request) as Promise<T>);
    }
    const live = worker;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { request, resolve: resolve as (v: unknown) => void, reject });
      live.postMessage(request);
    });
  };

  return {
    trace: (attempt) => send({ kind: 'trace', attempt }),
    expert: (attempt) => send({ kind: 'expert', attempt }),
    film: (attempt) => send({ kind: 'film', attempt }),
    image: (index) => send({ kind: 'image', index }),
    importRecord: (text, trainee, recordId, nowMs) => send({ kind: 'import', text, trainee, recordId, nowMs }),
    open: (file) => send({ kind: 'open', file }),
    dispose() {
      worker?.terminate();
      worker = null;
      for (const p of pending.values()) p.reject(new Error('the debrief was closed'));
      pending.clear();
    },
  };
}
