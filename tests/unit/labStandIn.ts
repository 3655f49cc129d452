import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in lab server for the unit tests of the app's HTTP client and upload queue: real HTTP on
 * a free port, answering as the API contract says for the routes the app calls (health, session,
 * join, attempts). Its behaviour can be switched per test (`down`: every call answers 503;
 * `hang`: no answer at all). It keeps a single session, not one per cookie. Not the lab server:
 * that one (server/) has its own tests.
 */
export interface StandIn {
  readonly url: string;
  /** Every request seen, in order: method, path, the headers the contract cares about, the body. */
  readonly requests: { method: string; path: string; csrf?: string; contentType?: string; body: unknown }[];
  /** Attempts stored by PUT, by id. */
  readonly attempts: Map<string, { status: string; body: Record<string, unknown>; revision: number }>;
  /** Answer every /api call with this status and a contract error body (e.g. 503), or null. */
  failWith: number | null;
  /** The sentence of that error body. */
  failMessage: string;
  /** Never answer (the client's timeout must fire). */
  hang: boolean;
  close(): Promise<void>;
}

const USER = { id: 'u-1', username: 'ana', displayName: 'Ana Trainee', role: 'trainee' };
const PASSWORD = 'correct horse';
const CSRF = 'csrf-token-123';
const JOIN_CODE = 'JOIN-42';

export async function startStandIn(): Promise<StandIn> {
  const state: StandIn = {
    url: '',
    requests: [],
    attempts: new Map(),
    failWith: null,
    failMessage: 'The lab server is restarting.',
    hang: false,
    close: async () => {},
  };
  const sockets = new Set<import('node:net').Socket>();
  // One session for the whole stand-in (it keeps no cookies): signed in from a good POST /api/session
  // until DELETE /api/session. Enough for one browser or one client per test.
  let signedIn = false;

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  const error = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { error: code, message });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const path = (req.url ?? '').split('?')[0];
    const method = req.method ?? 'GET';
    state.requests.push({
      method,
      path,
      csrf: req.headers['x-csrf-token'] as string | undefined,
      contentType: req.headers['content-type'],
      body,
    });
    if (state.hang) return; // the socket stays open, unanswered
    if (state.failWith !== null) return error(res, state.failWith, 'unavailable', state.failMessage);
    const write = method !== 'GET';
    if (write && !['/api/session', '/api/join'].includes(path)) {
      if (req.headers['content-type'] !== 'application/json')
        return error(res, 415, 'not-json', 'Writes must be sent as application/json.');
      if (req.headers['x-csrf-token'] !== CSRF)
        return error(res, 403, 'bad-csrf', 'The request carries no valid CSRF token: sign in again.');
    }
    const b = (body ?? {}) as Record<string, unknown>;
    if (path === '/api/health' && method === 'GET')
      return send(res, 200, { service: 'kyphosim-lab', appVersion: '0.1.0', simVersion: 'sim-test' });
    if (path === '/api/session' && method === 'POST') {
      if (b.username === USER.username && b.password === PASSWORD) {
        signedIn = true;
        return send(res, 200, { user: USER, csrfToken: CSRF });
      }
      return error(res, 401, 'bad-credentials', 'The username or password is wrong.');
    }
    if (path === '/api/session' && method === 'GET')
      return signedIn
        ? send(res, 200, { user: USER, csrfToken: CSRF })
        : error(res, 401, 'not-signed-in', 'Nobody is signed in.');
    if (path === '/api/session' && method === 'DELETE') {
      signedIn = false;
      return send(res, 204);
    }
    if (path === '/api/join' && method === 'POST') {
      if (b.code !== JOIN_CODE) return error(res, 400, 'bad-join-code', 'No cohort has that join code.');
      return send(res, 201, {
        user: { id: 'u-2', username: b.username, displayName: b.displayName, role: 'trainee' },
        csrfToken: CSRF,
      });
    }
    const m = /^\/api\/attempts\/([^/]+)$/.exec(path);
    if (m && method === 'PUT') {
      if ('score' in b || 'report' in b) return error(res, 400, 'score-refused', 'A client cannot send a score.');
      const id = decodeURIComponent(m[1]);
      const prev = state.attempts.get(id);
      if (prev?.status === 'finished' && b.status === 'in-progress')
        return error(res, 409, 'already-finished', 'This attempt is finished; it cannot go back to in progress.');
      const revision = (prev?.revision ?? 0) + 1;
      state.attempts.set(id, { status: String(b.status), body: b, revision });
      return send(res, 200, { id, status: b.status, revision, receivedAt: new Date(0).toISOString() });
    }
    if (path === '/api/attempts' && method === 'GET') {
      return send(res, 200, {
        attempts: [...state.attempts.entries()].map(([id, a]) => ({
          id,
          trainee: { id: USER.id, username: USER.username, displayName: USER.displayName },
          scenarioId: 'l1',
          scenarioVersion: 2,
          mode: 'practice',
          seed: 42,
          status: a.status,
          station: a.body.station,
          startedAt: null,
          endedAt: null,
          updatedAt: new Date(0).toISOString(),
          score: null,
          scoring: a.status === 'in-progress' ? 'done' : 'queued',
        })),
      });
    }
    return error(res, 404, 'not-found', `No route ${method} ${path}.`);
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

export const STAND_IN = { user: USER, password: PASSWORD, csrf: CSRF, joinCode: JOIN_CODE };
