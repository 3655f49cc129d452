import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LabServer, startLabServer } from '../../server/labServer';
import { addUser, attemptFile, Client, type Lab, makeLab, PASSWORD, signedIn, upload } from './labTestServer';
import { LrsReceiver } from './lrsReceiver';
import { HOOK_TIMEOUT_MS, testDb } from './testDb';
import { eventually, xapiConfig } from './xapiTestHelpers';

let server: LabServer;
let lab: Lab;
/** The LRS is down throughout: the trainee's xAPI statements stay in the outbox, to be deleted with them. */
const lrs = new LrsReceiver();
let n = 0;

/** A new trainee of cohort A (inst-a's) with a finished attempt (a scoring job, statements), a rating and a session. */
async function traineeWithData(cohortId = lab.cohortId, maker: Client = lab.instructor) {
  const username = `t-${++n}-${randomUUID().slice(0, 6)}`;
  const made = await maker.request('POST', '/api/users', {
    username,
    displayName: `Trainee ${n}`,
    password: PASSWORD,
    role: 'trainee',
    cohortId,
  });
  expect(made.status).toBe(201);
  const client = await signedIn(server, username);
  const attempts = [randomUUID(), randomUUID()];
  expect((await client.request('PUT', `/api/attempts/${attempts[0]}`, upload(attemptFile(), 'finished'))).status).toBe(
    200,
  );
  expect((await client.request('PUT', `/api/attempts/${attempts[1]}`, upload(attemptFile(1)))).status).toBe(200);
  const rater = cohortId === lab.cohortId ? lab.instructor : lab.otherInstructor;
  const rated = await rater.request('PUT', `/api/attempts/${attempts[0]}/ratings/mine`, {
    plus: 'good',
    delta: 'faster',
    ratings: { useOfImaging: 3 },
  });
  expect(rated.status).toBe(200);
  // A failed sign-in leaves a counter keyed by the username.
  expect((await new Client(server.url).signIn(username, 'wrong password')).status).toBe(401);
  return { id: made.body.user.id as string, username, client, attempts };
}

/** Every row of every table of the lab's schema whose text contains `needle` (ids, usernames), by table. */
async function rowsMentioning(needle: string): Promise<Record<string, number>> {
  const tables = await server.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const found: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [{ n }] = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table_name}" x WHERE x::text LIKE $1`,
      [`%${needle}%`],
    );
    if (n > 0) found[table_name] = n;
  }
  return found;
}

