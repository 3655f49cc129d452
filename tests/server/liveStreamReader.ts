import type { Client } from './labTestServer';

export interface SseEvent {
  readonly event: string;
  readonly data: any;
}

/** An open GET /api/attempts/:id/live, read the way a browser reads it: event by event, as bytes arrive. */
export interface LiveReader {
  readonly status: number;
  readonly headers: Headers;
  /** The error body of a refused stream (status not 200). */
  readonly body: any;
  /** The next event (heartbeat comments skipped); rejects after `timeoutMs` or when the stream ends first. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Whether the server closed the stream (read to its end). */
  ended(timeoutMs?: number): Promise<boolean>;
  close(): void;
}

/** Open the live stream as this client (its cookie). */
export async function openLive(client: Client, attemptId: string): Promise<LiveReader> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (client.cookie) headers.cookie = client.cookie;
  const res = await fetch(`${client.baseUrl}/api/attempts/${attemptId}/live`, { headers, signal: abort.signal });
  if (res.status !== 200) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return {
      status: res.status,
      headers: res.headers,
      body,
      next: () => Promise.reject(new Error(`the stream was refused: ${res.status}`)),
      ended: async () => true,
      close: () => abort.abort(),
    };
  }
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  const events: SseEvent[] = [];
  // A read still pending when a wait timed out is kept for the next wait: its bytes must not be lost.
  let pending: ReturnType<typeof reader.read> | null = null;

  /** Read until one more block is complete (or the stream ends). */
  const pump = async (deadline: number): Promise<void> => {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error('timed out waiting for the live stream');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out waiting for the live stream')), left);
    });
    try {
      pending ??= reader.read();
      const r = await Promise.race([pending, timeout]);
      pending = null;
      if (r.done) done = true;
      else buffer += decoder.decode(r.value, { stream: true });
    } finally {
      clearTimeout(timer);
    }
    for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (name && data !== undefined) events.push({ event: name, data: JSON.parse(data) });
    }
  };

  return {
    status: 200,
    headers: res.headers,
    body: null,
    async next(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0) {
        if (done) throw new Error('the live stream ended');
        await pump(deadline);
      }
      return events.shift() as SseEvent;
    },
    async ended(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done) await pump(deadline);
      return events.length === 0;
    },
    close: () => abort.abort(),
  };
}
