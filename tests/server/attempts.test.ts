import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../levels/scenarioSchema';
import { type AttemptFile, toAttemptFile } from '../../sim/attempt/index';
import type { LabServer } from '../../server/labServer';
import { MAX_UPLOAD_BYTES } from '../../server/http/routes/attemptRoutes';
import { attemptFile, type Lab, makeLab, scored, startTestServer, upload } from './labTestServer';
import { HOOK_TIMEOUT_MS } from './testDb';

let server: LabServer;
let lab: Lab;

beforeAll(async () => {
  server = await startTestServer({ scoringWorkers: 1 });
  lab = await makeLab(server);
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

const put = (id: string, body: unknown) => lab.trainee.request('PUT', `/api/attempts/${id}`, body);

describe('PUT /api/attempts/:id: the prefix and idempotency rules', () => {
  it('stores an attempt, takes the same body twice as one, and a longer log only if the stored one is its prefix', async () => {
    const id = randomUUID();
    const first = await put(id, upload(attemptFile(2)));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, status: 'in-progress', revision: 1 });
    expect(new Date(first.body.receivedAt).toISOString()).toBe(first.body.receivedAt);

    const again = await put(id, upload(attemptFile(2)));
    expect(again.body).toMatchObject({ revision: 1 });

    const longer = await put(id, upload(attemptFile(4)));
    expect(longer.status).toBe(200);
    expect(longer.body).toMatchObject({ revision: 2 });

    // A stale autosave (the shorter log) arriving late changes nothing.
    const stale = await put(id, upload(attemptFile(2)));
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ revision: 2 });

    // A log that does not continue the stored one: refused.
    const diverged = attemptFile(4);
    const log = diverged.log.map((e) => ({ ...e }));
    log[3] = { tick: log[3].tick + 1, command: log[3].command };
    const r = await put(id, upload({ ...diverged, log }));
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('log-diverged');

    const list = await lab.trainee.request('GET', '/api/attempts');
    expect(list.body.attempts.filter((a: { id: string }) => a.id === id)).toHaveLength(1);
  });

  it('a finished attempt cannot go back to in-progress, nor change; the same finish again is one', async () => {
    const id = randomUUID();
    expect((await put(id, upload(attemptFile(4), 'finished'))).status).toBe(200);
    expect((await put(id, upload(attemptFile(4), 'finished'))).body.revision).toBe(1);
    const back = await put(id, upload(attemptFile(4), 'in-progress'));
    expect(back.status).toBe(409);
    expect(back.body.error).toBe('attempt-closed');
  });

  it('another seed under the same id is another attempt: 409', async () => {
    const id = randomUUID();
    await put(id, upload(attemptFile(2)));
    const r = await put(id, upload(attemptFile(3, 43)));
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('different-attempt');
  });

  it("another trainee's attempt id: 403, and the attempt is unchanged", async () => {
    const id = randomUUID();
    await put(id, upload(attemptFile(2)));
    const r = await lab.otherTrainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(4)));
    expect(r.status).toBe(403);
    expect((await lab.trainee.request('GET', `/api/attempts/${id}`)).body.attempt.log).toHaveLength(2);
    expect((await lab.otherTrainee.request('GET', `/api/attempts/${id}`)).status).toBe(403);
    expect((await lab.trainee.request('GET', `/api/attempts/${randomUUID()}`)).status).toBe(404);
  });

  it("the server records who made it: the file's own trainee is replaced by the signed-in one", async () => {
    const id = randomUUID();
    const forged = { ...attemptFile(2), trainee: { id: lab.otherTrainee.user?.id ?? null, name: 'Someone Else' } };
    await put(id, upload(forged, 'in-progress', 'station-9'));
    const r = await lab.trainee.request('GET', `/api/attempts/${id}`);
    expect(r.body.attempt.trainee).toEqual({ id: lab.trainee.user?.id, name: lab.trainee.user?.displayName });
    expect(r.body.station).toBe('station-9');
    expect(r.body.trainee.username).toBe('trainee-a');
  });
});

