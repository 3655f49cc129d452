import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db';
import { findSession, SESSION_COOKIE, type SignedIn } from '../auth/sessions';
import type { Role, User } from '../users/user';
import { HttpError } from './httpError';
import { timingSafeEqual } from 'node:crypto';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user and their CSRF token, or null; set for every /api request before its body is read. */
    signedIn: SignedIn | null;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
/** The writes a stranger may make: signing in and joining a cohort (they have no session, so no CSRF token yet). */
const OPEN_WRITES = new Set(['POST /api/session', 'POST /api/join']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Runs on every /api request before its body is parsed, so no one without a session or a CSRF
 * token makes the server read a 16 MiB upload: the session from its cookie; for a write, a
 * session (401), the `X-CSRF-Token` header equal to the session's (403; the synchronizer-token
 * pattern: another site can make a browser send the cookie, never read the token) and a JSON body (415).
 */
export function requestAuth(db: Db) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    req.signedIn = null;
    if (!req.url.startsWith('/api/')) return;
    req.signedIn = await findSession(db, req.cookies[SESSION_COOKIE]);
    const route = `${req.method} ${req.url.split('?')[0]}`;
    if (WRITES.has(req.method) && !OPEN_WRITES.has(route)) {
      if (!req.signedIn) throw new HttpError(401, 'not-signed-in', 'Sign in first: this request needs a session.');
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, req.signedIn.csrfToken))
        throw new HttpError(
          403,
          'bad-csrf-token',
          'The X-CSRF-Token header is missing or does not match this session (GET /api/session returns it).',
        );
    }
    if (WITH_BODY.has(req.method) && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
      throw new HttpError(415, 'not-json', 'Send the request body as JSON, with Content-Type: application/json.');
  };
}

/** The signed-in user, or a 401. */
export function requireUser(req: FastifyRequest): User {
  if (!req.signedIn) throw new HttpError(401, 'not-signed-in', 'Sign in first: this request needs a session.');
  return req.signedIn.user;
}

/** The signed-in user if their role is one of `roles`, else 401 (no session) or 403. */
export function requireRole(req: FastifyRequest, ...roles: Role[]): User {
  const user = requireUser(req);
  if (!roles.includes(user.role))
    throw new HttpError(
      403,
      'wrong-role',
      `This needs the role ${roles.join(' or ')}; you are signed in as ${user.role}.`,
    );
  return user;
}
