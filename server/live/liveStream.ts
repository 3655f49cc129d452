import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Queryable } from '../db/db';
import type { LiveSlot } from './liveLimits';

/** How often a stream asks the database for the attempt's revision: the station's autosave lands within this. */
export const LIVE_POLL_MS = 500;
/** A comment line this often keeps proxies and the browser from closing an idle stream. */
export const LIVE_HEARTBEAT_MS = 15_000;

interface RevisionRow {
  revision: number;
  status: string;
  log_length: number;
  end_tick: number;
}

/** One Server-Sent Event: JSON has no raw newline, so each is one `data:` line. */
function event(name: string, data: string): string {
  return `event: ${name}\ndata: ${data}\n\n`;
}

export interface LiveStreamOptions {
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
  /** Headers sent with the stream's own (the security headers every answer of the server carries). */
  readonly headers?: Readonly<Record<string, string | number | readonly string[] | undefined>>;
}

/**
 * Stream one attempt as its station uploads it (GET /api/attempts/:id/live). The database is the
 * only channel: the stream polls the attempt's revision, so an upload that landed on any instance
 * sharing the database reaches every watcher. On connect: `attempt` (the stored file); then `log`
 * with only the entries past those already sent, each time the revision moves; `end` once the
 * attempt is finished or abandoned, then the stream closes. A disconnect stops the polling at once
 * and gives the slot back.
 */
export function streamAttempt(
  db: Queryable,
  res: ServerResponse,
  attemptId: string,
  slot: LiveSlot,
  opened: Set<() => void>,
  options: LiveStreamOptions = {},
): void {
  const pollMs = options.pollMs ?? LIVE_POLL_MS;
  let closed = false;
  let poller: ReturnType<typeof setTimeout> | null = null;
  let sentRevision = -1;
  let sentEntries = 0;
  let sentEndTick = -1;

  const close = () => {
    if (closed) return;
    closed = true;
    if (poller) clearTimeout(poller);
    clearInterval(heartbeat);
    opened.delete(close);
    slot.release();
    if (!res.writableEnded) res.end();
  };
  opened.add(close);
  res.on('close', close);
  res.writeHead(200, {
    ...(options.headers as OutgoingHttpHeaders | undefined),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // A proxy such as nginx would otherwise buffer the stream until it closes.
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  // Tell a reconnecting EventSource to wait a little: a reconnect replays the attempt from its start.
  res.write('retry: 3000\n\n');
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': heartbeat\n\n');
  }, options.heartbeatMs ?? LIVE_HEARTBEAT_MS);

  const ended = (status: string) => status === 'finished' || status === 'abandoned';

  const poll = async () => {
    poller = null;
    if (closed) return;
    try {
      const rows = await db.query<RevisionRow>(
        'SELECT revision, status, log_length, end_tick FROM attempts WHERE id = $1',
        [attemptId],
      );
      if (closed) return;
      const row = rows[0];
      if (!row) {
        // The attempt was deleted (its trainee removed) while watched.
        res.write(event('end', JSON.stringify({ status: 'deleted' })));
        close();
        return;
      }
      if (row.revision !== sentRevision) {
        const files = await db.query<{ file_json: string; revision: number; status: string }>(
          'SELECT file_json, revision, status FROM attempts WHERE id = $1',
          [attemptId],
        );
        if (closed) return;
        const stored = files[0];
        if (stored) {
          if (sentRevision === -1) {
            const file = JSON.parse(stored.file_json) as { log: unknown[]; endTick: number };
            res.write(event('attempt', stored.file_json));
            sentEntries = file.log.length;
            sentEndTick = file.endTick;
          } else {
            const file = JSON.parse(stored.file_json) as { log: unknown[]; endTick: number };
            // The upload rules keep every stored log a prefix of the next, so what is new is the tail.
            if (file.log.length > sentEntries || file.endTick !== sentEndTick) {
              const entries = file.log.slice(sentEntries);
              res.write(
                event(
                  'log',
                  JSON.stringify({
                    revision: stored.revision,
                    status: stored.status,
                    from: sentEntries,
                    entries,
                    endTick: file.endTick,
                  }),
                ),
              );
              sentEntries = file.log.length;
              sentEndTick = file.endTick;
            }
          }
          sentRevision = stored.revision;
          if (ended(stored.status)) {
            res.write(event('end', JSON.stringify({ status: stored.status })));
            close();
            return;
          }
        }
      } else if (ended(row.status)) {
        res.write(event('end', JSON.stringify({ status: row.status })));
        close();
        return;
      }
    } catch {
      // A database hiccup: the next poll tries again; the stream stays as it was.
    }
    if (!closed) poller = setTimeout(poll, pollMs);
  };
  void poll();
}
