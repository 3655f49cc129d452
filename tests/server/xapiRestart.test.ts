import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/db/openDb';
import { type LabServer, type LabServerOptions, startLabServer } from '../../server/labServer';
import { addUser, attemptFile, PASSWORD, signedIn, upload } from './labTestServer';
import { LrsReceiver } from './lrsReceiver';
import { HOOK_TIMEOUT_MS } from './testDb';
import { eventually, xapiConfig } from './xapiTestHelpers';

/**
 * The outbox outlives the server: statements queued while the LRS was down, with the server then
 * stopped, are sent by the next server on the same database. On PGlite that is the same data
 * folder; on DATABASE_URL the same schema.
 */
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'kyphosim-xapi-restart-'));
const schema = databaseUrl ? `test_${randomUUID().replace(/-/g, '')}` : undefined;
const lrs = new LrsReceiver();
const servers: LabServer[] = [];

async function start(): Promise<LabServer> {
  const options: LabServerOptions = {
    host: '127.0.0.1',
    port: 0,
    databaseUrl,
    schema,
    dataDir,
    labSecret: 'a lab secret of more than thirty-two characters',
    scoringWorkers: 0,
    replayBudgetMs: 60_000,
    pollMs: 100,
    trustProxy: false,
    xapi: xapiConfig(lrs),
  };
  const server = await startLabServer(options);
  servers.push(server);
  return server;
}

afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
  await lrs.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl && schema) {
    const db = await openDb({ databaseUrl });
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  }
}, HOOK_TIMEOUT_MS);

describe('the xAPI outbox across a restart', () => {
  it(
    'statements pending when the server stops arrive, exactly once, from the next server on the same database',
    async () => {
      // The LRS is down: it has a port (taken once so the configuration names it), but is not listening.
      await lrs.start();
      await lrs.stop();
      const first = await start();
      await addUser(first, 'admin', 'admin');
      const admin = await signedIn(first, 'admin');
      const made = await admin.request('POST', '/api/users', {
        username: 'trainee-r',
        displayName: 'Trainee R',
        password: PASSWORD,
        role: 'trainee',
      });
      expect(made.status).toBe(201);
      const trainee = await signedIn(first, 'trainee-r');
      const ids = [randomUUID(), randomUUID()];
      expect((await trainee.request('PUT', `/api/attempts/${ids[0]}`, upload(attemptFile(2), 'finished'))).status).toBe(
        200,
      );
      expect(
        (await trainee.request('PUT', `/api/attempts/${ids[1]}`, upload(attemptFile(1), 'in-progress'))).status,
      ).toBe(200);
      const pending = await eventually(
        'tried while the LRS is down',
        () =>
          first.db.query<{ statement_id: string; tries: number }>(
            'SELECT statement_id, tries FROM xapi_outbox WHERE sent_at IS NULL ORDER BY seq',
          ),
        (rows) => rows.length === 5 && rows.every((r) => r.tries >= 1),
      );
      await first.close();
      expect(lrs.stored.size).toBe(0);

      await lrs.start();
      const second = await start();
      await eventually(
        'all sent by the second server',
        () => second.db.query<{ n: number }>('SELECT count(*)::int AS n FROM xapi_outbox WHERE sent_at IS NULL'),
        (rows) => rows[0].n === 0,
      );
      expect([...lrs.stored.keys()].sort()).toEqual(pending.map((p) => p.statement_id).sort());
      for (const p of pending)
        expect(lrs.posts.filter((x) => x.status === 200 && x.ids.includes(p.statement_id))).toHaveLength(1);
      expect(lrs.verbsOf(ids[0])).toEqual(['launched', 'initialized', 'terminated']);
      expect(lrs.verbsOf(ids[1])).toEqual(['launched', 'initialized']);
      expect(lrs.rejected).toEqual([]);
    },
    HOOK_TIMEOUT_MS,
  );
});
