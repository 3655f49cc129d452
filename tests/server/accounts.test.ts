import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USERNAME } from '../../server/auth/loginThrottle';
import type { LabServer } from '../../server/labServer';
import { addUser, Client, PASSWORD, signedIn, startTestServer } from './labTestServer';
import { HOOK_TIMEOUT_MS } from './testDb';

let server: LabServer;

beforeAll(async () => {
  server = await startTestServer({ scoringWorkers: 0 });
  await addUser(server, 'admin', 'admin', 'Lab Admin');
  await addUser(server, 'inst', 'instructor', 'Instructor');
  await addUser(server, 'ada', 'trainee', 'Ada');
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

describe('sign-in and sessions', () => {
  it('signs in with a session cookie that scripts cannot read and other sites do not send', async () => {
    const c = new Client(server.url);
    const r = await c.request('POST', '/api/session', { username: 'ADA', password: PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'ada', displayName: 'Ada', role: 'trainee' });
    expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^kyphosim_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain http on 127.0.0.1
    const session = await c.request('GET', '/api/session');
    expect(session.body).toEqual({ user: r.body.user, csrfToken: r.body.csrfToken });
  });

  it('keeps only hashes: neither the token nor the password is in the database', async () => {
    const c = await signedIn(server, 'ada');
    const token = c.cookie?.split('=')[1] ?? '';
    const sessions = await server.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.some((s) => s.token_hash.includes(token))).toBe(false);
    const users = await server.db.query<{ password_hash: string }>('SELECT password_hash FROM users');
    for (const u of users) {
      expect(u.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(u.password_hash).not.toContain(PASSWORD);
    }
    // A fresh random salt each time: the same password never hashes alike.
    await addUser(server, 'twin-1', 'trainee');
    await addUser(server, 'twin-2', 'trainee');
    const twins = await server.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE username LIKE 'twin-%'",
    );
    expect(twins[0].password_hash).not.toBe(twins[1].password_hash);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const c = new Client(server.url);
    const wrong = await c.request('POST', '/api/session', { username: 'inst', password: 'not the password' });
    const nobody = await c.request('POST', '/api/session', { username: 'nobody-here', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(nobody.status).toBe(401);
    expect(nobody.body).toEqual(wrong.body);
  });

  it('signing out ends the session on the server, not only in the browser', async () => {
    const c = await signedIn(server, 'ada');
    const cookie = c.cookie;
    expect((await c.request('DELETE', '/api/session')).status).toBe(204);
    const stolen = new Client(server.url);
    stolen.cookie = cookie;
    expect((await stolen.request('GET', '/api/session')).status).toBe(401);
  });

  it('an expired session is no session', async () => {
    const c = await signedIn(server, 'inst');
    expect((await c.request('GET', '/api/session')).status).toBe(200);
    await server.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await c.request('GET', '/api/session')).status).toBe(401);
  });

  it(`locks a username after ${MAX_FAILURES_PER_USERNAME} failures, even for the right password (429)`, async () => {
    await addUser(server, 'target', 'trainee');
    const c = new Client(server.url);
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME; i++)
      expect(
        (await c.request('POST', '/api/session', { username: 'target', password: `guess-${i}-xxxx` })).status,
      ).toBe(401);
    const locked = await c.request('POST', '/api/session', { username: 'target', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('too-many-attempts');
    // The counter is in the database: a window that has run out lets the trainee in again.
    await server.db.query(`UPDATE rate_limits SET window_start = now() - interval '1 hour'`);
    expect((await c.request('POST', '/api/session', { username: 'target', password: PASSWORD })).status).toBe(200);
  });

  it(`stops one address after ${MAX_FAILURES_PER_ADDRESS} failures across usernames`, async () => {
    await server.db.query('DELETE FROM rate_limits');
    const c = new Client(server.url);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
      await c.request('POST', '/api/session', { username: `someone-${i}`, password: 'wrong password' });
    expect((await c.request('POST', '/api/session', { username: 'ada', password: PASSWORD })).status).toBe(429);
    await server.db.query('DELETE FROM rate_limits');
  });
});

describe('cohorts and joining', () => {
  it('a trainee joins with the code (any case, with dashes) and lands in the cohort, signed in', async () => {
    const inst = await signedIn(server, 'inst');
    const cohort = (await inst.request('POST', '/api/cohorts', { name: 'Spring residents' })).body;
    expect(cohort.joinCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const typed = `${cohort.joinCode.slice(0, 5).toLowerCase()}-${cohort.joinCode.slice(5)}`;
    const c = new Client(server.url);
    const r = await c.request('POST', '/api/join', {
      code: typed,
      username: 'grace',
      displayName: 'Grace',
      password: PASSWORD,
    });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ username: 'grace', role: 'trainee' });
    expect((await c.request('GET', '/api/session')).body.user.username).toBe('grace');
    const members = (await inst.request('GET', `/api/cohorts/${cohort.id}`)).body.members;
    expect(members.map((m: { username: string }) => m.username)).toEqual(['grace']);
  });

  it('refuses a wrong code (404), a taken username (409) and a weak password (400)', async () => {
    const inst = await signedIn(server, 'inst');
    const { joinCode } = (await inst.request('POST', '/api/cohorts', { name: 'B' })).body;
    const join = (body: object) =>
      new Client(server.url).request('POST', '/api/join', {
        code: joinCode,
        username: 'new-one',
        displayName: 'New',
        password: PASSWORD,
        ...body,
      });
    expect((await join({ code: 'ZZZZZZZZZZ' })).status).toBe(404);
    expect((await join({ username: 'ada' })).status).toBe(409);
    const weak = await join({ password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/password/);
  });

  it(`stops guessing join codes from one address after ${MAX_FAILURES_PER_ADDRESS} wrong codes (429)`, async () => {
    await server.db.query('DELETE FROM rate_limits');
    const inst = await signedIn(server, 'inst');
    const { joinCode } = (await inst.request('POST', '/api/cohorts', { name: 'C' })).body;
    const join = (code: string, username: string) =>
      new Client(server.url).request('POST', '/api/join', { code, username, displayName: 'G', password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await join(`WRONG${i}`, `guess-${i}`)).status).toBe(404);
    const stopped = await join(joinCode, 'honest-one');
    expect(stopped.status).toBe(429);
    expect(stopped.body.error).toBe('too-many-attempts');
    await server.db.query('DELETE FROM rate_limits');
  });

  it('unknown cohort ids are 404', async () => {
    const admin = await signedIn(server, 'admin');
    expect((await admin.request('GET', '/api/cohorts/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await admin.request('GET', '/api/cohorts/nope')).status).toBe(404);
  });
});

describe('headers', () => {
  it('every response carries the strict policy and the security headers; the API is never cached', async () => {
    const r = await new Client(server.url).request('GET', '/api/health');
    expect(r.body).toEqual({ service: 'kyphosim-lab', appVersion: '0.1.0', simVersion: '1.0.0' });
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const missing = await new Client(server.url).request('GET', '/api/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not-found');
  });
});
