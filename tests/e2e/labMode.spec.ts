import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { SHOTS_DIR } from './playHelpers';
import { STAND_IN, type StandIn, startStandIn } from '../unit/labStandIn';
import { seedRecordDb } from './seedRecord';

/**
 * Lab mode or standalone, in real Chromium with its real IndexedDB.
 *
 * Standalone (this suite's `vite preview` is a static host: no lab server answers /api/health):
 * the menu says so, no sign-in is offered, nothing but the health probe goes to /api, a record
 * database of version 1 (attempts only) upgrades to version 2 (the upload queue added) with its
 * attempts intact and still offered for resume, and an attempt is saved as before, now with its
 * station and no lab user, and nothing queued for upload.
 *
 * The sign-in dialog and the upload queue are then shown against a stand-in lab server (the unit
 * tests' node:http one, tests/unit/labStandIn.ts) that the page reaches through a forwarding route:
 * real HTTP, not the lab server; the end-to-end check against server/ is that server's to make.
 */

const GOLDEN = JSON.parse(
  readFileSync('tests/fixtures/attempt-v1/textbook-kyphoplasty-l1-seed42.json', 'utf8'),
).attempt;

interface Dump {
  readonly version: number;
  readonly stores: string[];
  readonly attempts: Record<string, unknown>[];
  readonly outbox: Record<string, unknown>[];
}

/** The record database as it stands: its version, its stores and their rows (the attempt files left out). */
function dumpRecordDb(page: Page): Promise<Dump> {
  return page.evaluate(
    () =>
      new Promise<Dump>((resolve, reject) => {
        const open = indexedDB.open('kyphosim-record');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = [...db.objectStoreNames];
          const read = (name: string) =>
            new Promise<Record<string, unknown>[]>((res) => {
              if (!stores.includes(name)) return res([]);
              const req = db.transaction(name).objectStore(name).getAll();
              req.onsuccess = () =>
                res(
                  req.result.map((r: Record<string, unknown>) => {
                    const { file, body, ...rest } = r as { file?: unknown; body?: { attempt?: unknown } };
                    return {
                      ...rest,
                      ...(file ? { logLength: (file as { log: unknown[] }).log.length } : {}),
                      ...(body ? { body: { ...body, attempt: undefined }, attempt: body.attempt } : {}),
                    };
                  }),
                );
            });
          void Promise.all([read('attempts'), read('outbox')]).then(([attempts, outbox]) => {
            const version = db.version;
            db.close();
            resolve({ version, stores, attempts, outbox });
          });
        };
      }),
  );
}

