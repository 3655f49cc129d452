import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';

/**
 * The real lab server (server/main.ts on its embedded PGlite, in a data folder of its own) with
 * two stations and an instructor in three browser contexts: the stations join the instructor's
 * cohort with its code, play, and leave; station A's server is stopped mid-procedure and started
 * again, and its attempt still arrives complete; the instructor then sees both attempts with the
 * scores the server computed by replaying them. The app is the one Playwright's web server built
 * (dist/), served here by the lab server itself.
 */

const PASSWORD = 'correct-horse-battery-staple';
const SECRET = 'e2e-lab-secret-0123456789abcdef0123456789';

let dataDir = '';
let port = 0;
let server: ChildProcess | null = null;
let serverLog = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const p = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(p));
    });
  });
}

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  PORT: String(port),
  KYPHOSIM_DATA_DIR: dataDir,
  KYPHOSIM_LAB_SECRET: SECRET,
});

/** `npm run lab -- add-user` with the password on standard input (the server must be stopped: PGlite is one process's). */
function addUser(username: string, role: string, displayName: string): void {
  execFileSync(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'server/cli/lab.ts',
      'add-user',
      '--username',
      username,
      '--role',
      role,
      '--display-name',
      displayName,
      '--password-stdin',
    ],
    { input: `${PASSWORD}\n`, env: env(), stdio: ['pipe', 'pipe', 'pipe'] },
  );
}

async function startServer(): Promise<void> {
  serverLog = '';
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/main.ts'], {
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    serverLog += String(d);
  });
  child.stderr?.on('data', (d) => {
    serverLog += String(d);
  });
  server = child;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the lab server exited (${child.exitCode}):\n${serverLog}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the lab server did not answer within 180 s:\n${serverLog}`);
}

async function stopServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  dataDir = mkdtempSync(join(tmpdir(), 'kyphosim-lab-e2e-'));
  port = await freePort();
  addUser('ines', 'instructor', 'Dr Ines Instructor');
  await startServer();
});

test.afterAll(async () => {
  await stopServer();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function open(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`http://127.0.0.1:${port}/?seed=42`);
  await expect(page.getByTestId('lab-panel')).toHaveAttribute('data-mode', 'lab', { timeout: 30_000 });
  return page;
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('lab-signin').click();
  const dialog = page.getByTestId('signin-dialog');
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByLabel('Password').press('Enter');
  await expect(dialog).toHaveCount(0);
}

async function joinCohort(page: Page, code: string, username: string, name: string, station: string): Promise<void> {
  await page.getByTestId('station-name').fill(station);
  await page.getByTestId('station-name').press('Enter');
  await page.getByTestId('lab-signin').click();
  const dialog = page.getByTestId('signin-dialog');
  await dialog.getByTestId('signin-tab-join').click();
  await dialog.getByLabel('Join code').fill(code);
  await dialog.getByLabel('Your name (as your instructor sees it)').fill(name);
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByLabel('Password').press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('lab-user')).toHaveText(name);
}

/** A call to the lab's API from a signed-in page (its cookie, and the CSRF token for a write). */
async function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/session')).json();
      const r = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, json: r.status === 204 ? null : await r.json() };
    },
    { method, path, body },
  );
}

async function startCase(page: Page): Promise<void> {
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 60_000 });
}