beforeAll(async () => {
  await lrs.start();
  await lrs.stop();
  server = await startLabServer({
    host: '127.0.0.1',
    port: 0,
    db: await testDb(),
    scoringWorkers: 0,
    replayBudgetMs: 60_000,
    pollMs: 100,
    trustProxy: false,
    xapi: xapiConfig(lrs),
  });
  lab = await makeLab(server);
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

describe('GET /api/users/:id/export', () => {
  it("the trainee's own data: account, cohorts, attempts with their signed files and reports, ratings; no secrets", async () => {
    const t = await traineeWithData();
    const r = await t.client.request('GET', `/api/users/${t.id}/export`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(`kyphosim-user-${t.id}.json`);
    expect(r.body.user).toMatchObject({ id: t.id, username: t.username, role: 'trainee' });
    expect(r.body.cohorts).toEqual([{ id: lab.cohortId, name: 'Cohort A', relation: 'member' }]);
    expect(r.body.attempts.map((a: { id: string }) => a.id).sort()).toEqual([...t.attempts].sort());
    const finished = r.body.attempts.find((a: { id: string }) => a.id === t.attempts[0]);
    expect(finished).toMatchObject({ status: 'finished', report: null, attempt: { signature: expect.any(Object) } });
    // The file is signed as /file serves it: the lab verifies it.
    const verified = await t.client.request('POST', '/api/attempts/verify', { attempt: finished.attempt });
    expect(verified.body.valid).toBe(true);
    expect(r.body.ratings).toEqual([
      expect.objectContaining({
        attemptId: t.attempts[0],
        plus: 'good',
        rater: expect.objectContaining({ displayName: 'Instructor A' }),
      }),
    ]);
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/scrypt|password|csrf|token_hash/i);
  });

  it("an instructor's export has the cohorts they own and the ratings they gave (not other raters')", async () => {
    const inst = lab.instructor.user?.id as string;
    const r = await lab.instructor.request('GET', `/api/users/${inst}/export`);
    expect(r.status).toBe(200);
    expect(r.body.cohorts).toContainEqual({ id: lab.cohortId, name: 'Cohort A', relation: 'owner' });
    expect(r.body.ratings.length).toBeGreaterThan(0);
    expect(r.body.ratings.every((x: { rater: { id: string } }) => x.rater.id === inst)).toBe(true);
  });

  it("who may: the user, their cohort's instructor, an admin; no one else", async () => {
    const t = await traineeWithData();
    const get = (c: Client, id = t.id) => c.request('GET', `/api/users/${id}/export`);
    expect((await get(lab.instructor)).status).toBe(200);
    expect((await get(lab.admin)).status).toBe(200);
    expect((await get(lab.otherInstructor)).status).toBe(403);
    expect((await get(lab.otherTrainee)).status).toBe(403);
    expect((await get(lab.trainee)).status).toBe(403);
    expect((await get(new Client(server.url))).status).toBe(401);
    expect((await get(lab.instructor, lab.otherInstructor.user?.id)).status).toBe(403);
    expect((await get(lab.admin, randomUUID())).status).toBe(404);
    expect((await get(lab.admin, 'not-a-uuid')).status).toBe(400);
  });
});

describe('DELETE /api/users/:id', () => {
  it('removes the trainee and everything of theirs in every table; their session ends', async () => {
    const t = await traineeWithData();
    // Everything a trainee leaves is there before: the test would pass on an empty lab otherwise.
    await eventually(
      'statements tried',
      () =>
        server.db.query('SELECT 1 FROM xapi_outbox x JOIN attempts a ON a.id = x.attempt_id WHERE a.trainee_id = $1', [
          t.id,
        ]),
      (rows) => rows.length >= 5,
    );
    const before = await rowsMentioning(t.id);
    for (const table of ['users', 'sessions', 'cohort_members', 'attempts', 'xapi_outbox'])
      expect(before[table], table).toBeGreaterThan(0);
    const ofAttempt = await rowsMentioning(t.attempts[0]);
    for (const table of ['attempts', 'scoring_jobs', 'ratings', 'xapi_outbox'])
      expect(ofAttempt[table], table).toBeGreaterThan(0);
    for (const a of t.attempts)
      expect(Object.keys(await rowsMentioning(a))).toEqual(expect.arrayContaining(['attempts']));
    expect((await rowsMentioning(t.attempts[0])).scoring_jobs).toBe(1);
    expect((await rowsMentioning(t.username)).rate_limits).toBe(1);

    const r = await lab.instructor.request('DELETE', `/api/users/${t.id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(204);
    expect(await rowsMentioning(t.id)).toEqual({});
    expect(await rowsMentioning(t.username)).toEqual({});
    for (const a of t.attempts) expect(await rowsMentioning(a)).toEqual({});
    expect((await t.client.request('GET', '/api/session')).status).toBe(401);
    expect((await lab.admin.request('GET', `/api/users/${t.id}/export`)).status).toBe(404);
    expect((await lab.admin.request('DELETE', `/api/users/${t.id}`)).status).toBe(404);
    // The rest of the lab is untouched.
    expect((await lab.trainee.request('GET', '/api/session')).status).toBe(200);
  });

  it("an instructor deletes only trainees whose cohorts are all theirs; never another role, never someone else's", async () => {
    const mine = await traineeWithData();
    const theirs = await traineeWithData(lab.otherCohortId, lab.otherInstructor);
    await server.db.query('INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2)', [
      lab.otherCohortId,
      mine.id,
    ]);
    expect((await lab.instructor.request('DELETE', `/api/users/${mine.id}`)).status).toBe(403);
    expect((await lab.instructor.request('DELETE', `/api/users/${theirs.id}`)).status).toBe(403);
    expect((await lab.instructor.request('DELETE', `/api/users/${lab.otherInstructor.user?.id}`)).status).toBe(403);
    expect((await lab.instructor.request('DELETE', `/api/users/${lab.admin.user?.id}`)).status).toBe(403);
    expect((await mine.client.request('DELETE', `/api/users/${mine.id}`)).status).toBe(403);
    expect((await lab.trainee.request('DELETE', `/api/users/${theirs.id}`)).status).toBe(403);
    expect((await new Client(server.url).request('DELETE', `/api/users/${mine.id}`)).status).toBe(401);
    // The admin may: a trainee in two instructors' cohorts.
    expect((await lab.admin.request('DELETE', `/api/users/${mine.id}`)).status).toBe(204);
    expect(await rowsMentioning(mine.id)).toEqual({});
  });

  it('the last admin stays (409); an instructor who owns cohorts stays (409); one without is deleted with the ratings they gave', async () => {
    const adminId = lab.admin.user?.id as string;
    expect((await lab.admin.request('DELETE', `/api/users/${adminId}`)).status).toBe(409);
    await addUser(server, 'admin-2', 'admin');
    const second = await signedIn(server, 'admin-2');
    expect((await lab.admin.request('DELETE', `/api/users/${second.user?.id}`)).status).toBe(204);
    const last = await lab.admin.request('DELETE', `/api/users/${adminId}`);
    expect(last.status).toBe(409);
    expect(last.body.error).toBe('last-admin');

    const owner = await lab.admin.request('DELETE', `/api/users/${lab.instructor.user?.id}`);
    expect(owner.status).toBe(409);
    expect(owner.body.error).toBe('owns-cohorts');

    const guest = await addUser(server, 'guest-rater', 'instructor', 'Guest Rater');
    const t = await traineeWithData();
    // The guest instructor teaches no cohort, so their rating (an invited second rater's) is put in by hand.
    await server.db.query(
      `INSERT INTO ratings (attempt_id, rater_id, plus, delta, items, total) VALUES ($1, $2, 'g', '', '{}'::jsonb, NULL)`,
      [t.attempts[0], guest.id],
    );
    expect((await lab.admin.request('DELETE', `/api/users/${guest.id}`)).status).toBe(204);
    expect(await rowsMentioning(guest.id)).toEqual({});
    // The trainee's attempt and the cohort instructor's rating of it are still there.
    expect((await lab.instructor.request('GET', `/api/attempts/${t.attempts[0]}`)).body.ratings).toHaveLength(1);
  });
});