test('standalone: the menu says so, a version 1 record upgrades, and attempts are saved as before', async ({
  page,
}) => {
  test.setTimeout(4 * 60_000);
  page.on('dialog', (d) => void d.accept());
  const api: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) api.push(`${r.method()} ${path}`);
  });

  // Before the app's first script: a record database of version 1 (attempts only), holding one
  // attempt interrupted in progress, as a browser that ran the previous release would have it.
  const before = {
    id: 'v1-attempt',
    trainee: 'Dr Before',
    scenarioId: GOLDEN.scenario.id,
    scenarioTitle: GOLDEN.scenario.title,
    seed: GOLDEN.seed,
    mode: GOLDEN.mode,
    status: 'in-progress',
    source: 'played',
    startedAt: Date.UTC(2026, 0, 5, 8, 0),
    updatedAt: Date.UTC(2026, 0, 5, 8, 20),
    simTimeS: 600,
    file: GOLDEN,
  };
  await seedRecordDb(page, before);

  await page.goto('/?seed=42');
  const panel = page.getByTestId('lab-panel');
  await expect(panel).toHaveAttribute('data-mode', 'standalone');
  await expect(page.getByTestId('lab-mode')).toHaveText('Standalone: results stay in this browser.');
  await expect(page.getByTestId('lab-signin')).toHaveCount(0);
  await expect(page.getByTestId('uploads-waiting')).toHaveCount(0);
  await expect(page.getByTestId('trainee-name')).toBeVisible();
  const station = page.getByTestId('station-name');
  await expect(station).toHaveValue(/^station-[0-9a-f]{4}$/);

  // The version 1 database is now version 2 with the upload queue; the old attempt is untouched and offered.
  const upgraded = await dumpRecordDb(page);
  expect(upgraded.version).toBe(2);
  expect(upgraded.stores.sort()).toEqual(['attempts', 'outbox']);
  expect(upgraded.outbox).toEqual([]);
  expect(upgraded.attempts).toEqual([
    expect.objectContaining({
      id: 'v1-attempt',
      trainee: 'Dr Before',
      status: 'in-progress',
      logLength: GOLDEN.log.length,
    }),
  ]);
  await expect(page.getByTestId('resume-offer')).toHaveAttribute('data-record-id', 'v1-attempt');
  await expect(page.getByTestId('resume')).toContainText(`Resume ${GOLDEN.scenario.title}`);
  await page.screenshot({ path: `${SHOTS_DIR}/lab-standalone-menu.png` });

  // Discard it (kept as abandoned, now with its end time); nothing goes to a server.
  await page.keyboard.press('x');
  await expect(page.getByTestId('resume-offer')).toHaveCount(0);

  // Name the station and the trainee, start a case and act once: saved as before, plus station and times.
  await station.fill('Bench 3');
  await station.press('Enter');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('kyphosim.station.v1'))).toBe('Bench 3');
  await page.getByTestId('trainee-name').fill('Dr Alone');
  await page.getByTestId('trainee-name').press('Enter');
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  const started = Date.now();
  await page.keyboard.press('1');
  await expect(page.getByTestId('checklist-history')).toHaveAttribute('data-done', 'true');
  await expect
    .poll(async () => (await dumpRecordDb(page)).attempts.find((r) => r.status === 'in-progress')?.logLength ?? 0)
    .toBeGreaterThanOrEqual(1);
  const playing = (await dumpRecordDb(page)).attempts.find((r) => r.status === 'in-progress');
  expect(playing).toMatchObject({ trainee: 'Dr Alone', traineeId: null, station: 'Bench 3', source: 'played' });
  expect(Number(playing?.startedAt)).toBeGreaterThan(started - 60_000);
  expect(playing).not.toHaveProperty('endedAt');
  await expect(page.getByTestId('uploads-waiting')).toHaveCount(0);

  // Leave: abandoned, with an end time; the queue stayed empty and /api saw only the health probe.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByTestId('leave-confirm').click();
  await expect(page.getByTestId('lab-panel')).toBeVisible();
  await expect
    .poll(async () => (await dumpRecordDb(page)).attempts.map((r) => [r.trainee, r.status, typeof r.endedAt]).sort())
    .toEqual([
      ['Dr Alone', 'abandoned', 'number'],
      ['Dr Before', 'abandoned', 'number'],
    ]);
  expect((await dumpRecordDb(page)).outbox).toEqual([]);
  expect(api).toEqual(['GET /api/health']);
});

