import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db';
import { readableAttempt } from '../../attempts/attemptAccess';
import { afterParam, messageBody, messagesAfter, sendMessage } from '../../live/attemptMessages';
import { LiveLimits } from '../../live/liveLimits';
import { type LiveStreamOptions, streamAttempt } from '../../live/liveStream';
import { parseBody } from '../parseBody';
import { securityHeaders } from '../securityHeaders';
import { requireRole, requireUser } from '../requestAuth';

/**
 * Watching an attempt live: the Server-Sent Events stream of its uploads, and the messages an
 * instructor sends its station (notes; pause and resume of a practice attempt).
 */
export function liveRoutes(
  app: FastifyInstance,
  db: Db,
  limits = new LiveLimits(),
  options: LiveStreamOptions = {},
): void {
  // Every open stream's close, so a server shutting down ends them (an open stream would hold it up).
  const opened = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...opened]) close();
  });

  app.get<{ Params: { id: string } }>('/api/attempts/:id/live', async (req, reply) => {
    const watcher = requireRole(req, 'instructor', 'admin');
    const attempt = await readableAttempt(db, watcher, req.params.id);
    const slot = limits.acquire(watcher.id);
    // The headers every answer gets (its onSend hook does not run for a hijacked reply), sent with the stream's own.
    securityHeaders(req, reply, null, () => undefined);
    const headers = reply.getHeaders();
    // From here the stream writes the response itself; Fastify's reply is done with.
    reply.hijack();
    streamAttempt(db, reply.raw, attempt.id, slot, opened, { ...options, headers });
  });

  app.post<{ Params: { id: string } }>('/api/attempts/:id/messages', async (req, reply) => {
    const sender = requireRole(req, 'instructor', 'admin');
    const body = parseBody(messageBody, req.body);
    const attempt = await readableAttempt(db, sender, req.params.id);
    reply.code(201);
    return sendMessage(db, attempt.id, sender, body);
  });

  app.get<{ Params: { id: string }; Querystring: { after?: string } }>('/api/attempts/:id/messages', async (req) => {
    const user = requireUser(req);
    const after = afterParam(req.query.after);
    const attempt = await readableAttempt(db, user, req.params.id);
    return { messages: await messagesAfter(db, attempt.id, after) };
  });
}
