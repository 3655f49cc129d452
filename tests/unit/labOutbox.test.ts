import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from '../../src/labClient/backoff';
import { createLabClient, type LabClient } from '../../src/labClient/labApi';
import type { AttemptUpload } from '../../src/labClient/labApiTypes';
import { createOutbox, memoryOutboxStore, type Outbox } from '../../src/labClient/outbox';
import { uploadsSummary } from '../../src/labClient/uploadsSummary';
import { STAND_IN, type StandIn, startStandIn } from './labStandIn';

describe('retry backoff', () => {
  it('doubles from the first wait up to the cap, jitter spreading each between half and all of it', () => {
    const top = [1, 2, 3, 4].map((n) => retryDelayMs(n, 0.999_999));
    expect(top).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS, 8 * FIRST_RETRY_MS]);
    expect(retryDelayMs(1, 0)).toBe(FIRST_RETRY_MS / 2);
    expect(retryDelayMs(50, 0.999_999)).toBe(MAX_RETRY_MS);
    expect(retryDelayMs(1_000_000, 0)).toBe(MAX_RETRY_MS / 2);
    for (let n = 1; n < 40; n++) {
      expect(retryDelayMs(n + 1, 0.5)).toBeGreaterThanOrEqual(retryDelayMs(n, 0.5));
      expect(retryDelayMs(n, Math.random())).toBeLessThanOrEqual(MAX_RETRY_MS);
    }
  });
});

const body = (status: AttemptUpload['status'], log: number): AttemptUpload => ({
  status,
  station: 'station-ab12',
  attempt: { format: 'kyphosim-attempt', version: 2, log: Array.from({ length: log }, (_, tick) => ({ tick })) },
});

/**
 * The upload queue with a real HTTP client on a stand-in lab server, an in-memory store (the
 * IndexedDB one runs in the browser test) and a clock and timer this test moves by hand.
 */
