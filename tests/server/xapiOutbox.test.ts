import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabServer } from '../../server/labServer';
import { startLabServer } from '../../server/labServer';
import { requeueAll } from '../../server/scoring/scoringQueue';
import { statementId } from '../../server/xapi/statementId';
import { VERBS } from '../../server/xapi/xapiVerbs';
import { attemptFile, type Lab, makeLab, scored, startTestServer, upload } from './labTestServer';
import { LrsReceiver } from './lrsReceiver';
import { eventually, xapiConfig } from './xapiTestHelpers';
import { HOOK_TIMEOUT_MS, testDb } from './testDb';

interface OutboxRow {
  statement_id: string;
  tries: number;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}
const outbox = (server: LabServer, attemptId: string) =>
  server.db.query<OutboxRow>(
    'SELECT statement_id, tries, sent_at, failed_at, last_error FROM xapi_outbox WHERE attempt_id = $1 ORDER BY seq',
    [attemptId],
  );
const unsent = async (server: LabServer) =>
  (
    await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM xapi_outbox WHERE sent_at IS NULL AND failed_at IS NULL',
    )
  )[0].n;

/** How many POSTs the LRS answered 200 for this statement id (exactly once means no duplicate). */
const acceptedPosts = (lrs: LrsReceiver, id: string) =>
  lrs.posts.filter((p) => p.status === 200 && p.ids.includes(id)).length;

let lrs: LrsReceiver;
let server: LabServer;
let lab: Lab;

beforeAll(async () => {
  lrs = new LrsReceiver();
  await lrs.start();
  server = await startLabServer({
    host: '127.0.0.1',
    port: 0,
    db: await testDb(),
    scoringWorkers: 1,
    replayBudgetMs: 60_000,
    pollMs: 100,
    trustProxy: false,
    xapi: xapiConfig(lrs),
  });
  lab = await makeLab(server);
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await server?.close();
  await lrs?.stop();
});

