/**
 * Lab server load bench: `npm run bench:lab [-- --stations 30 --saves 12 --every-s 5]`.
 *
 * Starts the real lab server (server/main.ts, PGlite in a fresh data folder, one scoring thread) as
 * its own process, then N simulated stations (Node clients over HTTP, each its own trainee in one
 * cohort) each upload a recorded attempt (the golden replays, in turn) as a station's autosave
 * would: the log growing in `saves` steps, one every `every-s` seconds, then the finished attempt.
 * An instructor polls the results list every 2 s meanwhile. Prints the p50 / p95 latency of the
 * autosaves and of the results calls, the re-scoring throughput (attempts per minute), how long
 * each attempt waited for its server score after its end, and the server's peak memory (VmHWM).
 * Figures, not assertions: targets (autosave p95 < 200 ms, every attempt scored within 60 s of its
 * end, on a 2-core laptop) are in docs/benchmarks.md.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const STATIONS = arg('stations', 30);
const SAVES = arg('saves', 12);
const EVERY_MS = arg('every-s', 5) * 1000;
const POLL_MS = 2000;
const PASSWORD = 'bench-password-0123456789';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : Number.NaN;
};

/** A signed-in HTTP client: its cookie and CSRF token. */
class Client {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; ms: number }> {
    const t0 = performance.now();
    const r = await fetch(this.base + path, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-csrf-token': this.csrf }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    const ms = performance.now() - t0;
    const set = r.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const json = text ? JSON.parse(text) : null;
    if (json?.csrfToken) this.csrf = json.csrfToken;
    return { status: r.status, json, ms };
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kyphosim-bench-lab-'));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), KYPHOSIM_DATA_DIR: dataDir, KYPHOSIM_SCORING_WORKERS: '1' };
  const tsx = ['node_modules/tsx/dist/cli.mjs'];
  execFileSync(
    process.execPath,
    [
      ...tsx,
      'server/cli/lab.ts',
      'add-user',
      '--username',
      'inst',
      '--role',
      'instructor',
      '--display-name',
      'Bench Instructor',
      '--password-stdin',
    ],
    { input: `${PASSWORD}\n`, env, stdio: ['pipe', 'ignore', 'inherit'] },
  );
  // node --import tsx runs the server in this child itself (the tsx CLI would start another process), so
  // /proc/<pid> is the server's, worker threads included.
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error('the lab server did not start within 5 minutes');
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await sleep(500);
    }
    const instructor = new Client(base);
    await instructor.call('POST', '/api/session', { username: 'inst', password: PASSWORD });
    const cohort = await instructor.call('POST', '/api/cohorts', { name: 'bench' });
    if (cohort.status !== 201) throw new Error(`cohort: ${cohort.status} ${JSON.stringify(cohort.json)}`);

    const goldenDir = 'tests/fixtures/golden';
    const recorded = readdirSync(goldenDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(goldenDir, f), 'utf8')).attempt);

    const stations: Client[] = [];
    for (let i = 0; i < STATIONS; i++) {
      const c = new Client(base);
      const joined = await c.call('POST', '/api/join', {
        code: cohort.json.joinCode,
        username: `trainee${i}`,
        displayName: `Trainee ${i}`,
        password: PASSWORD,
      });
      if (joined.status !== 201) throw new Error(`join: ${joined.status} ${JSON.stringify(joined.json)}`);
      stations.push(c);
    }

    const saveMs: number[] = [];
    const resultsMs: number[] = [];
    const endedAt = new Map<string, number>();
    let failures = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const r = await instructor.call('GET', '/api/attempts');
        resultsMs.push(r.ms);
        await sleep(POLL_MS);
      }
    })();

    const started = performance.now();
    await Promise.all(
      stations.map(async (c, i) => {
        await sleep((i * EVERY_MS) / STATIONS); // stations do not all save in the same instant
        const file = recorded[i % recorded.length];
        const id = randomUUID();
        const attempt = { ...file, trainee: null, station: `bench-${i}`, startedAt: new Date().toISOString() };
        for (let k = 1; k <= SAVES; k++) {
          const last = k === SAVES;
          const log = file.log.slice(0, Math.ceil((file.log.length * k) / SAVES));
          const endTick = last ? file.endTick : (log.at(-1)?.tick ?? 0);
          const body = {
            status: last ? 'finished' : 'in-progress',
            station: `bench-${i}`,
            attempt: { ...attempt, log, endTick, endedAt: last ? new Date().toISOString() : null },
          };
          const r = await c.call('PUT', `/api/attempts/${id}`, body);
          saveMs.push(r.ms);
          if (r.status !== 200) failures++;
          if (last) endedAt.set(id, Date.now());
          else await sleep(EVERY_MS);
        }
      }),
    );
    const uploadedS = (performance.now() - started) / 1000;

    // Wait for every attempt's server score.
    const scoredAt = new Map<string, number>();
    const deadline = Date.now() + 15 * 60_000;
    while (scoredAt.size < STATIONS && Date.now() < deadline) {
      const r = await instructor.call('GET', '/api/attempts');
      for (const a of r.json.attempts as { id: string; scoring: string | null; score: { scoredAt: string } | null }[])
        if ((a.scoring === 'done' || a.scoring === 'failed') && !scoredAt.has(a.id))
          scoredAt.set(a.id, a.score ? Date.parse(a.score.scoredAt) : Date.now());
      await sleep(1000);
    }
    polling = false;
    await poller;
    const waits = [...endedAt]
      .filter(([id]) => scoredAt.has(id))
      .map(([id, t]) => ((scoredAt.get(id) ?? t) - t) / 1000);
    const firstEnd = Math.min(...endedAt.values());
    const lastScore = Math.max(...scoredAt.values());
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    console.log(
      JSON.stringify(
        {
          benchmark: `lab server: ${STATIONS} stations x ${SAVES} autosaves every ${EVERY_MS / 1000} s, instructor polling every ${POLL_MS / 1000} s`,
          uploadS: Math.round(uploadedS),
          autosaves: saveMs.length,
          refused: failures,
          autosaveMs: {
            p50: Math.round(pct(saveMs, 0.5)),
            p95: Math.round(pct(saveMs, 0.95)),
            max: Math.round(Math.max(...saveMs)),
          },
          resultsMs: {
            p50: Math.round(pct(resultsMs, 0.5)),
            p95: Math.round(pct(resultsMs, 0.95)),
            calls: resultsMs.length,
          },
          scored: `${scoredAt.size}/${STATIONS}`,
          scoringWaitS: { p50: Math.round(pct(waits, 0.5)), max: Math.round(Math.max(...waits)) },
          rescoringPerMin: Math.round((scoredAt.size / Math.max(1e-3, (lastScore - firstEnd) / 60_000)) * 10) / 10,
          serverPeakMemoryMiB: hwm ? Math.round(Number(hwm) / 1024) : null,
        },
        null,
        2,
      ),
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