test('the sign-in dialog and the upload queue, against a stand-in lab server', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  page.on('dialog', (d) => void d.accept());
  const lab: StandIn = await startStandIn();
  try {
    await page.route('**/api/**', async (route) => {
      const url = new URL(route.request().url());
      const response = await route.fetch({ url: `${lab.url}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    });
    await page.goto('/?seed=42');
    const panel = page.getByTestId('lab-panel');
    await expect(panel).toHaveAttribute('data-mode', 'lab');
    await expect(page.getByTestId('lab-mode')).toContainText('Lab server: connected, not signed in');

    // S opens the dialog with the focus in Username; every field has its label; Tab walks them.
    await page.keyboard.press('s');
    const dialog = page.getByTestId('signin-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Username')).toBeFocused();
    await page.keyboard.type(STAND_IN.user.username);
    await page.keyboard.press('Tab');
    await expect(dialog.getByLabel('Password')).toBeFocused();
    await page.keyboard.type('wrong password');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signin-error')).toHaveText('The username or password is wrong.');
    await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-describedby', /.+/);
    await page.screenshot({ path: `${SHOTS_DIR}/lab-signin-dialog.png` });

    // The join tab asks for the code and a name too.
    await dialog.getByTestId('signin-tab-join').click();
    await expect(dialog.getByLabel('Join code')).toBeFocused();
    await expect(dialog.getByLabel('Your name (as your instructor sees it)')).toBeVisible();
    await dialog.getByTestId('signin-tab-sign-in').click();

    await dialog.getByLabel('Username').fill(STAND_IN.user.username);
    await dialog.getByLabel('Password').fill(STAND_IN.password);
    await dialog.getByLabel('Password').press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('lab-mode')).toHaveText(`Lab server: connected as ${STAND_IN.user.displayName}`);
    await expect(page.getByTestId('trainee-signed-in')).toContainText(STAND_IN.user.displayName);
    await page.screenshot({ path: `${SHOTS_DIR}/lab-signed-in-menu.png` });

    // Play: the autosave's body reaches the server (CSRF token, attempt file v2 with trainee and station).
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
    await page.keyboard.press('1');
    await expect.poll(() => lab.attempts.size, { timeout: 15_000 }).toBe(1);
    const [[id, first]] = [...lab.attempts.entries()];
    expect(first.status).toBe('in-progress');
    const sent = first.body as { station: string; attempt: Record<string, unknown> };
    expect(sent.station).toMatch(/^station-[0-9a-f]{4}$/);
    expect(sent.attempt).toMatchObject({
      format: 'kyphosim-attempt',
      version: 2,
      trainee: { id: STAND_IN.user.id, name: STAND_IN.user.displayName },
      station: sent.station,
      endedAt: null,
    });
    expect(Date.parse(String(sent.attempt.startedAt))).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(lab.requests.filter((r) => r.method === 'PUT').every((r) => r.csrf === STAND_IN.csrf)).toBe(true);

    // The server goes down: the next save waits in the queue and the procedure screen says so.
    lab.failWith = 503;
    await page.keyboard.press('2');
    const waiting = page.getByTestId('uploads-waiting');
    await expect(waiting).toHaveText('1 attempt waiting to upload');
    await page.screenshot({ path: `${SHOTS_DIR}/lab-upload-waiting.png` });
    const queued = await dumpRecordDb(page);
    expect(queued.outbox).toEqual([expect.objectContaining({ attemptId: id, failures: 1 })]);

    // A reload while it waits loses nothing: the next start finds the server down (standalone), still
    // shows the waiting upload, and sends it once the page is told it is back online.
    await page.reload();
    await expect(page.getByTestId('lab-panel')).toHaveAttribute('data-mode', 'standalone');
    await expect(page.getByTestId('uploads-waiting')).toHaveText(/^1 attempt waiting to upload/);
    lab.failWith = null;
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(page.getByTestId('lab-panel')).toHaveAttribute('data-mode', 'lab');
    await expect(page.getByTestId('uploads-waiting')).toHaveCount(0);
    const tickCount = () => {
      const attempt = lab.attempts.get(id)?.body.attempt as { log: { command: { type: string } }[] } | undefined;
      return attempt?.log.filter((e) => e.command.type === 'checklist.tick').length ?? 0;
    };
    expect(tickCount()).toBe(2);
    expect((await dumpRecordDb(page)).outbox).toEqual([]);

    // A 4xx is not retried: the server's sentence is shown on the procedure screen and the menu.
    await page.getByTestId('resume').click();
    await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
    lab.failWith = 400;
    lab.failMessage = 'The attempt file is malformed: log.2: not a command.';
    await page.keyboard.press('3');
    const refusedHere = page.getByTestId('upload-refused-here');
    await expect(refusedHere).toContainText('The lab server refused this attempt (400)');
    await expect(refusedHere).toContainText('The attempt file is malformed: log.2: not a command.');
    // Back online asks the queue to send at once: the refused body is not among what it sends again.
    const refusedBody = JSON.stringify(lab.requests.filter((r) => r.method === 'PUT').at(-1)?.body);
    const sendsOf = (body: string) =>
      lab.requests.filter((r) => r.method === 'PUT' && JSON.stringify(r.body) === body).length;
    expect(sendsOf(refusedBody)).toBe(1);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(2_000);
    expect(sendsOf(refusedBody)).toBe(1);
    lab.failWith = null;
  } finally {
    await lab.close();
  }
});
