import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLabClient } from '../../src/labClient/labApi';
import { labApiFailure } from './labApiFailure';
import { STAND_IN, type StandIn, startStandIn } from './labStandIn';

/** A plain HTTP server answering every request with `answer` (a static host, a wrong service...). */
async function otherServer(answer: (res: import('node:http').ServerResponse) => void) {
  const server = createServer((_req, res) => answer(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('lab API client against a stand-in server', () => {
  let lab: StandIn;
  beforeEach(async () => {
    lab = await startStandIn();
  });
  afterEach(() => lab.close());

  it('reads the health answer of a KyphoSim lab server', async () => {
    const client = createLabClient({ baseUrl: lab.url });
    expect(await client.health()).toEqual({ service: 'kyphosim-lab', appVersion: '0.1.0', simVersion: 'sim-test' });
  });

  it('shows the server sentence for wrong credentials and keeps nobody signed in', async () => {
    const client = createLabClient({ baseUrl: lab.url });
    const err = await labApiFailure(client.signIn('ana', 'wrong'));
    expect(err.status).toBe(401);
    expect(err.code).toBe('bad-credentials');
    expect(err.message).toBe('The username or password is wrong.');
    expect(err.retryable).toBe(false);
    expect(client.user()).toBeNull();
  });

  it('sends the CSRF token from sign-in on every write, as JSON, and forgets it on sign-out', async () => {
    const client = createLabClient({ baseUrl: lab.url });
    const user = await client.signIn('ana', STAND_IN.password);
    expect(user).toEqual(STAND_IN.user);
    expect(client.user()).toEqual(STAND_IN.user);
    const body = { status: 'in-progress' as const, station: 'station-ab12', attempt: { format: 'kyphosim-attempt' } };
    const answer = await client.putAttempt('a-1', body);
    expect(answer).toMatchObject({ id: 'a-1', status: 'in-progress', revision: 1 });
    const put = lab.requests.find((r) => r.method === 'PUT');
    expect(put).toMatchObject({
      path: '/api/attempts/a-1',
      csrf: STAND_IN.csrf,
      contentType: 'application/json',
      body,
    });
    // The sign-in itself carries no token (it has none yet) and its password only in the body.
    expect(lab.requests[0]).toMatchObject({ method: 'POST', path: '/api/session', csrf: undefined });

    await client.signOut();
    expect(client.user()).toBeNull();
    const refused = await labApiFailure(client.putAttempt('a-1', body));
    expect(refused.status).toBe(403);
    expect(refused.message).toContain('no valid CSRF token');
    expect(lab.requests.at(-1)?.csrf).toBeUndefined();
  });

  it('joins a cohort with a code, and says why a wrong code is refused', async () => {
    const client = createLabClient({ baseUrl: lab.url });
    const err = await labApiFailure(client.join('NOPE', 'bo', 'Bo', 'pw pw pw pw'));
    expect(err.status).toBe(400);
    expect(err.message).toBe('No cohort has that join code.');
    const user = await client.join(STAND_IN.joinCode, 'bo', 'Bo Trainee', 'pw pw pw pw');
    expect(user).toMatchObject({ username: 'bo', displayName: 'Bo Trainee', role: 'trainee' });
    await client.putAttempt('a-2', { status: 'finished', station: 's', attempt: {} });
    expect(lab.attempts.get('a-2')?.status).toBe('finished');
  });

  it('restores no session when the server answers 401', async () => {
    expect(await createLabClient({ baseUrl: lab.url }).restoreSession()).toBeNull();
  });

  it('marks a 5xx as worth retrying, with the server sentence, and a 409 as final', async () => {
    const client = createLabClient({ baseUrl: lab.url });
    await client.signIn('ana', STAND_IN.password);
    lab.failWith = 503;
    const down = await labApiFailure(client.putAttempt('a-3', { status: 'in-progress', station: 's', attempt: {} }));
    expect(down).toMatchObject({ status: 503, code: 'unavailable', message: 'The lab server is restarting.' });
    expect(down.retryable).toBe(true);
    lab.failWith = null;
    await client.putAttempt('a-3', { status: 'finished', station: 's', attempt: {} });
    const back = await labApiFailure(client.putAttempt('a-3', { status: 'in-progress', station: 's', attempt: {} }));
    expect(back.status).toBe(409);
    expect(back.retryable).toBe(false);
    expect(back.message).toContain('cannot go back to in progress');
  });

  it('times out a server that does not answer', async () => {
    lab.hang = true;
    const err = await labApiFailure(createLabClient({ baseUrl: lab.url, healthTimeoutMs: 200 }).health());
    expect(err).toMatchObject({ status: 0, code: 'timeout' });
    expect(err.retryable).toBe(true);
  });

  it('lists attempts with their scoring state', async () => {
    const client = createLabClient({ baseUrl: lab.url });
    await client.signIn('ana', STAND_IN.password);
    await client.putAttempt('a-4', { status: 'finished', station: 'st-1', attempt: {} });
    const list = await client.listAttempts();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'a-4', station: 'st-1', status: 'finished', scoring: 'queued', score: null });
  });
});

describe('lab API client against what is not a lab server', () => {
  it('says a closed port cannot be reached (status 0, retryable)', async () => {
    const gone = await otherServer((res) => res.end());
    await gone.close();
    const err = await labApiFailure(createLabClient({ baseUrl: gone.url }).health());
    expect(err).toMatchObject({ status: 0, code: 'unreachable' });
    expect(err.message).toMatch(/^The lab server cannot be reached/);
    expect(err.retryable).toBe(true);
  });

  it('refuses a static host answering 404 in HTML, without a sentence of its own', async () => {
    const host = await otherServer((res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>404</h1>'));
    try {
      const err = await labApiFailure(createLabClient({ baseUrl: host.url }).health());
      expect(err).toMatchObject({ status: 404, code: 'no-message' });
      expect(err.message).toBe('The lab server answered 404 Not Found without saying why.');
      expect(err.retryable).toBe(false);
    } finally {
      await host.close();
    }
  });

  it('refuses a health answer from another service, naming the field', async () => {
    const other = await otherServer((res) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"service":"other","appVersion":"1"}'),
    );
    try {
      const err = await labApiFailure(createLabClient({ baseUrl: other.url }).health());
      expect(err.code).toBe('bad-answer');
      expect(err.message).toMatch(/GET \/api\/health is not what this app expects \(service:/);
    } finally {
      await other.close();
    }
  });

  it('refuses an answer larger than its bound, declared or streamed', async () => {
    const declared = await otherServer((res) =>
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(10_000_000) }).end(),
    );
    const streamed = await otherServer((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(`{"service":"kyphosim-lab","pad":"${'x'.repeat(200_000)}"}`);
    });
    try {
      for (const url of [declared.url, streamed.url]) {
        const err = await labApiFailure(createLabClient({ baseUrl: url }).health());
        expect(err.code).toBe('bad-answer');
        expect(err.message).toMatch(/more than the 65536 (bytes )?expected/);
      }
    } finally {
      await declared.close();
      await streamed.close();
    }
  });
});
