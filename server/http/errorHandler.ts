import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './httpError';

/** What a failed request answers: `{ error, message }` with its status (api.md), never a stack trace. */
export function errorHandler(err: FastifyError | HttpError | Error, req: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, error: string, message: string) => reply.status(status).send({ error, message });
  if (err instanceof HttpError) return send(err.status, err.code, err.message);
  const status = (err as FastifyError).statusCode;
  const code = (err as FastifyError).code ?? '';
  if (status === 413)
    return send(413, 'too-large', `The request body is too large: ${req.routeOptions.bodyLimit ?? '?'} bytes at most.`);
  if (status === 415)
    return send(415, 'not-json', 'Send the request body as JSON, with Content-Type: application/json.');
  if (status === 400 && code.startsWith('FST_ERR_CTP'))
    return send(400, 'bad-json', `The request body is not valid JSON: ${err.message}.`);
  if (status === 400) return send(400, 'bad-request', err.message);
  // Two requests creating the same username (or join code) at once: the unique index says no.
  if ((err as { code?: string }).code === '23505')
    return send(409, 'conflict', 'That already exists (a username or a code was taken at the same moment).');
  if (typeof status === 'number' && status >= 400 && status < 500) return send(status, 'bad-request', err.message);
  req.log.error(err);
  return send(500, 'server-error', 'The server failed on this request; the lab staff can read why in its log.');
}
