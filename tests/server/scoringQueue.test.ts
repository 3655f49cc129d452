import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_VERSION } from '../../sim/core/index';
import type { Db } from '../../server/db/db';
import { migrate, migrations } from '../../server/db/migrate';
import { claimJob, enqueueScoring, finishJob, requeueAll } from '../../server/scoring/scoringQueue';
import { startScoringPool } from '../../server/scoring/scoringPool';
import { attemptFile } from './labTestServer';
import { HOOK_TIMEOUT_MS, testDb } from './testDb';

let db: Db;
let traineeId: string;
beforeAll(async () => {
  db = await testDb({ empty: true });
}, HOOK_TIMEOUT_MS);
afterAll(() => db?.close());

/** An attempt row as an upload stores it, with its file. */
async function insertAttempt(status: 'finished' | 'in-progress', fileJson = JSON.stringify(attemptFile(4))) {
  const id = randomUUID();
  await db.query(
    `INSERT INTO attempts (id, trainee_id, scenario_id, scenario_version, scenario_hash, mode, seed, status, log_length,
       end_tick, file_json, body_hash, revision)
     VALUES ($1, $2, 'l1-osteoporotic-wedge', 1, 'h', 'practice', 42, $3, 4, 300, $4, 'b', 1)`,
    [id, traineeId, status, fileJson],
  );
  return id;
}

describe('migrations', () => {
  it('build the schema from an empty database, each recorded once, and a second run does nothing', async () => {
    const names = migrations().map((m) => m.name);
    expect(names[0]).toBe('001_accounts.sql');
    expect(await migrate(db)).toEqual(names);
    expect(await migrate(db)).toEqual([]);
    const recorded = await db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(recorded.map((r) => r.name)).toEqual(names);
    for (const table of ['users', 'cohorts', 'cohort_members', 'sessions', 'rate_limits', 'attempts', 'scoring_jobs'])
      expect(await db.query(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 0 }]);
    traineeId = randomUUID();
    await db.query(
      `INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, 'q', 'Q', 'trainee', 'x')`,
      [traineeId],
    );
  });
});

describe('the scoring queue', () => {
  it('two workers taking jobs at once never take the same one, and together take them all', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = await insertAttempt('finished');
      await enqueueScoring(db, id, 1);
      ids.push(id);
    }
    const taken: Record<string, string[]> = { a: [], b: [] };
    const work = async (worker: 'a' | 'b') => {
      for (;;) {
        const job = await claimJob(db, worker);
        if (!job) return;
        taken[worker].push(job.attemptId);
      }
    };
    await Promise.all([work('a'), work('b'), work('a'), work('b')]);
    const all = [...taken.a, ...taken.b];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...ids].sort());
    const running = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM scoring_jobs WHERE state = 'running'`,
    );
    expect(running[0].n).toBe(12);
    await db.query(`UPDATE scoring_jobs SET state = 'done'`);
  });

  it('a job whose worker stopped (its lease ran out) is taken again', async () => {
    const id = await insertAttempt('finished');
    await enqueueScoring(db, id, 1);
    const job = await claimJob(db, 'crashed');
    expect(job?.attemptId).toBe(id);
    expect(await claimJob(db, 'other')).toBeNull();
    await db.query(`UPDATE scoring_jobs SET lease_until = now() - interval '1 second' WHERE id = $1`, [job?.id]);
    const again = await claimJob(db, 'other');
    expect(again?.attemptId).toBe(id);
    await finishJob(db, again ?? job!, { ok: false, error: 'test', simVersion: SIM_VERSION });
  });

  it(
    'rescore re-queues every finished attempt, and the workers score each under the current SIM_VERSION',
    async () => {
      await db.query(`UPDATE scoring_jobs SET state = 'done'`);
      await insertAttempt('in-progress');
      const finished = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM attempts WHERE status = 'finished'`,
      );
      expect(await requeueAll(db)).toBe(finished[0].n);
      const pool = startScoringPool(db, { size: 2, budgetMs: 60_000, pollMs: 50 });
      try {
        const end = Date.now() + 120_000;
        for (;;) {
          const open = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM scoring_jobs WHERE state IN ('queued', 'running')`,
          );
          if (open[0].n === 0) break;
          if (Date.now() > end) throw new Error('the pool did not empty the queue');
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await pool.stop();
      }
      const rows = await db.query<{ scoring: string; scored_sim_version: string; score_total: number; status: string }>(
        'SELECT status, scoring, scored_sim_version, score_total FROM attempts',
      );
      for (const r of rows.filter((x) => x.status === 'finished'))
        expect(r).toMatchObject({ scoring: 'done', scored_sim_version: SIM_VERSION, score_total: expect.any(Number) });
      expect(rows.filter((x) => x.status === 'in-progress').every((r) => r.scoring === null)).toBe(true);
      const jobs = await db.query<{ worker: string }>(`SELECT DISTINCT worker FROM scoring_jobs WHERE state = 'done'`);
      expect(jobs.length).toBeGreaterThanOrEqual(1);
    },
    HOOK_TIMEOUT_MS,
  );

  it('a newer revision wins: the score of an older revision is not written over it', async () => {
    const id = await insertAttempt('finished');
    await enqueueScoring(db, id, 1);
    const job = await claimJob(db, 'w');
    await db.query('UPDATE attempts SET revision = 2 WHERE id = $1', [id]);
    await finishJob(db, job!, {
      ok: true,
      report: { total: 99, passed: true, criticalErrors: [] },
      simVersion: SIM_VERSION,
    });
    const [row] = await db.query<{ score_total: number | null }>('SELECT score_total FROM attempts WHERE id = $1', [
      id,
    ]);
    expect(row.score_total).toBeNull();
  });
});
