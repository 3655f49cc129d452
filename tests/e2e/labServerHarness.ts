import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, expect, type Page } from '@playwright/test';

/**
 * The real lab server for a browser test: server/main.ts on its embedded PGlite, in a data folder
 * of its own, on a free port of 127.0.0.1, serving the app Playwright's web server built (dist/).
 * Users are made with the lab's own CLI (`npm run lab -- add-user`) while the server is stopped,
 * since PGlite belongs to one process. Every spec that needs a lab server uses this one harness,
 * so they start, sign in and call the API the same way.
 */

/** The password every test user gets. */
export const PASSWORD = 'correct-horse-battery-staple';

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

export class LabServerHarness {
  private dataDir = '';
  private child: ChildProcess | null = null;
  private output = '';
  port = 0;

  /** `folderPrefix` names the data folder in the temporary directory; `secret` signs the served files. */
  constructor(
    private readonly folderPrefix: string,
    private readonly secret: string,
  ) {}

  /** Make the data folder and the users (username, role, display name), then start the server. */
  async setUp(users: readonly (readonly [string, string, string])[]): Promise<void> {
    this.dataDir = mkdtempSync(join(tmpdir(), this.folderPrefix));
    this.port = await freePort();
    for (const [username, role, displayName] of users) this.addUser(username, role, displayName);
    await this.start();
  }

  /** Stop the server and remove its data folder. */
  async tearDown(): Promise<void> {
    await this.stop();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the server printed since it was last started. */
  get log(): string {
    return this.output;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PORT: String(this.port),
      KYPHOSIM_DATA_DIR: this.dataDir,
      KYPHOSIM_LAB_SECRET: this.secret,
    };
  }

  /** `npm run lab -- add-user` with the password on standard input (the server must be stopped). */
  addUser(username: string, role: string, displayName: string): void {
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
      { input: `${PASSWORD}\n`, env: this.env(), stdio: ['pipe', 'pipe', 'pipe'] },
    );
  }

  /** Start the server and wait until it answers its health route (3 minutes at most). */
  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/main.ts'], {
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => {
      this.output += String(d);
    });
    child.stderr?.on('data', (d) => {
      this.output += String(d);
    });
    this.child = child;
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the lab server exited (${child.exitCode}):\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the lab server did not answer within 180 s:\n${this.output}`);
  }

  /** Stop the server (SIGTERM) and wait for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}

/** A new browser context on the lab's app (`path` may carry a query), once the app says it is in lab mode. */
export async function openLabPage(
  browser: Browser,
  lab: LabServerHarness,
  options: { readonly path?: string; readonly acceptDownloads?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: options.acceptDownloads ?? false });
  const page = await context.newPage();
  // Leaving a case asks in the app's own dialog (leave-confirm); a browser dialog, should one come, is answered yes.
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${lab.url}${options.path ?? '/'}`);
  await expect(page.getByTestId('lab-panel')).toHaveAttribute('data-mode', 'lab', { timeout: 30_000 });
  return page;
}

/** Sign in with the sign-in dialog. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('lab-signin').click();
  const dialog = page.getByTestId('signin-dialog');
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByLabel('Password').press('Enter');
  await expect(dialog).toHaveCount(0);
}

/** Join a cohort with its code as a new trainee (naming this station first when `station` is given). */
export async function joinCohort(page: Page, code: string, username: string, name: string, station?: string) {
  if (station !== undefined) {
    await page.getByTestId('station-name').fill(station);
    await page.getByTestId('station-name').press('Enter');
  }
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

/**
 * A call to the lab's API from a signed-in page (its cookie, and the CSRF token for a write). The
 * answer's body is parsed as JSON when it is JSON and kept as text otherwise (CSV); 204 gives null.
 */
export async function labApi(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/session')).json();
      const r = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (r.status === 204) return { status: r.status, json: null };
      const text = await r.text();
      try {
        return { status: r.status, json: JSON.parse(text) as unknown };
      } catch {
        return { status: r.status, json: text as unknown };
      }
    },
    { method, path, body },
  );
}
