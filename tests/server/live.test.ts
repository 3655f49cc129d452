import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabServer } from '../../server/labServer';
import { LiveLimits, MAX_LIVE_STREAMS_PER_USER } from '../../server/live/liveLimits';
import { MAX_NOTE_LENGTH } from '../../server/live/attemptMessages';
import { streamAttempt } from '../../server/live/liveStream';
import type { Queryable } from '../../server/db/db';
import { modeFile } from './assignmentHelpers';
import { attemptFile, Client, type Lab, makeLab, startTestServer, upload } from './labTestServer';
import { type LiveReader, openLive } from './liveStreamReader';
import { HOOK_TIMEOUT_MS } from './testDb';

let server: LabServer;
let lab: Lab;

beforeAll(async () => {
  server = await startTestServer({ scoringWorkers: 0 });
  lab = await makeLab(server);
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

/** A new in-progress practice attempt of trainee A with the first `count` case-review commands. */
async function practiceAttempt(count = 1): Promise<string> {
  const id = randomUUID();
  const r = await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(count)));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return id;
}

const put = (id: string, count: number, status = 'in-progress') =>
  lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(count), status));

describe('GET /api/attempts/:id/live', () => {
  it('sends the stored attempt, then exactly the new entries after each upload, and ends on finish', async () => {
    const id = await practiceAttempt(1);
    const live = await openLive(lab.instructor, id);
    try {
      expect(live.status).toBe(200);
      expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
      // The security headers every answer carries, though the stream writes its own response.
      expect(live.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(live.headers.get('x-frame-options')).toBe('DENY');
      expect(live.headers.get('cache-control')).toBe('no-store');
      const first = await live.next();
      expect(first.event).toBe('attempt');
      expect(first.data).toEqual({ ...attemptFile(1), trainee: { id: lab.trainee.user?.id, name: 'trainee-a' } });

      expect((await put(id, 3)).status).toBe(200);
      const second = await live.next();
      expect(second.event).toBe('log');
      expect(second.data).toMatchObject({ status: 'in-progress', from: 1, endTick: attemptFile(3).endTick });
      expect(second.data.entries).toEqual(attemptFile(3).log.slice(1));

      // The same body again is the same revision: nothing is sent.
      expect((await put(id, 3)).status).toBe(200);
      await expect(live.next(1500)).rejects.toThrow(/timed out/);

      expect((await put(id, 4)).status).toBe(200);
      const third = await live.next();
      expect(third.data.from).toBe(3);
      expect(third.data.entries).toEqual(attemptFile(4).log.slice(3));

      expect((await put(id, 4, 'finished')).status).toBe(200);
      const last = await live.next();
      expect(last).toEqual({ event: 'end', data: { status: 'finished' } });
      expect(await live.ended()).toBe(true);
    } finally {
      live.close();
    }
  });

  it('an attempt already finished: the attempt, then the end at once', async () => {
    const id = await practiceAttempt(2);
    expect((await put(id, 2, 'abandoned')).status).toBe(200);
    const live = await openLive(lab.admin, id);
    expect((await live.next()).event).toBe('attempt');
    expect(await live.next()).toEqual({ event: 'end', data: { status: 'abandoned' } });
    expect(await live.ended()).toBe(true);
  });

  it("only the attempt's instructors and admins watch: 401, 403, 404, 400", async () => {
    const id = await practiceAttempt(1);
    const expectations: [Client, number][] = [
      [new Client(server.url), 401],
      [lab.trainee, 403],
      [lab.otherTrainee, 403],
      [lab.otherInstructor, 403],
    ];
    for (const [client, status] of expectations) {
      const live = await openLive(client, id);
      expect(live.status).toBe(status);
      expect(live.body.error).toBeTypeOf('string');
    }
    expect((await openLive(lab.instructor, randomUUID())).status).toBe(404);
    expect((await openLive(lab.instructor, 'not-a-uuid')).status).toBe(400);
  });

  it(`at most ${MAX_LIVE_STREAMS_PER_USER} streams per user (429 beyond); a closed one frees its place`, async () => {
    const id = await practiceAttempt(1);
    const open: LiveReader[] = [];
    try {
      for (let i = 0; i < MAX_LIVE_STREAMS_PER_USER; i++) {
        const live = await openLive(lab.instructor, id);
        expect(live.status).toBe(200);
        open.push(live);
      }
      const refused = await openLive(lab.instructor, id);
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(/close one/);
      // Another user still may.
      const admins = await openLive(lab.admin, id);
      expect(admins.status).toBe(200);
      admins.close();

      open.pop()?.close();
      // The server sees the disconnect and gives the place back.
      let again: LiveReader | null = null;
      for (let tries = 0; tries < 50 && again?.status !== 200; tries++) {
        await new Promise((r) => setTimeout(r, 100));
        again = await openLive(lab.instructor, id);
      }
      expect(again?.status).toBe(200);
      if (again) open.push(again);
    } finally {
      for (const live of open) live.close();
    }
  });

  it(
    'a server shutting down ends its open streams (they would hold the shutdown up)',
    async () => {
      const other = await startTestServer({ scoringWorkers: 0 });
      const otherLab = await makeLab(other);
      const id = randomUUID();
      expect((await otherLab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(1)))).status).toBe(200);
      const live = await openLive(otherLab.instructor, id);
      expect((await live.next()).event).toBe('attempt');
      await other.close();
      expect(await live.ended()).toBe(true);
    },
    HOOK_TIMEOUT_MS,
  );

  it('heartbeat comments keep an idle stream open; a hang-up stops the polling and frees the place', async () => {
    const id = await practiceAttempt(1);
    let queries = 0;
    const counting: Queryable = {
      query: (sql, params) => {
        queries += 1;
        return server.db.query(sql, params);
      },
      exec: (sql) => server.db.exec(sql),
    };
    const limits = new LiveLimits(1, 1);
    const http = createHttpServer((_req, res) =>
      streamAttempt(counting, res, id, limits.acquire('watcher'), new Set(), { pollMs: 20, heartbeatMs: 50 }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const abort = new AbortController();
      const res = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`, { signal: abort.signal });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      while (!text.includes(': heartbeat')) text += new TextDecoder().decode((await reader.read()).value);
      expect(text).toMatch(/^retry: 3000\n\nevent: attempt\n/);
      expect(limits.open).toBe(1);
      abort.abort();
      await expect.poll(() => limits.open).toBe(0);
      const after = queries;
      await new Promise((r) => setTimeout(r, 200));
      expect(queries).toBe(after);
    } finally {
      http.close();
    }
  });

  it('the bound counts per user and in all, and each place is given back once', () => {
    const limits = new LiveLimits(2, 3);
    const a1 = limits.acquire('a');
    limits.acquire('a');
    expect(() => limits.acquire('a')).toThrow(/close one/);
    const b1 = limits.acquire('b');
    expect(() => limits.acquire('c')).toThrow(/the most it takes/);
    b1.release();
    b1.release();
    expect(limits.open).toBe(2);
    limits.acquire('c');
    a1.release();
    expect(limits.openFor('a')).toBe(1);
  });
});

describe('messages', () => {
  const send = (c: Client, id: string, body: unknown) => c.request('POST', `/api/attempts/${id}/messages`, body);

  it('a practice attempt: notes, pause and resume in seq order, read by the trainee from a seq on', async () => {
    const id = await practiceAttempt(1);
    const note = await send(lab.instructor, id, { kind: 'note', text: '  Take a lateral now.  ' });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    expect(note.body).toMatchObject({
      seq: 1,
      kind: 'note',
      text: 'Take a lateral now.',
      from: { id: lab.instructor.user?.id, displayName: 'Instructor A' },
    });
    expect(Date.parse(note.body.sentAt)).not.toBeNaN();
    expect((await send(lab.admin, id, { kind: 'pause' })).body).toMatchObject({ seq: 2, kind: 'pause', text: null });
    expect((await send(lab.instructor, id, { kind: 'resume' })).body.seq).toBe(3);

    const all = await lab.trainee.request('GET', `/api/attempts/${id}/messages`);
    expect(all.status).toBe(200);
    expect(all.body.messages.map((m: any) => [m.seq, m.kind])).toEqual([
      [1, 'note'],
      [2, 'pause'],
      [3, 'resume'],
    ]);
    expect(all.body.messages[1].from.displayName).toBe('Lab Admin');
    const after = await lab.trainee.request('GET', `/api/attempts/${id}/messages?after=2`);
    expect(after.body.messages.map((m: any) => m.seq)).toEqual([3]);
    expect((await lab.instructor.request('GET', `/api/attempts/${id}/messages?after=3`)).body.messages).toEqual([]);
    expect((await lab.trainee.request('GET', `/api/attempts/${id}/messages?after=-1`)).status).toBe(400);
    expect((await lab.trainee.request('GET', `/api/attempts/${id}/messages?after=x`)).status).toBe(400);
  });

  it('who may send and read', async () => {
    const id = await practiceAttempt(1);
    expect((await send(lab.trainee, id, { kind: 'pause' })).status).toBe(403);
    expect((await send(lab.otherInstructor, id, { kind: 'pause' })).status).toBe(403);
    expect((await send(new Client(server.url), id, { kind: 'pause' })).status).toBe(401);
    expect((await send(lab.instructor, randomUUID(), { kind: 'pause' })).status).toBe(404);
    expect((await lab.otherTrainee.request('GET', `/api/attempts/${id}/messages`)).status).toBe(403);
    expect((await lab.otherInstructor.request('GET', `/api/attempts/${id}/messages`)).status).toBe(403);
    expect((await lab.admin.request('GET', `/api/attempts/${id}/messages`)).status).toBe(200);
  });

  it('bodies are checked: a note needs a text of at most 500 plain characters', async () => {
    const id = await practiceAttempt(1);
    const bad = [
      { kind: 'note' },
      { kind: 'note', text: '   ' },
      { kind: 'note', text: 'x'.repeat(MAX_NOTE_LENGTH + 1) },
      { kind: 'note', text: '<script>' },
      { kind: 'shout', text: 'hi' },
      { kind: 'pause', extra: 1 },
    ];
    for (const body of bad) {
      const r = await send(lab.instructor, id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.message).toMatch(/not valid/);
    }
    expect((await send(lab.instructor, id, { kind: 'note', text: 'x'.repeat(MAX_NOTE_LENGTH) })).status).toBe(201);
  });

  it('an exam is watched, never touched; a finished attempt takes no message', async () => {
    const examId = randomUUID();
    const up = await lab.trainee.request('PUT', `/api/attempts/${examId}`, upload(modeFile(2, 7, 'exam')));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    for (const kind of ['note', 'pause', 'resume']) {
      const r = await send(lab.instructor, examId, { kind, text: kind === 'note' ? 'hello' : undefined });
      expect(r.status).toBe(409);
      expect(r.body.message).toMatch(/an exam can be watched, not touched/i);
    }
    expect((await lab.trainee.request('GET', `/api/attempts/${examId}/messages`)).body.messages).toEqual([]);
    // Watching it is allowed.
    const live = await openLive(lab.instructor, examId);
    expect((await live.next()).data.mode).toBe('exam');
    live.close();

    const id = await practiceAttempt(1);
    expect((await put(id, 2, 'finished')).status).toBe(200);
    const r = await send(lab.instructor, id, { kind: 'note', text: 'too late' });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/finished/);
  });
});
