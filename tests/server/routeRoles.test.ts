import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabServer } from '../../server/labServer';
import {
  attemptFile,
  Client,
  type Lab,
  makeLab,
  PASSWORD,
  type Reply,
  signedIn,
  startTestServer,
  upload,
} from './labTestServer';
import { HOOK_TIMEOUT_MS } from './testDb';
import { assign, assignmentBody, SCENARIO, start } from './assignmentHelpers';
import { openLive } from './liveStreamReader';

/**
 * Every route against every role, by real HTTP: the status each must get (api.md). "other" is the
 * trainee or instructor of the other cohort: ownership, not only role, decides.
 */
type Actor = 'anonymous' | 'trainee' | 'otherTrainee' | 'instructor' | 'otherInstructor' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'trainee', 'otherTrainee', 'instructor', 'otherInstructor', 'admin'];
const USERNAMES: Record<Exclude<Actor, 'anonymous'>, string> = {
  trainee: 'trainee-a',
  otherTrainee: 'trainee-b',
  instructor: 'inst-a',
  otherInstructor: 'inst-b',
  admin: 'admin',
};

let server: LabServer;
let lab: Lab;
/** trainee-a's attempt (cohort A), uploaded before the table runs. */
let attemptId: string;
const attemptBody = upload(attemptFile(), 'in-progress');
let signedFile: unknown;
/** Instructor A's practice assignment for cohort A (unlimited attempts), made before the table runs. */
let assignmentId: string;
let n = 0;
const fresh = () => `user-${++n}-${randomUUID().slice(0, 8)}`;

interface RouteCase {
  readonly route: string;
  readonly call: (c: Client, actor: Actor) => Promise<Reply>;
  readonly expected: Record<Actor, number>;
}

const all = (status: number, anonymous = 401): Record<Actor, number> => ({
  anonymous,
  trainee: status,
  otherTrainee: status,
  instructor: status,
  otherInstructor: status,
  admin: status,
});

/** Instructors and admins get `status`; trainees 403. */
const instructorsOnly = (status: number): Record<Actor, number> => ({
  anonymous: 401,
  trainee: 403,
  otherTrainee: 403,
  instructor: status,
  otherInstructor: status,
  admin: status,
});

/** Instructor A's scenarios stored on the lab: a draft, and a published one assigned to cohort A. */
const DRAFT_ID = 'roles-draft';
const PUBLISHED_ID = 'roles-published';
const labScenario = (id: string) => ({ ...SCENARIO, id, version: 1, title: `Roles ${id}` });

