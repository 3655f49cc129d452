import type { z } from 'zod';
import { MAX_ATTEMPT_FILE_BYTES } from '../../sim/core';
import { LabApiError } from './labApiError';
import { readBounded } from './readBounded';
import {
  type AttemptUpload,
  attemptDetailSchema,
  attemptListSchema,
  errorBodySchema,
  healthSchema,
  type LabHealth,
  type LabUser,
  type PutAttemptAnswer,
  putAttemptAnswerSchema,
  type ServerAttemptDetail,
  type ServerAttemptSummary,
  signedInSchema,
  type VerifyAnswer,
  verifyAnswerSchema,
} from './labApiTypes';

/** How long the start-up probe waits for `GET /api/health`: a static host answers 404 at once, nothing at all should not hold up the menu. */
export const HEALTH_TIMEOUT_MS = 2_000;
/** Any other call: a lab server on the local network answers well within this. */
export const CALL_TIMEOUT_MS = 15_000;

/** The largest answer read, per kind: small JSON, an attempt (its file and the server's report), a list. */
const SMALL_ANSWER_BYTES = 64 * 1024;
const ATTEMPT_ANSWER_BYTES = MAX_ATTEMPT_FILE_BYTES + 4 * 1024 * 1024;
const LIST_ANSWER_BYTES = 16 * 1024 * 1024;

export interface LabClientOptions {
  /** Where `/api` lives: '' for this page's origin (the app), an absolute origin in tests. */
  readonly baseUrl?: string;
  readonly callTimeoutMs?: number;
  readonly healthTimeoutMs?: number;
}

/**
 * The app's side of the lab server's HTTP API. The CSRF token the server hands out at sign-in is
 * kept in this closure only (never in storage) and sent on every write; the session itself is the
 * server's HttpOnly cookie, which the browser sends on same-origin calls. Every answer is size-
 * bounded and validated; every failure is a LabApiError with the server's sentence when it gave one.
 */
export interface LabClient {
  /** The server's health answer, or a LabApiError (none answered, or not a KyphoSim lab server). */
  health(): Promise<LabHealth>;
  signIn(username: string, password: string): Promise<LabUser>;
  join(code: string, username: string, displayName: string, password: string): Promise<LabUser>;
  /** The user of the browser's current session, or null when it has none (401). */
  restoreSession(): Promise<LabUser | null>;
  signOut(): Promise<void>;
  /** The signed-in user, or null. */
  user(): LabUser | null;
  putAttempt(attemptId: string, body: AttemptUpload): Promise<PutAttemptAnswer>;
  listAttempts(): Promise<readonly ServerAttemptSummary[]>;
  getAttempt(attemptId: string): Promise<ServerAttemptDetail>;
  /** Whether a signed attempt file's signature checks with this lab's key (any signed-in user). */
  verifyAttempt(attempt: unknown): Promise<VerifyAnswer>;
  /** Any other call of the API (the instructor's routes in instructorApi.ts): CSRF, bounds and schema as above. */
  call<S extends z.ZodType>(method: Method, path: string, schema: S | null, options?: CallOptions): Promise<z.infer<S>>;
}

/** A call's body, the largest answer it reads (bytes) and how long it waits. */
export interface CallOptions {
  readonly body?: unknown;
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createLabClient(options: LabClientOptions = {}): LabClient {
  const base = options.baseUrl ?? '';
  const callTimeout = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
  const healthTimeout = options.healthTimeoutMs ?? HEALTH_TIMEOUT_MS;
  let csrfToken: string | null = null;
  let current: LabUser | null = null;

  async function call<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S | null,
    { body, maxBytes = SMALL_ANSWER_BYTES, timeoutMs = callTimeout }: CallOptions = {},
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${base}/api${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: abort.signal,
      });
      text = await readBounded(response, maxBytes);
    } catch (err) {
      if (abort.signal.aborted)
        throw new LabApiError(0, 'timeout', `The lab server did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      if (err instanceof RangeError)
        throw new LabApiError(0, 'bad-answer', `The lab server's answer was refused: ${err.message}.`);
      throw new LabApiError(0, 'unreachable', `The lab server cannot be reached (${errorText(err)}).`);
    } finally {
      clearTimeout(timer);
    }
    let data: unknown = null;
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
    }
    if (!response.ok) {
      const said = errorBodySchema.safeParse(data);
      if (said.success) throw new LabApiError(response.status, said.data.error, said.data.message);
      throw new LabApiError(
        response.status,
        'no-message',
        `The lab server answered ${[response.status, response.statusText].filter(Boolean).join(' ')} without saying why.`,
      );
    }
    if (schema === null) return undefined as z.infer<S>;
    if (data === undefined)
      throw new LabApiError(
        response.status,
        'bad-answer',
        `The lab server's answer to ${method} /api${path} is not JSON.`,
      );
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new LabApiError(
        response.status,
        'bad-answer',
        `The lab server's answer to ${method} /api${path} is not what this app expects (${issue?.path.join('.') || 'the answer'}: ${issue?.message}).`,
      );
    }
    return parsed.data;
  }

  const signedIn = ({ user, csrfToken: token }: z.infer<typeof signedInSchema>) => {
    current = user;
    csrfToken = token;
    return user;
  };

  return {
    health: () => call('GET', '/health', healthSchema, { timeoutMs: healthTimeout }),
    signIn: async (username, password) =>
      signedIn(await call('POST', '/session', signedInSchema, { body: { username, password } })),
    join: async (code, username, displayName, password) =>
      signedIn(await call('POST', '/join', signedInSchema, { body: { code, username, displayName, password } })),
    async restoreSession() {
      try {
        return signedIn(await call('GET', '/session', signedInSchema));
      } catch (err) {
        if (err instanceof LabApiError && err.status === 401) {
          current = null;
          csrfToken = null;
          return null;
        }
        throw err;
      }
    },
    async signOut() {
      try {
        await call('DELETE', '/session', null);
      } finally {
        current = null;
        csrfToken = null;
      }
    },
    user: () => current,
    putAttempt: (attemptId, body) =>
      call('PUT', `/attempts/${encodeURIComponent(attemptId)}`, putAttemptAnswerSchema, { body }),
    listAttempts: async () =>
      (await call('GET', '/attempts', attemptListSchema, { maxBytes: LIST_ANSWER_BYTES })).attempts,
    getAttempt: (attemptId) =>
      call('GET', `/attempts/${encodeURIComponent(attemptId)}`, attemptDetailSchema, {
        maxBytes: ATTEMPT_ANSWER_BYTES,
      }),
    verifyAttempt: (attempt) => call('POST', '/attempts/verify', verifyAnswerSchema, { body: { attempt } }),
    call,
  };
}
