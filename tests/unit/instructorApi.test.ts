import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openLabAttempt } from '../../src/instructor/openLabAttempt';
import { createInstructorApi, type InstructorApi } from '../../src/labClient/instructorApi';
import { createLabClient } from '../../src/labClient/labApi';
import { LabApiError } from '../../src/labClient/labApiError';
import { assignment, cohortResults } from './instructorResultsFixture';

/**
 * The instructor's calls over real HTTP, against a small server that answers each route with what
 * a test sets (a good answer or a hostile one): the path and body sent, the CSRF token on every
 * write, and every answer validated and bounded before the app reads it.
 */

const CSRF = 'csrf-instructor-1';
const INSTRUCTOR = { id: 'i-1', username: 'ines', displayName: 'Dr Ines', role: 'instructor' };

let server: Server;
let base = '';
/** What the next request to a path gets: status and body (a string is sent as it is). */
const answers = new Map<string, { status: number; body: unknown }>();
const seen: { method: string; path: string; csrf?: string; body: unknown }[] = [];

async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const path = req.url ?? '';
  seen.push({
    method: req.method ?? '',
    path,
    csrf: req.headers['x-csrf-token'] as string | undefined,
    body: text ? JSON.parse(text) : undefined,
  });
  const send = (status: number, body: unknown) => {
    const out = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(out);
  };
  if (path === '/api/session') return send(200, { user: INSTRUCTOR, csrfToken: CSRF });
  const a = answers.get(`${req.method} ${path}`);
  if (!a) return send(404, { error: 'not-found', message: `no route ${req.method} ${path}` });
  if (a.status === 204) return res.writeHead(204).end();
  return send(a.status, a.body);
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let api: InstructorApi;
beforeEach(async () => {
  answers.clear();
  seen.length = 0;
  const client = createLabClient({ baseUrl: base });
  await client.signIn('ines', 'pw');
  api = createInstructorApi(client);
});