const CASES: RouteCase[] = [
  { route: 'GET /api/health', call: (c) => c.request('GET', '/api/health'), expected: all(200, 200) },
  {
    route: 'POST /api/session',
    call: (c, a) =>
      c.request('POST', '/api/session', {
        username: a === 'anonymous' ? 'trainee-a' : USERNAMES[a],
        password: PASSWORD,
      }),
    expected: all(200, 200),
  },
  { route: 'GET /api/session', call: (c) => c.request('GET', '/api/session'), expected: all(200) },
  {
    route: 'POST /api/join',
    call: async (c) => {
      const code = (await lab.instructor.request('GET', `/api/cohorts/${lab.cohortId}`)).body.joinCode;
      return c.request('POST', '/api/join', {
        code,
        username: fresh(),
        displayName: 'New Trainee',
        password: PASSWORD,
      });
    },
    expected: all(201, 201),
  },
  {
    route: 'POST /api/users (a trainee in cohort A)',
    call: (c) =>
      c.request('POST', '/api/users', {
        username: fresh(),
        displayName: 'T',
        password: PASSWORD,
        role: 'trainee',
        cohortId: lab.cohortId,
      }),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 201, otherInstructor: 403, admin: 201 },
  },
  {
    route: 'POST /api/users (an instructor)',
    call: (c) =>
      c.request('POST', '/api/users', { username: fresh(), displayName: 'I', password: PASSWORD, role: 'instructor' }),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 403, otherInstructor: 403, admin: 201 },
  },
  {
    route: 'GET /api/cohorts',
    call: (c) => c.request('GET', '/api/cohorts'),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 200, admin: 200 },
  },
  {
    route: 'POST /api/cohorts',
    call: (c) => c.request('POST', '/api/cohorts', { name: 'Another cohort' }),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 201, otherInstructor: 201, admin: 201 },
  },
  {
    route: 'GET /api/cohorts/:id (cohort A)',
    call: (c) => c.request('GET', `/api/cohorts/${lab.cohortId}`),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "PUT /api/attempts/:id (trainee A's)",
    call: (c) => c.request('PUT', `/api/attempts/${attemptId}`, attemptBody),
    expected: { anonymous: 401, trainee: 200, otherTrainee: 403, instructor: 403, otherInstructor: 403, admin: 403 },
  },
  { route: 'GET /api/attempts', call: (c) => c.request('GET', '/api/attempts'), expected: all(200) },
  {
    route: "GET /api/attempts/:id (trainee A's)",
    call: (c) => c.request('GET', `/api/attempts/${attemptId}`),
    expected: { anonymous: 401, trainee: 200, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "GET /api/attempts/:id/file (trainee A's)",
    call: (c) => c.request('GET', `/api/attempts/${attemptId}/file`),
    expected: { anonymous: 401, trainee: 200, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: 'POST /api/attempts/verify',
    call: (c) => c.request('POST', '/api/attempts/verify', { attempt: signedFile }),
    expected: all(200),
  },
  {
    route: 'POST /api/assignments (for cohort A)',
    call: (c) => c.request('POST', '/api/assignments', assignmentBody(lab)),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 201, otherInstructor: 403, admin: 201 },
  },
  { route: 'GET /api/assignments', call: (c) => c.request('GET', '/api/assignments'), expected: all(200) },
  {
    route: "GET /api/assignments/:id (cohort A's)",
    call: (c) => c.request('GET', `/api/assignments/${assignmentId}`),
    expected: { anonymous: 401, trainee: 200, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "POST /api/assignments/:id/start (cohort A's)",
    call: (c) => start(c, assignmentId),
    expected: { anonymous: 401, trainee: 201, otherTrainee: 403, instructor: 403, otherInstructor: 403, admin: 403 },
  },
  {
    route: "POST /api/assignments/:id/restarts (trainee A on cohort A's)",
    call: (c) => c.request('POST', `/api/assignments/${assignmentId}/restarts`, { traineeId: lab.trainee.user?.id }),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "POST /api/assignments/:id/release (cohort A's)",
    call: (c) => c.request('POST', `/api/assignments/${assignmentId}/release`, {}),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "GET /api/assignments/:id/archive (cohort A's)",
    call: (c) => c.request('GET', `/api/assignments/${assignmentId}/archive`),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: 'GET /api/cohorts/:id/results (cohort A)',
    call: (c) => c.request('GET', `/api/cohorts/${lab.cohortId}/results`),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: 'GET /api/cohorts/:id/results.csv (cohort A)',
    call: (c) => c.request('GET', `/api/cohorts/${lab.cohortId}/results.csv`),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: 'GET /api/cohorts/:id/research.csv (cohort A)',
    call: (c) => c.request('GET', `/api/cohorts/${lab.cohortId}/research.csv`),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "PUT /api/attempts/:id/ratings/mine (trainee A's)",
    call: (c) =>
      c.request('PUT', `/api/attempts/${attemptId}/ratings/mine`, {
        plus: '',
        delta: '',
        ratings: { useOfImaging: 3 },
      }),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    // The stream stays open: the first event is read (the attempt), then the client hangs up.
    route: "GET /api/attempts/:id/live (trainee A's)",
    call: async (c) => {
      const live = await openLive(c, attemptId);
      if (live.status !== 200) return { status: live.status, body: live.body, headers: live.headers };
      const first = await live.next();
      live.close();
      return { status: first.event === 'attempt' ? 200 : 500, body: first, headers: live.headers };
    },
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "POST /api/attempts/:id/messages (trainee A's practice attempt)",
    call: (c) => c.request('POST', `/api/attempts/${attemptId}/messages`, { kind: 'note', text: 'Well done.' }),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 201, otherInstructor: 403, admin: 201 },
  },
  {
    route: "GET /api/attempts/:id/messages (trainee A's)",
    call: (c) => c.request('GET', `/api/attempts/${attemptId}/messages?after=0`),
    expected: { anonymous: 401, trainee: 200, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "GET /api/users/:id/export (trainee A's)",
    call: (c) => c.request('GET', `/api/users/${lab.trainee.user?.id}/export`),
    expected: { anonymous: 401, trainee: 200, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: 'DELETE /api/users/:id (a new trainee of cohort A)',
    call: async (c) => {
      const made = await lab.instructor.request('POST', '/api/users', {
        username: fresh(),
        displayName: 'To Delete',
        password: PASSWORD,
        role: 'trainee',
        cohortId: lab.cohortId,
      });
      return c.request('DELETE', `/api/users/${made.body.user.id}`);
    },
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 204, otherInstructor: 403, admin: 204 },
  },
  {
    route: 'DELETE /api/users/:id (the only admin)',
    call: (c) => c.request('DELETE', `/api/users/${lab.admin.user?.id}`),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 403, otherInstructor: 403, admin: 409 },
  },
  { route: 'GET /api/scenarios', call: (c) => c.request('GET', '/api/scenarios'), expected: instructorsOnly(200) },
  {
    route: "PUT /api/scenarios/:id/versions/:version (instructor A's draft)",
    call: (c) => c.request('PUT', `/api/scenarios/${DRAFT_ID}/versions/1`, { scenario: labScenario(DRAFT_ID) }),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "POST /api/scenarios/:id/versions/:version/publish (a new draft of instructor A's)",
    call: async (c) => {
      const id = `roles-draft-${++n}`;
      const made = await lab.instructor.request('PUT', `/api/scenarios/${id}/versions/1`, {
        scenario: labScenario(id),
      });
      expect(made.status).toBe(201);
      return c.request('POST', `/api/scenarios/${id}/versions/1/publish`, {});
    },
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: "GET /api/scenarios/:id/versions/:version (instructor A's draft)",
    call: (c) => c.request('GET', `/api/scenarios/${DRAFT_ID}/versions/1`),
    expected: { anonymous: 401, trainee: 403, otherTrainee: 403, instructor: 200, otherInstructor: 403, admin: 200 },
  },
  {
    route: 'GET /api/scenarios/:id/versions/:version (published, assigned to cohort A)',
    call: (c) => c.request('GET', `/api/scenarios/${PUBLISHED_ID}/versions/1`),
    expected: { anonymous: 401, trainee: 200, otherTrainee: 403, instructor: 200, otherInstructor: 200, admin: 200 },
  },
  { route: 'DELETE /api/session', call: (c) => c.request('DELETE', '/api/session'), expected: all(204) },
];

