import type { Db, Queryable } from '../db/db';
import type { XapiRecorder } from '../xapi/xapiOutbox';

/**
 * How long a taken job belongs to its worker: 10 minutes, over three times the replay budget
 * (REPLAY_BUDGET_MS, 3 min). A job still "running" after that lost its instance (stopped,
 * crashed) and is taken again.
 */
export const JOB_LEASE_S = 10 * 60;

/** A job taken from the queue. */
export interface ScoringJob {
  readonly id: number;
  readonly attemptId: string;
  readonly revision: number;
}

/** Queue the attempt's current revision for scoring (inside the caller's transaction). */
export async function enqueueScoring(q: Queryable, attemptId: string, revision: number): Promise<void> {
  await q.query(`INSERT INTO scoring_jobs (attempt_id, revision, state) VALUES ($1, $2, 'queued')`, [
    attemptId,
    revision,
  ]);
  await q.query(`UPDATE attempts SET scoring = 'queued' WHERE id = $1`, [attemptId]);
}

/**
 * Take the oldest queued job (or one whose lease ran out). FOR UPDATE SKIP LOCKED: a job another
 * worker (this instance or another) is taking at this moment is skipped, never taken twice.
 */
export async function claimJob(db: Db, worker: string): Promise<ScoringJob | null> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: number; attempt_id: string; revision: number }>(
      `UPDATE scoring_jobs SET state = 'running', worker = $1, tries = tries + 1,
         lease_until = now() + make_interval(secs => $2)
       WHERE id = (
         SELECT id FROM scoring_jobs
         WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
         ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
       RETURNING id::float8 AS id, attempt_id, revision`,
      [worker, JOB_LEASE_S],
    );
    const r = rows[0];
    if (!r) return null;
    await tx.query(`UPDATE attempts SET scoring = 'running' WHERE id = $1 AND revision = $2`, [
      r.attempt_id,
      r.revision,
    ]);
    return { id: r.id, attemptId: r.attempt_id, revision: r.revision };
  });
}

/** The outcome of scoring: the server's report, or why it could not be scored. */
export type ScoringOutcome =
  | {
      readonly ok: true;
      readonly report: ScoreSummary & { readonly [k: string]: unknown };
      readonly simVersion: string;
    }
  | { readonly ok: false; readonly error: string; readonly simVersion: string };

export interface ScoreSummary {
  readonly total: number;
  readonly passed: boolean;
  readonly criticalErrors: readonly unknown[];
}

/**
 * Store a job's outcome, and the score on the attempt if the attempt is still at the revision the
 * job scored (a newer upload queued a newer job, whose score is the one that counts).
 */
export async function finishJob(
  db: Db,
  job: ScoringJob,
  outcome: ScoringOutcome,
  xapi: XapiRecorder | null = null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE scoring_jobs SET state = $2, error = $3, finished_at = now(), lease_until = NULL WHERE id = $1`,
      [job.id, outcome.ok ? 'done' : 'failed', outcome.ok ? null : outcome.error],
    );
    if (outcome.ok) {
      const r = outcome.report;
      await tx.query(
        `UPDATE attempts SET scoring = 'done', report = $3::jsonb, score_total = $4, score_passed = $5,
           critical_errors = $6, scored_sim_version = $7, scored_at = now(), scoring_error = NULL
         WHERE id = $1 AND revision = $2`,
        [
          job.attemptId,
          job.revision,
          JSON.stringify(r),
          r.total,
          r.passed,
          r.criticalErrors.length,
          outcome.simVersion,
        ],
      );
      await xapi?.attemptScored(tx, job.attemptId, job.revision);
    } else {
      await tx.query(
        `UPDATE attempts SET scoring = 'failed', report = NULL, score_total = NULL, score_passed = NULL,
           critical_errors = NULL, scored_sim_version = $3, scored_at = now(), scoring_error = $4
         WHERE id = $1 AND revision = $2`,
        [job.attemptId, job.revision, outcome.simVersion, outcome.error],
      );
    }
  });
}

/** Re-queue every finished or abandoned attempt (a new SIM_VERSION); returns how many. */
export async function requeueAll(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; revision: number }>(
      `SELECT id, revision FROM attempts WHERE status IN ('finished', 'abandoned') ORDER BY created_at`,
    );
    for (const r of rows) await enqueueScoring(tx, r.id, r.revision);
    return rows.length;
  });
}
