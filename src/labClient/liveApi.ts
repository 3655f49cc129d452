import { z } from 'zod';
import { attemptSchema } from '../../sim/attempt';
import type { LabClient } from './labApi';
import { labClient } from './labSession';

/**
 * Watching an attempt live (the instructor) and the messages sent to its station (both sides):
 * the calls of POST/GET /api/attempts/:id/messages and the events of GET /api/attempts/:id/live,
 * as zod schemas. Network input: every field read is validated and bounded first.
 */

/** The longest note the server takes (server/live/attemptMessages.ts). */
export const MAX_NOTE_LENGTH = 500;
/** The most messages one answer carries (the server sends at most 100). */
const MAX_MESSAGES = 200;

export const MESSAGE_KINDS = ['note', 'pause', 'resume'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const attemptMessageSchema = z.object({
  seq: z.number().int().min(1).max(1_000_000),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string().max(MAX_NOTE_LENGTH).nullable(),
  from: z.object({ id: z.string().max(200).nullable(), displayName: z.string().max(300) }),
  sentAt: z.string().max(40),
});
export type AttemptMessage = z.infer<typeof attemptMessageSchema>;

const messageListSchema = z.object({ messages: z.array(attemptMessageSchema).max(MAX_MESSAGES) });

/** A `log` event: the entries past the `from` already sent, and the tick the upload reached. */
export const liveLogEventSchema = z.object({
  revision: z.number().int().min(0),
  status: z.enum(['in-progress', 'finished', 'abandoned']),
  from: z.number().int().min(0),
  entries: attemptSchema.shape.log,
  endTick: attemptSchema.shape.endTick,
});
export type LiveLogEvent = z.infer<typeof liveLogEventSchema>;

/** An `end` event: the attempt is over (or was deleted while watched). */
export const liveEndEventSchema = z.object({ status: z.string().max(40) });

/** Where the live stream of an attempt is (same origin: the Content-Security-Policy's connect-src 'self'). */
export function liveStreamUrl(attemptId: string): string {
  return `/api/attempts/${encodeURIComponent(attemptId)}/live`;
}

export interface LiveApi {
  /** Send the station a note, or pause or resume its clock (instructor/admin; a practice attempt in progress). */
  send(attemptId: string, kind: MessageKind, text?: string): Promise<AttemptMessage>;
  /** The attempt's messages after seq `after`, in seq order. */
  messagesAfter(attemptId: string, after: number): Promise<readonly AttemptMessage[]>;
}

export function createLiveApi(client: LabClient): LiveApi {
  const path = (attemptId: string) => `/attempts/${encodeURIComponent(attemptId)}/messages`;
  return {
    send: (attemptId, kind, text) =>
      client.call('POST', path(attemptId), attemptMessageSchema, {
        body: kind === 'note' ? { kind, text } : { kind },
      }),
    messagesAfter: async (attemptId, after) =>
      (await client.call('GET', `${path(attemptId)}?after=${Math.max(0, Math.floor(after))}`, messageListSchema))
        .messages,
  };
}

/** The session's live client (same cookie and CSRF token as the rest of the app). */
export async function liveApi(): Promise<LiveApi> {
  return createLiveApi(await labClient());
}
