import type { StaticProjection } from './staticProjection';
import { StaticProjectionJob } from './staticProjection';
import type { ProjectionRequest } from './projectionWorker';

/** Rows per main-thread slice when no worker is available (~a few ms each at 256 px). */
const ROWS_PER_SLICE = 8;
/** Poses kept per monitor (a trainee alternates between a few nearby poses). */
const MAX_ENTRIES = 6;

/**
 * Static projections by key. A miss starts one computation (latest request wins) in a Web
 * Worker, or, where workers are unavailable, in slices on the main thread so the UI never
 * freezes; get() returns null until the result arrives, and the renderer keeps its last frame.
 */
export class ProjectionCache {
  private readonly entries = new Map<string, StaticProjection>();
  private worker: Worker | null = null;
  private inFlight: string | null = null;
  private queued: ProjectionRequest | null = null;
  private sliceTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private lastRequest: ProjectionRequest | null = null;

  constructor(private readonly onReady: () => void) {
    try {
      this.worker = new Worker(new URL('./projectionWorker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<StaticProjection>) => this.finish(e.data);
      this.worker.onerror = () => {
        // Module workers can fail to load (old browsers, odd hosting): fall back to slices.
        this.worker?.terminate();
        this.worker = null;
        const retry = this.queued ?? this.lastRequest;
        this.inFlight = null;
        if (retry) this.start(retry);
      };
    } catch {
      this.worker = null;
    }
  }

  /** The projection for a request, or null while it is being computed. */
  get(request: ProjectionRequest): StaticProjection | null {
    const hit = this.entries.get(request.key);
    if (hit) return hit;
    if (this.inFlight === request.key) return null;
    if (this.inFlight) this.queued = request;
    else this.start(request);
    return null;
  }

  destroy(): void {
    this.destroyed = true;
    this.worker?.terminate();
    if (this.sliceTimer) clearTimeout(this.sliceTimer);
  }

  private start(request: ProjectionRequest): void {
    this.inFlight = request.key;
    this.lastRequest = request;
    this.queued = null;
    if (this.worker) {
      this.worker.postMessage(request);
      return;
    }
    const job = new StaticProjectionJob(request.key, request.anatomy, request.lift, request.pose, request.sizePx, request.detectorSizeMm);
    const slice = (): void => {
      if (this.destroyed) return;
      if (job.run(ROWS_PER_SLICE)) this.finish(job.result());
      else this.sliceTimer = setTimeout(slice, 0);
    };
    this.sliceTimer = setTimeout(slice, 0);
  }

  private finish(result: StaticProjection): void {
    if (this.destroyed) return;
    this.entries.set(result.key, result);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.inFlight = null;
    const next = this.queued;
    if (next && !this.entries.has(next.key)) this.start(next);
    this.onReady();
  }
}
