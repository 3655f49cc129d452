import type { StaticProjection } from '../../sim/imaging';
import { finishStaticProjection, StaticProjectionJob } from '../../sim/imaging';
import type { BandResult, ProjectionRequest } from './projectionWorker';
import { isPreviewKey, PREVIEW_PREFIX, previewRequest, upsampleMap } from './previewProjection';
import { projectLiftDeltaRows } from '../../sim/imaging';

/** Rows per main-thread slice when no worker is available (~a few ms each at 256 px). */
const ROWS_PER_SLICE = 8;
/** Projections kept per monitor, least recently used out first (a few nearby poses and the latest lift deltas). */
const MAX_ENTRIES = 8;
/** Workers per monitor: the projection splits into bands of rows, one per worker (at most 4). */
export function workerCount(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(2, Math.min(4, cores));
}

/**
 * Static projections by key. A miss starts one computation (latest request wins), split in bands
 * of rows over a small pool of Web Workers, or, where workers are unavailable, in slices on the
 * main thread so the UI never freezes; get() returns null until the result arrives, and the
 * renderer keeps its last frame. `onReady(result, ms)` reports each finished projection and how
 * long it took from the request. prefetch() queues poses to project while the pool would
 * otherwise idle, behind every get(): a first shot of a view then finds its projection ready
 * instead of waiting the half second or more a 256 px map takes.
 */
export class ProjectionCache {
  private readonly entries = new Map<string, StaticProjection>();
  private workers: Worker[] = [];
  private inFlight: string | null = null;
  private startedAt = 0;
  private pending = 0;
  private assembling: Float32Array | null = null;
  private queued: ProjectionRequest | null = null;
  private sliceTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private lastRequest: ProjectionRequest | null = null;
  private prefetching: ProjectionRequest[] = [];
  /** The full map's size while a preview is in flight (its result is scaled up to it). */
  private previewFor: number | null = null;
  /** When the request wanted now was first asked for: its timing counts the preview before it. */
  private requested: { key: string; at: number } | null = null;