describe('xAPI statements to the LRS', () => {
  it('an attempt: launched, initialized, terminated, completed, passed|failed, each valid and stored once', async () => {
    const id = randomUUID();
    const inProgress = upload(attemptFile(2), 'in-progress');
    expect((await lab.trainee.request('PUT', `/api/attempts/${id}`, inProgress)).status).toBe(200);
    // The same upload again, and a longer autosave: still one launched, one initialized.
    expect((await lab.trainee.request('PUT', `/api/attempts/${id}`, inProgress)).status).toBe(200);
    expect(
      (await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(3), 'in-progress'))).status,
    ).toBe(200);
    expect((await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(4), 'finished'))).status).toBe(
      200,
    );
    const { score, scenarioVersion } = (await scored(lab.trainee, id)).body;
    expect(score).not.toBeNull();
    const verdict = score.passed ? 'passed' : 'failed';
    await eventually(
      'the LRS has all five',
      () => lrs.verbsOf(id),
      (v) => v.length === 5,
    );
    expect(lrs.verbsOf(id)).toEqual(['launched', 'initialized', 'terminated', 'completed', verdict]);
    expect(lrs.rejected).toEqual([]);
    for (const verb of ['launched', 'initialized', 'terminated', 'completed', verdict] as const) {
      const sid = statementId(id, VERBS[verb]);
      expect(lrs.stored.has(sid), verb).toBe(true);
      expect(acceptedPosts(lrs, sid), verb).toBe(1);
    }
    const passed = lrs.stored.get(statementId(id, VERBS[verdict])) as any;
    expect(passed.actor.account).toEqual({ homePage: 'https://lab.example.org', name: lab.trainee.user?.id });
    expect(passed.object.id).toBe(`https://kyphosim.invalid/scenarios/l1-osteoporotic-wedge/v${scenarioVersion}`);
    expect(passed.result.score.raw).toBe(score.total);
    expect(passed.result.success).toBe(score.passed);
    expect(Object.values(passed.result.extensions)).toContain(score.criticalErrors);

    // Re-scoring (a new SIM_VERSION) queues nothing new: the LRS keeps the statements it has.
    const before = lrs.posts.length;
    await requeueAll(server.db);
    server.scoring.wake();
    await scored(lab.trainee, id);
    await new Promise((r) => setTimeout(r, 500));
    expect((await outbox(server, id)).length).toBe(5);
    expect(lrs.posts.length).toBe(before);
  });

  it('an abandoned attempt: launched, initialized, abandoned (no completed, no verdict)', async () => {
    const id = randomUUID();
    expect((await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(2), 'abandoned'))).status).toBe(
      200,
    );
    await scored(lab.trainee, id);
    await eventually(
      'the LRS has three',
      () => lrs.verbsOf(id),
      (v) => v.length === 3,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(lrs.verbsOf(id)).toEqual(['launched', 'initialized', 'abandoned']);
    expect(lrs.rejected).toEqual([]);
  });

  it('the LRS down (refusing connections, then 503), then up: every statement arrives exactly once', async () => {
    await lrs.stop();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids)
      expect(
        (await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(1), 'in-progress'))).status,
      ).toBe(200);
    // Tried and kept, with the reason, while the LRS is down.
    const tried = await eventually(
      'retries while down',
      () => outbox(server, ids[0]),
      (rows) => rows.every((r) => r.tries >= 2 && r.sent_at === null),
    );
    expect(tried[0].last_error).toMatch(/could not be reached/);
    expect(tried.every((r) => r.failed_at === null)).toBe(true);
    await lrs.start();
    lrs.answerWith = 503;
    await eventually(
      '503 answered',
      () => lrs.posts.filter((p) => p.status === 503).length,
      (n) => n >= 2,
    );
    expect((await outbox(server, ids[1]))[0].sent_at).toBeNull();
    lrs.answerWith = null;
    await eventually(
      'all delivered',
      () => unsent(server),
      (n) => n === 0,
    );
    for (const id of ids) {
      expect(lrs.verbsOf(id)).toEqual(['launched', 'initialized']);
      for (const row of await outbox(server, id)) expect(acceptedPosts(lrs, row.statement_id)).toBe(1);
    }
    expect(lrs.rejected).toEqual([]);
  });

  it('a statement the LRS already has (the answer to an earlier send was lost) answers 409: delivered, not stored twice', async () => {
    const id = randomUUID();
    expect(
      (await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(1), 'in-progress'))).status,
    ).toBe(200);
    await eventually(
      'sent',
      () => outbox(server, id),
      (rows) => rows.length === 2 && rows.every((r) => r.sent_at !== null),
    );
    const launched = statementId(id, VERBS.launched);
    // As if the LRS's answer had been lost: the outbox still thinks it is to be sent.
    await server.db.query('UPDATE xapi_outbox SET sent_at = NULL, next_try_at = now() WHERE statement_id = $1', [
      launched,
    ]);
    await eventually(
      'sent again',
      () => outbox(server, id),
      (rows) => rows.every((r) => r.sent_at !== null),
    );
    expect(lrs.posts.filter((p) => p.ids.includes(launched)).map((p) => p.status)).toEqual([200, 409]);
    expect(acceptedPosts(lrs, launched)).toBe(1);
  });

  it('a statement the LRS refuses as malformed (400) is kept as failed with the reason and not retried; the rest go on', async () => {
    const id = randomUUID();
    expect(
      (await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(1), 'in-progress'))).status,
    ).toBe(200);
    const bad = randomUUID();
    await eventually(
      'first two sent',
      () => outbox(server, id),
      (rows) => rows.length === 2 && rows.every((r) => r.sent_at !== null),
    );
    // A real statement with one thing wrong: its verb id is not an IRI.
    const good = lrs.stored.get(statementId(id, VERBS.launched));
    expect(good).toBeDefined();
    const body = { ...good, id: bad, verb: { id: 'not an IRI', display: { 'en-US': 'broken' } } };
    await server.db.query('INSERT INTO xapi_outbox (statement_id, attempt_id, body) VALUES ($1, $2, $3::jsonb)', [
      bad,
      id,
      JSON.stringify(body),
    ]);
    const row = await eventually(
      'refused',
      () => server.db.query<OutboxRow>('SELECT * FROM xapi_outbox WHERE statement_id = $1', [bad]),
      (r) => r[0].failed_at !== null,
    );
    expect(row[0].last_error).toMatch(/^the LRS answered 400/);
    expect(row[0].sent_at).toBeNull();
    await new Promise((r) => setTimeout(r, 500));
    expect(
      (await server.db.query<OutboxRow>('SELECT tries FROM xapi_outbox WHERE statement_id = $1', [bad]))[0].tries,
    ).toBe(1);
    expect(lrs.rejected.map((r) => (r.body as { id: string }).id)).toEqual([bad]);
    lrs.rejected.length = 0;
  });
});

describe('without an LRS configured', () => {
  it(
    'nothing is queued',
    async () => {
      const plain = await startTestServer({ scoringWorkers: 0 });
      try {
        const plainLab = await makeLab(plain);
        const id = randomUUID();
        expect(
          (await plainLab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(1), 'finished'))).status,
        ).toBe(200);
        expect(await plain.db.query('SELECT * FROM xapi_outbox')).toEqual([]);
        expect(plain.xapi).toBeNull();
      } finally {
        await plain.close();
      }
    },
    HOOK_TIMEOUT_MS,
  );
});
