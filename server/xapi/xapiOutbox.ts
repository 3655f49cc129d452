import type { Statement } from '@xapi/xapi';
import type { Scenario } from '../../levels/scenarioSchema';
import type { Db, Queryable } from '../db/db';
import { type AttemptFacts, attemptStatement, ON_UPLOAD } from './attemptStatements';
import type { XapiConfig } from './xapiConfig';
import type { VerbName } from './xapiVerbs';

/**
 * Queues an attempt's statements in the outbox, inside the transaction of the event that causes
 * them (an upload, a score), so a statement exists if and only if its event was stored.
 */
export interface XapiRecorder {
  /** After an upload wrote the attempt: launched + initialized, and terminated or abandoned at its end. */
  attemptUploaded(tx: Queryable, attemptId: string): Promise<void>;
  /** After a score was stored for this revision: completed + passed or failed (finished attempts). */
  attemptScored(tx: Queryable, attemptId: string, revision: number): Promise<void>;
}

interface FactsRow {
  id: string;
  trainee_id: string;
  scenario_id: string;
  scenario_version: number;
  mode: string;
  seed: number;
  status: AttemptFacts['status'];
  end_tick: number;
  created_at: Date;
  updated_at: Date;
  revision: number;
  scoring: string | null;
  score_total: number | null;
  score_passed: boolean | null;
  critical_errors: number | null;
  scored_sim_version: string | null;
}

async function readFacts(tx: Queryable, attemptId: string, published: readonly Scenario[]) {
  const rows = await tx.query<FactsRow>(
    `SELECT id, trainee_id, scenario_id, scenario_version, mode, seed::float8 AS seed, status, end_tick, created_at,
       updated_at, revision, scoring, score_total, score_passed, critical_errors, scored_sim_version
     FROM attempts WHERE id = $1`,
    [attemptId],
  );
  const r = rows[0];
  if (!r) return null;
  const scenario = published.find((s) => s.id === r.scenario_id && (s.version ?? 1) === r.scenario_version);
  // A scenario stored on the lab (server/labScenarios/) is named by its stored title.
  const stored = scenario
    ? []
    : await tx.query<{ title: string }>('SELECT title FROM lab_scenarios WHERE id = $1 AND version = $2', [
        r.scenario_id,
        r.scenario_version,
      ]);
  const facts: AttemptFacts = {
    id: r.id,
    traineeId: r.trainee_id,
    scenarioId: r.scenario_id,
    scenarioVersion: r.scenario_version,
    scenarioTitle: scenario?.title ?? stored[0]?.title ?? null,
    mode: r.mode,
    seed: r.seed,
    status: r.status,
    endTick: r.end_tick,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    score:
      r.scoring === 'done' && r.score_total !== null
        ? {
            total: r.score_total,
            passed: r.score_passed === true,
            criticalErrors: r.critical_errors ?? 0,
            simVersion: r.scored_sim_version ?? 'unknown',
          }
        : null,
  };
  return { facts, revision: r.revision };
}

/**
 * Put statements in the outbox; one already there (same attempt, same verb: same id) is left as
 * it is, so queueing again never duplicates and never re-sends.
 */
export async function queueStatements(tx: Queryable, attemptId: string, statements: readonly Statement[]) {
  for (const s of statements)
    await tx.query(
      `INSERT INTO xapi_outbox (statement_id, attempt_id, body) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (statement_id) DO NOTHING`,
      [s.id, attemptId, JSON.stringify(s)],
    );
}

/** The recorder of a lab with an LRS configured. */
export function xapiRecorder(config: XapiConfig, published: readonly Scenario[]): XapiRecorder {
  const build = (facts: AttemptFacts, verbs: readonly VerbName[]) =>
    verbs.map((v) => attemptStatement(config, facts, v));
  return {
    async attemptUploaded(tx, attemptId) {
      const read = await readFacts(tx, attemptId, published);
      if (read) await queueStatements(tx, attemptId, build(read.facts, ON_UPLOAD[read.facts.status]));
    },
    async attemptScored(tx, attemptId, revision) {
      const read = await readFacts(tx, attemptId, published);
      // A newer upload made this score stale; an abandoned attempt already said "abandoned".
      if (!read || read.revision !== revision || !read.facts.score || read.facts.status !== 'finished') return;
      await queueStatements(
        tx,
        attemptId,
        build(read.facts, ['completed', read.facts.score.passed ? 'passed' : 'failed']),
      );
    },
  };
}

/** A statement taken from the outbox by one sender. */
export interface OutboxEntry {
  readonly statementId: string;
  readonly body: Statement;
  /** Tries so far, this one included. */
  readonly tries: number;
}

/**
 * Take up to `limit` statements that are due, oldest first, for `leaseMs`: FOR UPDATE SKIP LOCKED,
 * so two senders (this instance or another) never take the same one; a statement whose sender
 * stopped mid-send is due again when its lease runs out (the LRS then answers 409 if it had it).
 * Only the oldest unsent statement of each attempt is taken, so an attempt's statements reach the
 * LRS in the order they happened (launched before initialized) even after retries with different
 * delays; a statement refused for good does not hold back the ones after it.
 */
export async function claimStatements(db: Db, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ statement_id: string; body: Statement; tries: number; seq: number }>(
      `UPDATE xapi_outbox SET tries = tries + 1, next_try_at = now() + make_interval(secs => $2)
       WHERE statement_id IN (
         SELECT o.statement_id FROM xapi_outbox o
         WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_try_at <= now()
           AND NOT EXISTS (
             SELECT 1 FROM xapi_outbox p
             WHERE p.attempt_id = o.attempt_id AND p.seq < o.seq AND p.sent_at IS NULL AND p.failed_at IS NULL)
         ORDER BY o.seq FOR UPDATE OF o SKIP LOCKED LIMIT $1)
       RETURNING statement_id, body, tries, seq::float8 AS seq`,
      [limit, leaseMs / 1000],
    );
    // RETURNING gives no order: sent in the order they were queued.
    return rows
      .sort((a, b) => a.seq - b.seq)
      .map((r) => ({ statementId: r.statement_id, body: r.body, tries: r.tries }));
  });
}

/** The LRS has it (stored now, or already: 409). */
export async function markSent(db: Db, id: string): Promise<void> {
  await db.query('UPDATE xapi_outbox SET sent_at = now(), last_error = NULL WHERE statement_id = $1', [id]);
}

/** The LRS refused it for good (a 4xx about the statement itself): kept with the reason, not retried. */
export async function markFailed(db: Db, id: string, reason: string): Promise<void> {
  await db.query('UPDATE xapi_outbox SET failed_at = now(), last_error = $2 WHERE statement_id = $1', [id, reason]);
}

/** Try again after `delayMs` (the LRS down, busy, or refusing our credentials). */
export async function markRetry(db: Db, id: string, delayMs: number, reason: string): Promise<void> {
  await db.query(
    `UPDATE xapi_outbox SET next_try_at = now() + make_interval(secs => $2), last_error = $3 WHERE statement_id = $1`,
    [id, delayMs / 1000, reason],
  );
}