  constructor(private readonly onReady: (result: StaticProjection, ms: number) => void) {
    try {
      for (let w = 0; w < workerCount(); w++) {
        const worker = new Worker(new URL('./projectionWorker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (e: MessageEvent<BandResult>) => this.band(e.data);
        worker.onerror = () => this.fallBack();
        this.workers.push(worker);
      }
    } catch {
      this.fallBack();
    }
  }

  /**
   * The projection for a request; while it is being computed, its preview once that is ready
   * (previewProjection.ts; the result's key tells which), else null.
   */
  get(request: ProjectionRequest): StaticProjection | null {
    const hit = this.entries.get(request.key);
    if (hit) {
      // Most recently used last, so the pose's static map outlives the lift deltas that stream past it.
      this.entries.delete(request.key);
      this.entries.set(request.key, hit);
      return hit;
    }
    // A pose wanted now is no longer a background job.
    this.prefetching = this.prefetching.filter((p) => p.key !== request.key);
    const previewKey = previewRequest(request)?.key;
    const preview = previewKey ? (this.entries.get(previewKey) ?? null) : null;
    if (this.inFlight === request.key) return preview;
    if (this.requested?.key !== request.key) this.requested = { key: request.key, at: performance.now() };
    this.queued = request;
    if (!this.inFlight) this.startNext();
    return preview;
  }

  /**
   * Project these poses in the background, in order, while nothing wanted now waits (those cached,
   * computing or queued are skipped). Each call replaces the previous list: the wishes follow the
   * C-arm, and poses it has since left are not worth the CPU. Never displaces get()'s request.
   */
  prefetch(requests: readonly ProjectionRequest[]): void {
    this.prefetching = requests.filter(
      (r) => !this.entries.has(r.key) && this.inFlight !== r.key && this.queued?.key !== r.key,
    );
    if (!this.inFlight) this.startNext();
  }

  /** Whether a projection is being computed. */
  get busy(): boolean {
    return this.inFlight !== null;
  }

  destroy(): void {
    this.destroyed = true;
    for (const w of this.workers) w.terminate();
    if (this.sliceTimer) clearTimeout(this.sliceTimer);
  }

  /** Module workers can fail to load (old browsers, odd hosting): compute in main-thread slices. */
  private fallBack(): void {
    if (this.workers.length === 0 && this.inFlight === null) return;
    for (const w of this.workers) w.terminate();
    this.workers = [];
    // A preview in flight is dropped: the slices compute the full map, which is what it stood for.
    const retry = this.queued ?? (this.previewFor === null ? this.lastRequest : null);
    this.inFlight = null;
    if (retry && !this.entries.has(retry.key)) this.start(retry);
  }

  private start(request: ProjectionRequest, previewFor: number | null = null): void {
    this.inFlight = request.key;
    this.lastRequest = request;
    this.previewFor = previewFor;
    this.startedAt = performance.now();
    const n = request.sizePx;
    if (this.workers.length > 0) {
      this.assembling = new Float32Array(n * n);
      this.pending = this.workers.length;
      this.workers.forEach((w, k) => {
        const rowStart = Math.round((k * n) / this.workers.length);
        const rowEnd = Math.round(((k + 1) * n) / this.workers.length);
        w.postMessage({ ...request, rowStart, rowEnd });
      });
      return;
    }
    if (request.part === 'liftDelta') {
      // A thin slab: cheap enough for one main-thread slice.
      this.sliceTimer = setTimeout(() => {
        if (this.destroyed) return;
        const map = projectLiftDeltaRows(request.anatomy, request.lift, request.pose, n, request.detectorSizeMm, 0, n);
        this.finish(finishStaticProjection(request.key, n, request.detectorSizeMm, map, 'liftDelta'));
      }, 0);
      return;
    }
    const job = new StaticProjectionJob(
      request.key,
      request.anatomy,
      request.lift,
      request.pose,
      n,
      request.detectorSizeMm,
    );
    const slice = (): void => {
      if (this.destroyed) return;
      if (job.run(ROWS_PER_SLICE)) this.finish(job.result());
      else this.sliceTimer = setTimeout(slice, 0);
    };
    this.sliceTimer = setTimeout(slice, 0);
  }

  private band(r: BandResult): void {
    if (this.destroyed || r.key !== this.inFlight || !this.assembling || !this.lastRequest) return;
    const n = this.lastRequest.sizePx;
    this.assembling.set(r.band, r.rowStart * n);
    if (--this.pending > 0) return;
    const band = this.assembling;
    this.assembling = null;
    // A preview is finished (enhanced, windowed) at the full map's size, so the renderer uses it as is.
    const size = this.previewFor ?? n;
    const map = size === n ? band : upsampleMap(band, n, size);
    this.finish(finishStaticProjection(r.key, size, this.lastRequest.detectorSizeMm, map, this.lastRequest.part));
  }

  private finish(result: StaticProjection): void {
    if (this.destroyed) return;
    this.entries.set(result.key, result);
    // The full map supersedes its preview: free the slot for another pose or lift delta.
    if (!isPreviewKey(result.key)) this.entries.delete(`${PREVIEW_PREFIX}${result.key}`);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.inFlight = null;
    const since = this.requested?.key === result.key ? this.requested.at : this.startedAt;
    const ms = performance.now() - since;
    this.startNext();
    this.onReady(result, ms);
  }

  /**
   * The request wanted now first, else the first background one not yet cached; each is preceded
   * by its preview (previewProjection.ts), so a press right after the C-arm moved has a coarse
   * image within tens of ms.
   */
  private startNext(): void {
    let next = this.queued;
    if (!next || this.entries.has(next.key)) {
      this.queued = null;
      next = null;
      while (!next && this.prefetching.length > 0) {
        const p = this.prefetching.shift() as ProjectionRequest;
        if (!this.entries.has(p.key)) next = p;
      }
      if (!next) return;
      // Kept as the request to finish after its preview, as if it had been asked for.
      this.queued = next;
    }
    // Main-thread slices already show progress; the preview is for the worker pool.
    const preview = this.workers.length > 0 ? previewRequest(next) : null;
    if (preview && !this.entries.has(preview.key)) {
      this.start(preview, next.sizePx);
      return;
    }
    this.queued = null;
    this.start(next);
  }
}