const refusal = async (p: Promise<unknown>): Promise<LabApiError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof LabApiError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('the instructor client', () => {
  it('creates a cohort with the CSRF token and reads its join code', async () => {
    answers.set('POST /api/cohorts', { status: 201, body: { id: 'c1', name: 'Spring', joinCode: 'ABCD-1234' } });
    expect(await api.createCohort('Spring')).toEqual({ id: 'c1', name: 'Spring', joinCode: 'ABCD-1234' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', path: '/api/cohorts', csrf: CSRF, body: { name: 'Spring' } });
  });

  it('creates an assignment, releases its scores and allows a restart, each a write with the token', async () => {
    const a = assignment('a 1/x', 'Week 1', '2026-03-01T09:00:00Z', ['l1']);
    answers.set('POST /api/assignments', { status: 201, body: a });
    answers.set(`POST /api/assignments/${encodeURIComponent('a 1/x')}/release`, {
      status: 200,
      body: { ...a, released: true },
    });
    answers.set(`POST /api/assignments/${encodeURIComponent('a 1/x')}/restarts`, { status: 200, body: { ok: true } });
    const body = {
      title: 'Week 1',
      scenarioIds: ['l1'],
      mode: 'practice' as const,
      dueAt: null,
      attemptsAllowed: null,
      passMark: null,
      seedPolicy: 'fixed' as const,
      target: { cohortId: 'c1' },
    };
    expect((await api.createAssignment(body)).id).toBe('a 1/x');
    expect((await api.releaseScores('a 1/x')).released).toBe(true);
    await api.allowRestart('a 1/x', 't-9');
    expect(seen.slice(-3).map((s) => [s.method, s.path, s.csrf])).toEqual([
      ['POST', '/api/assignments', CSRF],
      ['POST', '/api/assignments/a%201%2Fx/release', CSRF],
      ['POST', '/api/assignments/a%201%2Fx/restarts', CSRF],
    ]);
    expect(seen.at(-1)?.body).toEqual({ traineeId: 't-9' });
    expect(seen.at(-3)?.body).toEqual(body);
  });

  it("reads a cohort's results as the contract gives them", async () => {
    answers.set('GET /api/cohorts/c1/results', { status: 200, body: cohortResults() });
    const r = await api.cohortResults('c1');
    expect(r.trainees).toHaveLength(4);
    expect(r.cells[0]).toMatchObject({ traineeId: 't-zoe', bestTotal: 91, abandoned: 1 });
  });

  it('refuses results that are not what the contract says, naming the field', async () => {
    const bad = cohortResults();
    answers.set('GET /api/cohorts/c1/results', {
      status: 200,
      body: { ...bad, cells: [{ ...bad.cells[0], attemptsUsed: 'three' }] },
    });
    const err = await refusal(api.cohortResults('c1'));
    expect(err.code).toBe('bad-answer');
    expect(err.message).toContain('cells.0.attemptsUsed');
  });

  it('refuses an overlong name and an answer that is not JSON', async () => {
    answers.set('GET /api/cohorts', {
      status: 200,
      body: { cohorts: [{ id: 'c1', name: 'x'.repeat(201), joinCode: 'A' }] },
    });
    expect((await refusal(api.listCohorts())).message).toContain('cohorts.0.name');
    answers.set('GET /api/assignments', { status: 200, body: '<html>not json</html>' });
    expect((await refusal(api.listAssignments())).message).toContain('is not JSON');
  });

  it("passes on the server's sentence when it refuses", async () => {
    answers.set('POST /api/assignments/a1/release', {
      status: 403,
      body: { error: 'forbidden', message: 'This assignment is not yours.' },
    });
    const err = await refusal(api.releaseScores('a1'));
    expect([err.status, err.message]).toEqual([403, 'This assignment is not yours.']);
  });

  it('saves my rating with PUT and reads every rater, dropping items this app does not know', async () => {
    const rating = {
      rater: { id: 'i-1', displayName: 'Dr Ines' },
      plus: 'steady',
      delta: 'fewer shots',
      ratings: { respectForTissue: 4, useOfImaging: 2, someFutureItem: 5 },
      total: 6,
      ratedAt: '2026-03-01T10:00:00Z',
    };
    answers.set('PUT /api/attempts/x1/ratings/mine', { status: 200, body: rating });
    const ratings = {
      respectForTissue: 4,
      timeAndMotion: null,
      instrumentHandling: null,
      knowledgeOfInstruments: null,
      knowledgeOfProcedure: null,
      flowOfOperation: null,
      useOfImaging: 2,
    } as const;
    const saved = await api.saveMyRating('x1', { plus: 'steady', delta: 'fewer shots', ratings });
    expect(saved.ratings).toEqual(ratings);
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', csrf: CSRF, body: { plus: 'steady', ratings } });
  });

  it('refuses a rating outside 1 to 5', async () => {
    answers.set('PUT /api/attempts/x1/ratings/mine', {
      status: 200,
      body: {
        rater: { id: 'i-1', displayName: 'Dr Ines' },
        plus: '',
        delta: '',
        ratings: { respectForTissue: 9 },
        total: 9,
        ratedAt: '2026-03-01T10:00:00Z',
      },
    });
    const err = await refusal(
      api.saveMyRating('x1', {
        plus: '',
        delta: '',
        ratings: {} as Parameters<InstructorApi['saveMyRating']>[1]['ratings'],
      }),
    );
    expect(err.message).toContain('ratings.respectForTissue');
  });

  it("fetches an attempt's file as it is, for the simulator's parser to check", async () => {
    answers.set('GET /api/attempts/x1/file', { status: 200, body: { format: 'kyphosim-attempt', anything: [1] } });
    expect(await api.attemptFile('x1')).toEqual({ format: 'kyphosim-attempt', anything: [1] });
  });

  describe("an attempt opened for the debrief: the server's file goes through the simulator's parser first", () => {
    const opened: unknown[] = [];
    const replayer = {
      open: async (file: unknown) => {
        opened.push(file);
        return { session: { marker: 'replayed' }, finalSnapshot: { tick: 1 } } as never;
      },
    };
    const golden = JSON.parse(
      readFileSync('tests/fixtures/golden/textbook-kyphoplasty-l1-seed42.json', 'utf8'),
    ).attempt;

    it('replays a valid file and names whose attempt it is', async () => {
      opened.length = 0;
      answers.set('GET /api/attempts/x1/file', { status: 200, body: golden });
      const a = await openLabAttempt(api, replayer, 'x1', 'Dr Ana');
      expect(a.lab).toEqual({ attemptId: 'x1', traineeName: 'Dr Ana' });
      expect(opened).toHaveLength(1);
      expect((opened[0] as { seed: number }).seed).toBe(42);
    });

    it('refuses a hostile file with the parser’s sentence, before anything replays it', async () => {
      opened.length = 0;
      answers.set('GET /api/attempts/x1/file', { status: 200, body: { ...golden, seed: 'forty-two' } });
      await expect(openLabAttempt(api, replayer, 'x1', 'Dr Ana')).rejects.toThrow(/seed/);
      answers.set('GET /api/attempts/x1/file', { status: 200, body: { ...golden, log: 'rm -rf' } });
      await expect(openLabAttempt(api, replayer, 'x1', 'Dr Ana')).rejects.toThrow(/log/);
      expect(opened).toEqual([]);
    });
  });
});