test('two stations play to one lab server, one through a server restart; the instructor sees both with the server’s scores', async ({
  browser,
}) => {
  test.setTimeout(10 * 60_000);

  // The instructor opens a cohort and reads its join code.
  const instructor = await open(browser);
  await signIn(instructor, 'ines');
  const cohort = await api(instructor, 'POST', '/api/cohorts', { name: 'Spine residents, December' });
  expect(cohort.status).toBe(201);
  const code: string = cohort.json.joinCode;

  // Two stations join the cohort as two trainees.
  const a = await open(browser);
  await joinCohort(a, code, 'ana', 'Dr Ana Resident', 'Bench A');
  const b = await open(browser);
  await joinCohort(b, code, 'ben', 'Dr Ben Resident', 'Bench B');

  // Station A starts; its attempt reaches the server as it happens.
  await startCase(a);
  await a.keyboard.press('1');
  await expect(a.getByTestId('checklist-history')).toHaveAttribute('data-done', 'true');
  const inProgress = async () =>
    (await api(instructor, 'GET', '/api/attempts')).json.attempts.filter(
      (x: { trainee: { username: string } }) => x.trainee.username === 'ana',
    );
  await expect
    .poll(async () => (await inProgress()).map((x: { status: string }) => x.status), { timeout: 30_000 })
    .toEqual(['in-progress']);

  // The server stops mid-procedure: the station keeps working and queues what it cannot send.
  await stopServer();
  await a.keyboard.press('2');
  await a.keyboard.press('3');
  await expect(a.getByTestId('checklist-imaging')).toHaveAttribute('data-done', 'true');
  await expect(a.getByTestId('uploads-waiting')).toHaveText(/1 attempt waiting to upload/, { timeout: 30_000 });

  // Back up: the queue drains by itself, and the station leaves the case (abandoned, scored).
  await startServer();
  await expect(a.getByTestId('uploads-waiting')).toHaveCount(0, { timeout: 120_000 });
  await a.getByRole('button', { name: 'Menu' }).click();
  await expect(a.getByTestId('lab-panel')).toBeVisible();

  // Station B plays a little and leaves too.
  await startCase(b);
  await b.keyboard.press('1');
  await expect(b.getByTestId('checklist-history')).toHaveAttribute('data-done', 'true');
  await b.getByRole('button', { name: 'Menu' }).click();
  await expect(b.getByTestId('lab-panel')).toBeVisible();

  // The instructor sees both, each from its own station, each scored by the server.
  type Summary = {
    id: string;
    trainee: { username: string; displayName: string };
    station: string;
    status: string;
    scoring: string | null;
    score: { total: number; passed: boolean; simVersion: string } | null;
  };
  const scored = async (): Promise<Summary[]> =>
    ((await api(instructor, 'GET', '/api/attempts')).json.attempts as Summary[]).sort((x, y) =>
      x.trainee.username.localeCompare(y.trainee.username),
    );
  await expect
    .poll(async () => (await scored()).map((x) => [x.trainee.username, x.station, x.status, x.scoring]), {
      timeout: 180_000,
      intervals: [2_000],
    })
    .toEqual([
      ['ana', 'Bench A', 'abandoned', 'done'],
      ['ben', 'Bench B', 'abandoned', 'done'],
    ]);
  const both = await scored();
  for (const s of both) {
    expect(s.score?.passed).toBe(false);
    expect(s.score?.simVersion).toMatch(/^\d+\.\d+\.\d+$/);
  }

  // Station A's attempt arrived complete: the server holds all three checklist ticks, the two sent
  // while it was down included, and the file it serves is signed with the station and trainee.
  const file = await api(instructor, 'GET', `/api/attempts/${both[0].id}/file`);
  expect(file.status).toBe(200);
  const ticks = (file.json.log as { command: { type: string; item?: string } }[])
    .filter((e) => e.command.type === 'checklist.tick')
    .map((e) => e.command.item);
  expect(ticks).toEqual(['history', 'imaging', 'candidacy']);
  expect(file.json).toMatchObject({
    version: 2,
    station: 'Bench A',
    trainee: { name: 'Dr Ana Resident' },
    signature: { alg: 'HMAC-SHA256' },
  });
  const verified = await api(instructor, 'POST', '/api/attempts/verify', { attempt: file.json });
  expect(verified.json.valid).toBe(true);

  // A trainee sees only their own.
  const own = await api(b, 'GET', '/api/attempts');
  expect(own.json.attempts.map((x: Summary) => x.trainee.username)).toEqual(['ben']);

  // Station B imports A's signed file: the lab server checks the signature; a copy whose station was
  // changed afterwards does not check (it is still imported and re-scored by replay, and says so).
  await b.keyboard.press('h');
  const importFile = async (name: string, body: unknown) =>
    b.getByTestId('import-file').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(body)),
    });
  const message = b.getByTestId('import-message');
  await importFile('ana-signed.json', file.json);
  await expect(message).toHaveAttribute('data-verified', 'true', { timeout: 120_000 });
  await expect(message).toContainText('signed by this lab server and the signature checks');
  await importFile('ana-edited.json', { ...file.json, station: 'Bench Z' });
  await expect(message).toHaveAttribute('data-verified', 'false', { timeout: 120_000 });
  await expect(message).toContainText('does not check with this lab server');
  await b.screenshot({ path: 'test-results/lab-import-signed.png' });
});