describe('upload queue', () => {
  let lab: StandIn;
  let client: LabClient;
  let clock: number;
  let timers: { run: () => void; at: number }[];
  let sessionLost: number;
  let store: ReturnType<typeof memoryOutboxStore>;
  let outbox: Outbox;

  const make = () =>
    createOutbox({
      store,
      send: async (e) => void (await client.putAttempt(e.attemptId, e.body)),
      signedInAs: () => client.user()?.id ?? null,
      onSessionLost: () => sessionLost++,
      now: () => clock,
      random: () => 0.999_999,
      setTimer: (run, ms) => {
        const t = { run, at: clock + ms };
        timers.push(t);
        return t;
      },
      clearTimer: (t) => {
        timers = timers.filter((x) => x !== t);
      },
    });
  /** Move the clock on and run the timers that came due (the retries). */
  const advance = async (ms: number) => {
    clock += ms;
    const due = timers.filter((t) => t.at <= clock);
    timers = timers.filter((t) => t.at > clock);
    for (const t of due) t.run();
    await outbox.flush();
  };
  const ana = { ownerId: STAND_IN.user.id, ownerName: 'Ana Trainee' };

  beforeEach(async () => {
    lab = await startStandIn();
    client = createLabClient({ baseUrl: lab.url });
    await client.signIn(STAND_IN.user.username, STAND_IN.password);
    clock = 1_000_000;
    timers = [];
    sessionLost = 0;
    store = memoryOutboxStore();
    outbox = make();
  });
  afterEach(async () => {
    outbox.dispose();
    await lab.close();
  });

  it('sends the latest body and leaves nothing waiting', async () => {
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 3), ...ana });
    await outbox.flush();
    expect(lab.attempts.get('a-1')?.body).toEqual(body('in-progress', 3));
    expect(store.entries.size).toBe(0);
    expect(outbox.state()).toEqual({ waiting: [], refused: [] });
  });

  it('keeps only the latest body per attempt while the server is down, and sends it with backoff once it is back', async () => {
    lab.failWith = 503;
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 1), ...ana });
    await outbox.flush();
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 2), ...ana });
    await outbox.enqueue({ attemptId: 'a-2', body: body('finished', 5), ...ana });
    await outbox.flush();
    // Two attempts wait, one body each; the first has failed once and waits FIRST_RETRY_MS.
    expect(outbox.state().waiting.map((e) => [e.attemptId, e.body])).toEqual([
      ['a-1', body('in-progress', 2)],
      ['a-2', body('finished', 5)],
    ]);
    const [first] = outbox.state().waiting;
    expect(first.failures).toBeGreaterThanOrEqual(1);
    expect(first.lastError).toBe('The lab server is restarting.');
    const triesSoFar = lab.requests.length;

    // Not due yet: no request.
    await advance(FIRST_RETRY_MS / 4);
    expect(lab.requests.length).toBe(triesSoFar);
    // Due, still down: one more try, a longer wait.
    await advance(FIRST_RETRY_MS);
    expect(lab.requests.length).toBe(triesSoFar + 1);
    expect(outbox.state().waiting[0].failures).toBe(first.failures + 1);
    expect(outbox.state().waiting[0].nextTryAt - clock).toBe(retryDelayMs(first.failures + 1, 0.999_999));

    // Back up: at the next retry both go, each with its latest body, and the queue is empty.
    lab.failWith = null;
    await advance(MAX_RETRY_MS);
    expect(lab.attempts.get('a-1')?.body).toEqual(body('in-progress', 2));
    expect(lab.attempts.get('a-2')?.body).toEqual(body('finished', 5));
    expect(outbox.state().waiting).toEqual([]);
    expect(timers).toEqual([]);
  });

  it('waits while nobody is signed in, and sends at once when flushed after sign-in', async () => {
    const url = lab.url;
    await lab.close();
    client = createLabClient({ baseUrl: url });
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 4), ...ana });
    // Not signed in on this client: nothing is sent, it waits.
    await outbox.flush({ now: true });
    expect(outbox.state().waiting).toHaveLength(1);
    expect(outbox.state().waiting[0].failures).toBe(0);
    // Signed in (a fresh server on another port stands for the same one coming back).
    lab = await startStandIn();
    client = createLabClient({ baseUrl: lab.url });
    await client.signIn(STAND_IN.user.username, STAND_IN.password);
    await outbox.flush({ now: true });
    expect(lab.attempts.get('a-1')?.body).toEqual(body('in-progress', 4));
    expect(outbox.state().waiting).toEqual([]);
  });

  it('schedules a retry after a network failure', async () => {
    const url = lab.url;
    await lab.close();
    const offline = createLabClient({ baseUrl: url });
    const signedIn = client;
    outbox.dispose();
    outbox = createOutbox({
      store,
      send: async (e) => void (await offline.putAttempt(e.attemptId, e.body)),
      signedInAs: () => signedIn.user()?.id ?? null,
      now: () => clock,
      random: () => 0,
      setTimer: (run, ms) => {
        const t = { run, at: clock + ms };
        timers.push(t);
        return t;
      },
      clearTimer: (t) => {
        timers = timers.filter((x) => x !== t);
      },
    });
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 1), ...ana });
    await outbox.flush();
    const [entry] = outbox.state().waiting;
    expect(entry.failures).toBe(1);
    expect(entry.lastError).toMatch(/^The lab server cannot be reached/);
    expect(timers.map((t) => t.at - clock)).toEqual([FIRST_RETRY_MS / 2]);
    lab = await startStandIn(); // for afterEach
  });

  it('does not retry a 4xx: it keeps the server sentence to show, until a newer body comes', async () => {
    await outbox.enqueue({ attemptId: 'a-1', body: body('finished', 3), ...ana });
    await outbox.flush();
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 4), ...ana });
    await outbox.flush();
    const { refused, waiting } = outbox.state();
    expect(waiting).toEqual([]);
    expect(refused).toHaveLength(1);
    expect(refused[0].refused).toEqual({
      status: 409,
      message: 'This attempt is finished; it cannot go back to in progress.',
    });
    const tries = lab.requests.length;
    await outbox.flush({ now: true });
    await advance(MAX_RETRY_MS * 2);
    expect(lab.requests.length).toBe(tries);
    expect(timers).toEqual([]);
    // Dismissed once read.
    await outbox.dismiss('a-1');
    expect(outbox.state()).toEqual({ waiting: [], refused: [] });
  });

  it('holds the uploads of a lost session until its trainee signs in again', async () => {
    lab.failWith = 401;
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 2), ...ana });
    await outbox.flush();
    expect(sessionLost).toBe(1);
    const [entry] = outbox.state().waiting;
    expect(entry.refused).toBeUndefined();
    expect(entry.lastError).toContain('waits until Ana Trainee signs in again');
    lab.failWith = null;
    await outbox.flush({ now: true });
    expect(lab.attempts.get('a-1')?.body).toEqual(body('in-progress', 2));
  });

  it('sends only the signed-in trainee’s attempts; another’s wait for them', async () => {
    await outbox.enqueue({ attemptId: 'b-1', body: body('finished', 2), ownerId: 'u-other', ownerName: 'Bo' });
    await outbox.enqueue({ attemptId: 'a-1', body: body('finished', 2), ...ana });
    await outbox.flush({ now: true });
    expect([...lab.attempts.keys()]).toEqual(['a-1']);
    expect(outbox.state().waiting.map((e) => e.attemptId)).toEqual(['b-1']);
    expect(timers).toEqual([]);
  });

  it('keeps a body that came while an older one was being sent, and sends it next', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let sends = 0;
    outbox.dispose();
    outbox = createOutbox({
      store,
      send: async (e) => {
        if (sends++ === 0) await gate;
        await client.putAttempt(e.attemptId, e.body);
      },
      signedInAs: () => client.user()?.id ?? null,
      now: () => clock,
      random: () => 0.5,
      setTimer: () => null,
      clearTimer: () => {},
    });
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 1), ...ana });
    const sending = outbox.flush();
    await outbox.enqueue({ attemptId: 'a-1', body: body('finished', 9), ...ana });
    release();
    await sending;
    await outbox.flush();
    expect(lab.attempts.get('a-1')).toMatchObject({ status: 'finished', revision: 2, body: body('finished', 9) });
    expect(store.entries.size).toBe(0);
  });

  it('coalesces the in-progress bodies of a few seconds into one request; the end goes at once', async () => {
    const soon = { notBefore: clock + 3_000 };
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 1), ...ana }, soon);
    await outbox.flush();
    clock += 1_000;
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 2), ...ana }, { notBefore: clock + 3_000 });
    await outbox.flush();
    expect(lab.attempts.size).toBe(0);
    // Only coalescing, not held up: the upload line counts nothing.
    expect(uploadsSummary(outbox.state(), ana.ownerId)).toEqual({ waiting: 0, lastError: null });
    await advance(2_000);
    expect(lab.attempts.get('a-1')).toMatchObject({ revision: 1, body: body('in-progress', 2) });
    // The next in-progress body waits again; the finished one that follows it goes at once.
    await outbox.enqueue({ attemptId: 'a-1', body: body('in-progress', 3), ...ana }, { notBefore: clock + 3_000 });
    await outbox.enqueue({ attemptId: 'a-1', body: body('finished', 4), ...ana });
    await outbox.flush();
    expect(lab.attempts.get('a-1')).toMatchObject({ revision: 2, status: 'finished', body: body('finished', 4) });
    expect(outbox.state().waiting).toEqual([]);
  });

  it('counts on the upload line what is held up: a failed try, or another trainee’s attempt', async () => {
    await outbox.enqueue({ attemptId: 'b-1', body: body('finished', 2), ownerId: 'u-other', ownerName: 'Bo' });
    lab.failWith = 502;
    await outbox.enqueue({ attemptId: 'a-1', body: body('finished', 2), ...ana });
    await outbox.flush();
    expect(uploadsSummary(outbox.state(), ana.ownerId)).toEqual({
      waiting: 2,
      lastError: 'The lab server is restarting.',
    });
    // Nobody signed in: everything waiting is held up.
    expect(uploadsSummary(outbox.state(), null).waiting).toBe(2);
  });
});