describe('PUT /api/attempts/:id: hostile input', () => {
  it.each([
    ['a score key on the body', () => ({ ...upload(attemptFile(2)), score: 100 }), 'client-score'],
    [
      'a report key on the attempt',
      () => upload({ ...attemptFile(2), report: { total: 100 } } as never),
      'client-score',
    ],
    ['an unknown scenario', () => upload(renamed('no-such-scenario')), 'bad-attempt'],
    ['a scenario at another version', () => upload(versioned(7)), 'bad-attempt'],
    ['a malformed attempt', () => upload({ ...attemptFile(2), seed: -1 }), 'bad-attempt'],
    [
      'a signed upload',
      () => upload({ ...attemptFile(2), signature: { alg: 'HMAC-SHA256', keyId: 'ab', value: 'a'.repeat(64) } }),
      'bad-attempt',
    ],
    ['a wrong status', () => ({ ...upload(attemptFile(2)), status: 'scored' }), 'bad-request'],
  ])('%s -> 400 with a message', async (_name, body, code) => {
    const r = await put(randomUUID(), body());
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(code);
    expect(r.body.message.length).toBeGreaterThan(20);
  });

  it('names the scenario and version it does not publish', async () => {
    const r = await put(randomUUID(), upload(versioned(7)));
    expect(r.body.message).toMatch(/l1-osteoporotic-wedge v7/);
    const unknown = await put(randomUUID(), upload(renamed('no-such-scenario')));
    expect(unknown.body.message).toMatch(/"no-such-scenario" v\d+ is not one this app publishes/);
  });

  it("a malformed JSON body -> 400 with the parser's message", async () => {
    const r = await lab.trainee.request('PUT', `/api/attempts/${randomUUID()}`, undefined, { raw: '{"status": "fin' });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('bad-json');
    expect(r.body.message).toMatch(/JSON/);
  });

  it('a body larger than an attempt can be -> 413', async () => {
    const raw = JSON.stringify({ status: 'in-progress', station: 'x', attempt: { pad: 'x'.repeat(MAX_UPLOAD_BYTES) } });
    const r = await lab.trainee.request('PUT', `/api/attempts/${randomUUID()}`, undefined, { raw });
    expect(r.status).toBe(413);
    expect(r.body.error).toBe('too-large');
  });

  it('a body that is not JSON -> 415', async () => {
    const r = await lab.trainee.request('PUT', `/api/attempts/${randomUUID()}`, undefined, {
      raw: 'status=finished',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(r.status).toBe(415);
  });

  it('an id that is not a UUID -> 400', async () => {
    const r = await put('../../etc/passwd', upload(attemptFile(2)));
    expect([400, 404]).toContain(r.status);
    expect((await put('not-a-uuid', upload(attemptFile(2)))).status).toBe(400);
  });
});

describe('CSRF', () => {
  it.each([
    ['missing', null],
    ['wrong', 'not-the-token'],
  ])('a write with the token %s -> 403, and nothing is stored', async (_name, csrf) => {
    const id = randomUUID();
    const r = await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(2)), { csrf });
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('bad-csrf-token');
    expect((await lab.trainee.request('GET', `/api/attempts/${id}`)).status).toBe(404);
    const c = await lab.instructor.request('POST', '/api/cohorts', { name: 'X' }, { csrf });
    expect(c.status).toBe(403);
  });

  it("another session's token is wrong too", async () => {
    const r = await lab.trainee.request('PUT', `/api/attempts/${randomUUID()}`, upload(attemptFile(2)), {
      csrf: lab.otherTrainee.csrfToken,
    });
    expect(r.status).toBe(403);
  });
});

describe('scoring by replay', { timeout: HOOK_TIMEOUT_MS }, () => {
  it('a finished attempt is queued, replayed and scored by the server, with the sim version', async () => {
    const id = randomUUID();
    const r = await put(id, upload(attemptFile(4), 'finished'));
    expect(r.status).toBe(200);
    const done = await scored(lab.trainee, id);
    expect(done.body.scoring).toBe('done');
    expect(done.body.score).toMatchObject({ total: expect.any(Number), passed: false, simVersion: '1.0.0' });
    expect(done.body.report.total).toBe(done.body.score.total);
    expect(done.body.scoringError).toBeNull();
  });

  it('an abandoned attempt is scored too (as far as it went)', async () => {
    const id = randomUUID();
    expect((await put(id, upload(attemptFile(2)))).status).toBe(200);
    expect((await lab.trainee.request('GET', `/api/attempts/${id}`)).body.scoring).toBeNull();
    expect((await put(id, upload(attemptFile(3), 'abandoned'))).body).toMatchObject({
      status: 'abandoned',
      revision: 2,
    });
    const done = await scored(lab.trainee, id);
    expect(done.body).toMatchObject({ status: 'abandoned', scoring: 'done' });
    expect(done.body.report.metrics.finished).toBe(false);
  });

  it('a log that fails to replay: the job fails, and the attempt says why', async () => {
    const id = randomUUID();
    const file = attemptFile(4);
    // Schema-valid, but the machine refuses a trocar push during the case review.
    const log = [...file.log, { tick: file.endTick, command: { type: 'needle.advance' as const, mm: 2 } }];
    const r = await put(id, upload({ ...file, log }, 'finished'));
    expect(r.status).toBe(200);
    const failed = await scored(lab.trainee, id);
    expect(failed.body.scoring).toBe('failed');
    expect(failed.body.score).toBeNull();
    expect(failed.body.scoringError).toMatch(/ReplayError/);
    const jobs = await server.db.query<{ state: string; error: string }>(
      'SELECT state, error FROM scoring_jobs WHERE attempt_id = $1',
      [id],
    );
    expect(jobs).toEqual([{ state: 'failed', error: failed.body.scoringError }]);
  });
});

describe('signed attempt files', () => {
  it('the served file is signed; it verifies, and any change breaks it', async () => {
    const id = randomUUID();
    await put(id, upload(attemptFile(4), 'finished'));
    const file = (await lab.instructor.request('GET', `/api/attempts/${id}/file`)).body;
    expect(file.signature).toMatchObject({ alg: 'HMAC-SHA256', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const verify = (attempt: unknown) => lab.otherTrainee.request('POST', '/api/attempts/verify', { attempt });
    expect((await verify(file)).body).toEqual({ valid: true });
    const easier = await verify({ ...file, mode: 'practice', seed: file.seed + 1 });
    expect(easier.body.valid).toBe(false);
    expect(easier.body.reason).toMatch(/changed after the lab signed it/);
    const { signature: _s, ...unsigned } = file;
    expect((await verify(unsigned)).body).toEqual({ valid: false, reason: 'The attempt file is not signed.' });
    expect((await verify({ format: 'other' })).body.valid).toBe(false);
  });
});

/** The attempt on an edited scenario with its hash recomputed, as a forger would: only the published-scenario check can refuse it. */
function withScenario(edit: Partial<Scenario>): AttemptFile {
  const f = attemptFile(2);
  const scenario = { ...f.scenario, ...edit };
  const { scenarioHash } = toAttemptFile({ scenario, seed: 0, mode: 'practice', log: [], tick: 0 }, 'x');
  return { ...f, scenario, scenarioHash };
}
const renamed = (id: string) => withScenario({ id });
const versioned = (version: number) => withScenario({ version });