beforeAll(async () => {
  server = await startTestServer({ scoringWorkers: 0 });
  lab = await makeLab(server);
  attemptId = randomUUID();
  const r = await lab.trainee.request('PUT', `/api/attempts/${attemptId}`, attemptBody);
  expect(r.status).toBe(200);
  signedFile = (await lab.trainee.request('GET', `/api/attempts/${attemptId}/file`)).body;
  assignmentId = (await assign(lab.instructor, assignmentBody(lab, { attemptsAllowed: null }))).id;
  for (const id of [DRAFT_ID, PUBLISHED_ID]) {
    const made = await lab.instructor.request('PUT', `/api/scenarios/${id}/versions/1`, { scenario: labScenario(id) });
    expect(made.status).toBe(201);
  }
  expect((await lab.instructor.request('POST', `/api/scenarios/${PUBLISHED_ID}/versions/1/publish`, {})).status).toBe(
    200,
  );
  await assign(lab.instructor, assignmentBody(lab, { scenarioIds: [{ id: PUBLISHED_ID, version: 1 }] }));
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

describe('every route against every role', () => {
  const rows = CASES.flatMap((c) => ACTORS.map((a) => [c.route, a, c.expected[a], c] as const));
  it.each(rows)('%s as %s -> %i', async (_route, actor, status, c) => {
    // A client of its own per row, so signing out (DELETE /api/session) affects only that row.
    const client = actor === 'anonymous' ? new Client(server.url) : await signedIn(server, USERNAMES[actor]);
    const r = await c.call(client, actor);
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    if (status >= 400) expect(r.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });
});

describe('what each role sees', () => {
  it('lists attempts: the trainee and their instructor and the admin see it; the others do not', async () => {
    const ids = async (c: Client) =>
      ((await c.request('GET', '/api/attempts')).body.attempts as { id: string }[]).map((a) => a.id);
    expect(await ids(lab.trainee)).toContain(attemptId);
    expect(await ids(lab.instructor)).toContain(attemptId);
    expect(await ids(lab.admin)).toContain(attemptId);
    expect(await ids(lab.otherTrainee)).not.toContain(attemptId);
    expect(await ids(lab.otherInstructor)).not.toContain(attemptId);
  });

  it('lists cohorts: an instructor their own, the admin all', async () => {
    const names = async (c: Client) =>
      ((await c.request('GET', '/api/cohorts')).body.cohorts as { id: string }[]).map((x) => x.id);
    expect(await names(lab.instructor)).toContain(lab.cohortId);
    expect(await names(lab.instructor)).not.toContain(lab.otherCohortId);
    expect(await names(lab.admin)).toEqual(expect.arrayContaining([lab.cohortId, lab.otherCohortId]));
  });

  it("an instructor cannot put a trainee into another instructor's cohort", async () => {
    const r = await lab.instructor.request('POST', '/api/users', {
      username: fresh(),
      displayName: 'T',
      password: PASSWORD,
      role: 'trainee',
      cohortId: lab.otherCohortId,
    });
    expect(r.status).toBe(403);
  });
});
