import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_FOR_RESTART, assignmentRows } from '../../src/lab/assignmentRows';
import { createAssignmentsApi } from '../../src/labClient/assignmentsApi';
import { startedAttemptSchema, traineeAssignmentListSchema } from '../../src/labClient/assignmentsApiTypes';
import { createLabClient } from '../../src/labClient/labApi';
import { LabApiError } from '../../src/labClient/labApiError';

/** A trainee's assignment as the contract (api17.md) has the server send it. */
const assignment = (o: Record<string, unknown> = {}) => ({
  id: 'a-1',
  title: 'Week 1: L1 wedge',
  mode: 'practice',
  dueAt: '2026-12-10T17:00:00.000Z',
  attemptsAllowed: 3,
  passMark: null,
  seedPolicy: 'fixed',
  seed: 42,
  target: { cohortId: 'c-1', cohortName: 'Residents 2026' },
  scenarios: [{ scenarioId: 'l1-osteoporotic-wedge', version: 1, hash: 'abc', title: 'L1 osteoporotic wedge' }],
  released: false,
  releasedAt: null,
  createdBy: { id: 'u-9', displayName: 'Dr Ines' },
  createdAt: '2026-12-01T09:00:00.000Z',
  mine: {
    attemptsUsed: 1,
    canStart: true,
    reason: null,
    scenarios: [{ scenarioId: 'l1-osteoporotic-wedge', status: 'submitted', bestTotal: null, latestTotal: null }],
  },
  ...o,
});

const STARTED = {
  attemptId: '7d6f2b1e-3a1c-4a57-9a39-111111111111',
  assignmentId: 'a-1',
  scenarioId: 'l1-osteoporotic-wedge',
  scenarioVersion: 1,
  scenarioHash: 'abc',
  mode: 'exam',
  seed: 123456,
  passMark: 70,
};

describe('the assignment answers are checked as hostile input', () => {
  it('reads a contract answer', () => {
    const [a] = traineeAssignmentListSchema.parse({ assignments: [assignment()] }).assignments;
    expect(a.mine.scenarios[0].status).toBe('submitted');
    expect(startedAttemptSchema.parse(STARTED).seed).toBe(123456);
  });

  it.each([
    [
      'an unknown status',
      { mine: { ...assignment().mine, scenarios: [{ ...assignment().mine.scenarios[0], status: 'won' }] } },
    ],
    ['a negative attempt count', { mine: { ...assignment().mine, attemptsUsed: -1 } }],
    ['a due date that is not a time', { dueAt: 'next Friday' }],
    ['no scenario', { scenarios: [] }],
    ['thirteen scenarios', { scenarios: Array.from({ length: 13 }, () => assignment().scenarios[0]) }],
    ['an overlong title', { title: 'x'.repeat(201) }],
    ['a mode the app does not play', { mode: 'tournament' }],
    ['no standing', { mine: undefined }],
    [
      'a score out of any scale',
      { mine: { ...assignment().mine, scenarios: [{ ...assignment().mine.scenarios[0], bestTotal: 1e9 }] } },
    ],
  ])('refuses %s', (_, change) => {
    expect(traineeAssignmentListSchema.safeParse({ assignments: [assignment(change)] }).success).toBe(false);
  });

  it('refuses a list longer than any lab term', () => {
    const many = Array.from({ length: 501 }, (_, i) => assignment({ id: `a-${i}` }));
    expect(traineeAssignmentListSchema.safeParse({ assignments: many }).success).toBe(false);
  });

  it.each([
    ['a seed out of range', { seed: 2 ** 31 }],
    ['a fractional seed', { seed: 1.5 }],
    ['no attempt id', { attemptId: '' }],
    ['another mode', { mode: 'free' }],
  ])('refuses a started attempt with %s', (_, change) => {
    expect(startedAttemptSchema.safeParse({ ...STARTED, ...change }).success).toBe(false);
  });
});

/**
 * The calls over real HTTP to a stand-in that answers as the contract says (the lab server's own
 * routes are tested in tests/server/assignments.test.ts; its browser path in
 * tests/e2e/traineeAssignments.spec.ts): CSRF on the start, the server's refusal sentences, bounds.
 */
