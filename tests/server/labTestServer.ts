import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../levels/scenarioSchema';
import { type AttemptFile, toAttemptFile } from '../../sim/attempt/index';
import type { Command } from '../../sim/core/index';
import { createSession } from '../../sim/session/index';
import { type LabServer, startLabServer } from '../../server/labServer';
import { createUser } from '../../server/users/createUser';
import type { Role, User } from '../../server/users/user';
import { testDb } from './testDb';

// Tests only: scrypt at N = 2^4 instead of 2^15, so hundreds of sign-ins take milliseconds. The
// server honours this variable only under vitest (server/auth/password.ts).
process.env.KYPHOSIM_TEST_SCRYPT_LOG2N = '4';

export const PASSWORD = 'correct horse battery';

/**
 * A real lab server on a free port, on the test file's own database (testDb: an in-memory PGlite,
 * or a fresh schema on DATABASE_URL).
 */
export async function startTestServer(
  options: { scoringWorkers?: number; replayBudgetMs?: number; distDir?: string } = {},
): Promise<LabServer> {
  return startLabServer({
    host: '127.0.0.1',
    port: 0,
    db: await testDb(),
    scoringWorkers: options.scoringWorkers ?? 1,
    replayBudgetMs: options.replayBudgetMs ?? 60_000,
    pollMs: 100,
    trustProxy: false,
    distDir: options.distDir,
  });
}

export interface Reply {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
}

/** A browser, as far as the API sees one: a cookie and a CSRF token, sent the way the app sends them. */
export class Client {
  cookie: string | null = null;
  csrfToken: string | null = null;
  user: User | null = null;

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    o: { csrf?: string | null; contentType?: string | null; raw?: string } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = o.csrf === undefined ? this.csrfToken : o.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    const text = o.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const contentType = o.contentType === undefined ? 'application/json' : o.contentType;
    if (text !== undefined && contentType) headers['content-type'] = contentType;
    const res = await fetch(this.baseUrl + path, { method, headers, body: text });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie?.startsWith('kyphosim_session=')) {
      const value = setCookie.split(';')[0];
      this.cookie = value === 'kyphosim_session=' ? null : value;
    }
    const raw = await res.text();
    let parsed: unknown = raw;
    try {
      parsed = raw ? JSON.parse(raw) : null;
    } catch {
      // not JSON: the raw text is the body
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async signIn(username: string, password = PASSWORD): Promise<Reply> {
    const r = await this.request('POST', '/api/session', { username, password });
    if (r.status === 200) {
      this.csrfToken = r.body.csrfToken;
      this.user = r.body.user;
    }
    return r;
  }
}

/** A user made the way `npm run lab -- add-user` makes one (the first admin has no one to create them). */
export function addUser(server: LabServer, username: string, role: Role, displayName = username): Promise<User> {
  return server.db.transaction((tx) => createUser(tx, { username, role, displayName, password: PASSWORD }));
}

/** A client signed in as this user. */
export async function signedIn(server: LabServer, username: string): Promise<Client> {
  const c = new Client(server.url);
  const r = await c.signIn(username);
  if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

/** The lab of the role tests: an admin, two instructors with a cohort each, a trainee in each cohort. */
export interface Lab {
  readonly server: LabServer;
  readonly admin: Client;
  readonly instructor: Client;
  readonly otherInstructor: Client;
  readonly trainee: Client;
  readonly otherTrainee: Client;
  readonly cohortId: string;
  readonly otherCohortId: string;
}

export async function makeLab(server: LabServer): Promise<Lab> {
  await addUser(server, 'admin', 'admin', 'Lab Admin');
  await addUser(server, 'inst-a', 'instructor', 'Instructor A');
  await addUser(server, 'inst-b', 'instructor', 'Instructor B');
  const admin = await signedIn(server, 'admin');
  const instructor = await signedIn(server, 'inst-a');
  const otherInstructor = await signedIn(server, 'inst-b');
  const cohortId = (await instructor.request('POST', '/api/cohorts', { name: 'Cohort A' })).body.id;
  const otherCohortId = (await otherInstructor.request('POST', '/api/cohorts', { name: 'Cohort B' })).body.id;
  const mk = (c: Client, username: string, cohort: string) =>
    c.request('POST', '/api/users', {
      username,
      displayName: username,
      password: PASSWORD,
      role: 'trainee',
      cohortId: cohort,
    });
  for (const r of [await mk(instructor, 'trainee-a', cohortId), await mk(otherInstructor, 'trainee-b', otherCohortId)])
    if (r.status !== 201) throw new Error(`making a trainee: ${r.status} ${JSON.stringify(r.body)}`);
  const trainee = await signedIn(server, 'trainee-a');
  const otherTrainee = await signedIn(server, 'trainee-b');
  return { server, admin, instructor, otherInstructor, trainee, otherTrainee, cohortId, otherCohortId };
}

const SCENARIO = parseScenario(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'levels', 'l1-osteoporotic-wedge.json'), 'utf8')),
);

/** The commands of a short attempt: the case review, then waiting. */
export const CASE_REVIEW: Command[] = [
  { type: 'checklist.tick', item: 'history' },
  { type: 'checklist.tick', item: 'imaging' },
  { type: 'checklist.tick', item: 'candidacy' },
  { type: 'phase.next' },
];

/** A real attempt file on a published scenario: the first `count` case-review commands, one simulated second apart. */
export function attemptFile(count = CASE_REVIEW.length, seed = 42): AttemptFile {
  const session = createSession(SCENARIO, seed);
  for (const c of CASE_REVIEW.slice(0, count)) {
    session.advance(1);
    if (!session.dispatch(c).accepted) throw new Error(`${c.type} refused`);
  }
  session.advance(1);
  return JSON.parse(
    JSON.stringify(toAttemptFile(session, '0.1.0', { startedAt: '2026-12-03T18:00:00.000Z', station: 'station-1' })),
  );
}

/** The upload body of PUT /api/attempts/:id. */
export function upload(file: AttemptFile, status = 'in-progress', station = 'station-1') {
  return { status, station, attempt: file };
}

/** Wait until the attempt's scoring is done or failed (the workers poll every 100 ms). */
export async function scored(client: Client, id: string, timeoutMs = 240_000): Promise<Reply> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await client.request('GET', `/api/attempts/${id}`);
    if (r.body?.scoring === 'done' || r.body?.scoring === 'failed') return r;
    if (Date.now() > end) throw new Error(`attempt ${id} not scored in ${timeoutMs} ms: ${JSON.stringify(r.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
