import { Worker } from 'node:worker_threads';
import { hostname } from 'node:os';
import type { Db } from '../db/db';
import type { XapiRecorder } from '../xapi/xapiOutbox';
import { claimJob, finishJob, type ScoringJob, type ScoringOutcome } from './scoringQueue';
import type { ScoringRequest } from './scoringThread';

export interface ScoringPoolOptions {
  /** Worker threads, each scoring one attempt at a time. */
  readonly size: number;
  /** Wall-time budget of one replay (REPLAY_BUDGET_MS by default). */
  readonly budgetMs: number;
  /** How often an idle worker looks at the queue for jobs other instances (or the CLI) queued. */
  readonly pollMs: number;
  /** Queues the xAPI statements of a score (null: no LRS configured). */
  readonly xapi?: XapiRecorder | null;
}

export interface ScoringPool {
  /** Look at the queue now (after an upload queued a job). */
  wake(): void;
  /** Stop taking jobs, wait for the running ones, end the threads. */
  stop(): Promise<void>;
}

const BOOT = new URL('./scoringThreadBoot.mjs', import.meta.url);
const ENTRY = new URL('./scoringThread.ts', import.meta.url).href;

/** One thread and the loop that feeds it jobs from the queue. */
class ScoringRunner {
  private thread: Worker;
  private sleeping: (() => void) | null = null;
  private stopped = false;
  readonly done: Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly name: string,
    private readonly options: ScoringPoolOptions,
  ) {
    this.thread = this.spawn();
    this.done = this.loop();
  }

  private spawn(): Worker {
    const thread = new Worker(BOOT, { workerData: { entry: ENTRY } });
    thread.unref();
    return thread;
  }

  wake(): void {
    this.sleeping?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.done;
    await this.thread.terminate();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let job: ScoringJob | null = null;
      try {
        job = await claimJob(this.db, this.name);
        if (job) await finishJob(this.db, job, await this.score(job), this.options.xapi);
      } catch (e) {
        if (this.stopped) return;
        console.error(`scoring ${this.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!job && !this.stopped)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs);
          this.sleeping = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      this.sleeping = null;
    }
  }

  /** Score in the thread; a thread that outlives its budget by a minute is ended and replaced. */
  private async score(job: ScoringJob): Promise<ScoringOutcome> {
    const rows = await this.db.query<{ file_json: string }>('SELECT file_json FROM attempts WHERE id = $1', [
      job.attemptId,
    ]);
    if (!rows[0]) return { ok: false, error: 'The attempt is gone.', simVersion: 'unknown' };
    const request: ScoringRequest = { fileJson: rows[0].file_json, budgetMs: this.options.budgetMs };
    const thread = this.thread;
    return new Promise<ScoringOutcome>((resolve) => {
      const hardLimit = setTimeout(() => {
        cleanup();
        void thread.terminate();
        this.thread = this.spawn();
        resolve({
          ok: false,
          error: 'The scoring thread did not answer within its budget and was stopped.',
          simVersion: 'unknown',
        });
      }, this.options.budgetMs + 60_000);
      const onMessage = (outcome: ScoringOutcome) => {
        cleanup();
        resolve(outcome);
      };
      const onError = (e: Error) => {
        cleanup();
        this.thread = this.spawn();
        resolve({ ok: false, error: `The scoring thread failed: ${e.message}`, simVersion: 'unknown' });
      };
      const cleanup = () => {
        clearTimeout(hardLimit);
        thread.off('message', onMessage);
        thread.off('error', onError);
      };
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.postMessage(request);
    });
  }
}

/**
 * Scoring workers: `size` threads, each taking jobs from the database queue (claimJob: SKIP
 * LOCKED), so any number of server instances share one queue and no job is scored twice at once.
 */
export function startScoringPool(db: Db, options: ScoringPoolOptions): ScoringPool {
  const runners = Array.from(
    { length: options.size },
    (_, i) => new ScoringRunner(db, `${hostname()}:${process.pid}:${i}`, options),
  );
  return {
    wake: () => {
      for (const r of runners) r.wake();
    },
    stop: async () => {
      await Promise.all(runners.map((r) => r.stop()));
    },
  };
}