describe('assignment calls', () => {
  let server: Server;
  let url = '';
  const seen: { method: string; path: string; csrf?: string; body: string }[] = [];
  let listAnswer: string = JSON.stringify({ assignments: [assignment()] });
  let startAnswer: { status: number; body: unknown } = { status: 201, body: STARTED };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      let body = '';
      for await (const c of req) body += String(c);
      const path = req.url ?? '';
      seen.push({ method: req.method ?? '', path, csrf: req.headers['x-csrf-token'] as string | undefined, body });
      const send = (status: number, text: string) =>
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(text);
      if (path === '/api/session' && req.method === 'POST')
        return send(
          200,
          JSON.stringify({
            user: { id: 'u-1', username: 'ana', displayName: 'Ana', role: 'trainee' },
            csrfToken: 'csrf-1',
          }),
        );
      if (path === '/api/assignments' && req.method === 'GET') return send(200, listAnswer);
      if (path === '/api/assignments/a-1/start' && req.method === 'POST')
        return send(startAnswer.status, JSON.stringify(startAnswer.body));
      send(404, JSON.stringify({ error: 'not-found', message: 'No such route.' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const signedIn = async () => {
    const client = createLabClient({ baseUrl: url, callTimeoutMs: 2_000 });
    await client.signIn('ana', 'pw');
    return createAssignmentsApi(client);
  };

  it('lists the trainee assignments', async () => {
    const api = await signedIn();
    const list = await api.listMine();
    expect(list.map((a) => a.id)).toEqual(['a-1']);
  });

  it('starts with the CSRF token and the station, and reads the reservation', async () => {
    const api = await signedIn();
    startAnswer = { status: 201, body: STARTED };
    const started = await api.start('a-1', 'l1-osteoporotic-wedge', 'station-7');
    expect(started.attemptId).toBe(STARTED.attemptId);
    const call = seen.at(-1)!;
    expect(call).toMatchObject({ method: 'POST', path: '/api/assignments/a-1/start', csrf: 'csrf-1' });
    expect(JSON.parse(call.body)).toEqual({ scenarioId: 'l1-osteoporotic-wedge', station: 'station-7' });
  });

  it("passes on the server's refusal in its words", async () => {
    const api = await signedIn();
    startAnswer = {
      status: 409,
      body: {
        error: 'exam-attempt-open',
        message: 'An exam attempt is still open: ask your instructor to allow a restart.',
      },
    };
    const err = await api.start('a-1', 'l1-osteoporotic-wedge', 's').catch((e) => e);
    expect(err).toBeInstanceOf(LabApiError);
    expect(err).toMatchObject({ status: 409, code: 'exam-attempt-open' });
    expect(err.message).toMatch(/ask your instructor to allow a restart/);
  });

  it('refuses a reservation for another scenario than the one asked for', async () => {
    const api = await signedIn();
    startAnswer = { status: 201, body: { ...STARTED, scenarioId: 't12-biconcave-vertebroplasty' } };
    const err = await api.start('a-1', 'l1-osteoporotic-wedge', 's').catch((e) => e);
    expect(err).toMatchObject({ code: 'bad-answer' });
    startAnswer = { status: 201, body: { ...STARTED, seed: -4 } };
    await expect(api.start('a-1', 'l1-osteoporotic-wedge', 's')).rejects.toMatchObject({ code: 'bad-answer' });
  });

  it('refuses a list answer that breaks the contract or its size bound', async () => {
    const api = await signedIn();
    listAnswer = JSON.stringify({ assignments: [assignment({ mine: null })] });
    await expect(api.listMine()).rejects.toThrow(/not what this app expects \(assignments\.0\.mine/);
    listAnswer = JSON.stringify({ assignments: [assignment({ title: 'x'.repeat(3 * 1024 * 1024) })] });
    await expect(api.listMine()).rejects.toMatchObject({ code: 'bad-answer' });
    listAnswer = JSON.stringify({ assignments: [assignment()] });
  });
});

describe('the trainee rows', () => {
  const parse = (o: Record<string, unknown>) =>
    traineeAssignmentListSchema.parse({ assignments: [assignment(o)] }).assignments;
  const everywhere = () => true;

  it('shows status, due date and attempts used of those allowed, and no score before release', () => {
    const [row] = assignmentRows(parse({}), everywhere);
    expect(row).toMatchObject({ status: 'submitted', attempts: '1 of 3 attempts used', score: null, blocked: null });
    expect(row.due).toMatch(/^2026-12-1[01] \d\d:\d\d$/);
    const [unlimited] = assignmentRows(parse({ attemptsAllowed: null, dueAt: null }), everywhere);
    expect(unlimited).toMatchObject({ attempts: '1 attempt used', due: null });
  });

  it('shows the scores only when the server sends them', () => {
    const released = {
      released: true,
      mine: {
        ...assignment().mine,
        scenarios: [{ scenarioId: 'l1-osteoporotic-wedge', status: 'passed', bestTotal: 84.26, latestTotal: 79 }],
      },
    };
    expect(assignmentRows(parse(released), everywhere)[0]).toMatchObject({
      status: 'passed',
      score: 'best 84.3, latest 79',
    });
  });

  it('sends an exam with an open attempt to the instructor instead of starting it', () => {
    const open = {
      mode: 'exam',
      mine: {
        attemptsUsed: 1,
        canStart: false,
        reason: 'an exam attempt is still open: ask your instructor to allow a restart',
        scenarios: [{ scenarioId: 'l1-osteoporotic-wedge', status: 'in-progress', bestTotal: null, latestTotal: null }],
      },
    };
    expect(assignmentRows(parse(open), everywhere)[0].blocked).toBe(ASK_FOR_RESTART);
    // Even if a server said it could start, the app does not open a second exam attempt beside an open one.
    expect(assignmentRows(parse({ ...open, mine: { ...open.mine, canStart: true } }), everywhere)[0].blocked).toBe(
      ASK_FOR_RESTART,
    );
  });

  it("gives the server's reason, and says when this station lacks the assigned version", () => {
    const spent = { mine: { ...assignment().mine, canStart: false, reason: 'no attempts left' } };
    expect(assignmentRows(parse(spent), everywhere)[0].blocked).toBe('No attempts left.');
    expect(assignmentRows(parse({}), () => false)[0].blocked).toMatch(
      /does not have L1 osteoporotic wedge \(version 1\)/,
    );
  });

  it('starts a scenario stored on the lab server though this station has no copy (the start brings it)', () => {
    const stored = {
      scenarios: [{ scenarioId: 'our-case', version: 2, hash: 'abc', title: 'Our case', stored: true }],
      mine: { ...assignment().mine, scenarios: [] },
    };
    expect(assignmentRows(parse(stored), () => false)[0].blocked).toBeNull();
  });
});
