import { z } from 'zod';
import { PLAIN_TEXT_PATTERN } from '../../sim/core/index';
import type { Db, Queryable } from '../db/db';
import { HttpError } from '../http/httpError';
import type { User } from '../users/user';

/** The longest note: a sentence or two, read at a glance during a procedure. */
export const MAX_NOTE_LENGTH = 500;
/** Messages one attempt takes: far more than any teaching session sends, few enough to list in one answer. */
export const MAX_MESSAGES_PER_ATTEMPT = 200;
/** The most messages one GET answers (the station asks again from the last seq it got). */
export const MAX_MESSAGES_LISTED = 100;

export const messageBody = z
  .strictObject({
    kind: z.enum(['note', 'pause', 'resume']),
    text: z
      .string()
      .trim()
      .max(MAX_NOTE_LENGTH)
      .regex(PLAIN_TEXT_PATTERN, 'plain text: no control characters, no < or >')
      .optional(),
  })
  .refine((b) => b.kind !== 'note' || (b.text !== undefined && b.text !== ''), {
    message: 'a note needs a text',
    path: ['text'],
  });

export type MessageBody = z.infer<typeof messageBody>;

export interface AttemptMessage {
  readonly seq: number;
  readonly kind: 'note' | 'pause' | 'resume';
  readonly text: string | null;
  readonly from: { readonly id: string | null; readonly displayName: string };
  readonly sentAt: string;
}

interface MessageRow {
  seq: number;
  kind: AttemptMessage['kind'];
  body: string | null;
  from_id: string | null;
  from_name: string;
  sent_at: Date;
}

const toMessage = (r: MessageRow): AttemptMessage => ({
  seq: r.seq,
  kind: r.kind,
  text: r.body,
  from: { id: r.from_id, displayName: r.from_name },
  sentAt: new Date(r.sent_at).toISOString(),
});

/**
 * Send a message to the station playing an attempt. Under a lock on the attempt's row, so the
 * status and mode checked are those the message is filed under and two senders never take the
 * same seq. An exam is watched, never touched; a finished or abandoned attempt has no station left.
 */
export async function sendMessage(db: Db, attemptId: string, from: User, body: MessageBody): Promise<AttemptMessage> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ status: string; mode: string }>(
      'SELECT status, mode FROM attempts WHERE id = $1 FOR UPDATE',
      [attemptId],
    );
    const attempt = rows[0];
    if (!attempt) throw new HttpError(404, 'unknown-attempt', `There is no attempt with the id "${attemptId}".`);
    if (attempt.mode === 'exam')
      throw new HttpError(
        409,
        'exam-attempt',
        'An exam can be watched, not touched: no note, pause or resume is sent.',
      );
    if (attempt.status !== 'in-progress')
      throw new HttpError(409, 'attempt-over', `The attempt is ${attempt.status}: there is no station to send it to.`);
    const count = await tx.query<{ n: number; last: number }>(
      'SELECT COUNT(*)::int AS n, COALESCE(MAX(seq), 0)::int AS last FROM attempt_messages WHERE attempt_id = $1',
      [attemptId],
    );
    const { n, last } = count[0] ?? { n: 0, last: 0 };
    if (n >= MAX_MESSAGES_PER_ATTEMPT)
      throw new HttpError(
        409,
        'too-many-messages',
        `This attempt already has ${n} messages, the most one attempt takes.`,
      );
    const inserted = await tx.query<MessageRow>(
      `INSERT INTO attempt_messages (attempt_id, seq, kind, body, from_id, from_name)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq, kind, body, from_id, from_name, sent_at`,
      [attemptId, last + 1, body.kind, body.kind === 'note' ? (body.text ?? null) : null, from.id, from.displayName],
    );
    return toMessage(inserted[0] as MessageRow);
  });
}

/** The attempt's messages after seq `after`, in seq order, at most MAX_MESSAGES_LISTED. */
export async function messagesAfter(q: Queryable, attemptId: string, after: number): Promise<AttemptMessage[]> {
  const rows = await q.query<MessageRow>(
    `SELECT seq, kind, body, from_id, from_name, sent_at FROM attempt_messages
     WHERE attempt_id = $1 AND seq > $2 ORDER BY seq LIMIT ${MAX_MESSAGES_LISTED}`,
    [attemptId, after],
  );
  return rows.map(toMessage);
}

/** `?after=` of GET messages: a whole number of 0 or more (absent: 0), or a 400. */
export function afterParam(value: unknown): number {
  if (value === undefined || value === '') return 0;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value))
    throw new HttpError(400, 'bad-after', 'after must be the seq of the last message seen: a whole number, 0 or more.');
  return Number(value);
}
