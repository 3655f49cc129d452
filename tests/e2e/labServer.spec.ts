import { type Browser, expect, type Page, test } from '@playwright/test';
import { LabServerHarness, joinCohort, labApi as api, openLabPage, signIn } from './labServerHarness';

/**
 * The real lab server (server/main.ts on its embedded PGlite, in a data folder of its own) with
 * two stations and an instructor in three browser contexts: the stations join the instructor's
 * cohort with its code, play, and leave; station A's server is stopped mid-procedure and started
 * again, and its attempt still arrives complete; the instructor then sees both attempts with the
 * scores the server computed by replaying them. The app is the one Playwright's web server built
 * (dist/), served here by the lab server itself.
 */

const lab = new LabServerHarness('kyphosim-lab-e2e-', 'e2e-lab-secret-0123456789abcdef0123456789');

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  await lab.setUp([['ines', 'instructor', 'Dr Ines Instructor']]);
});

test.afterAll(async () => {
  await lab.tearDown();
});

const open = (browser: Browser): Promise<Page> => openLabPage(browser, lab, { path: '/?seed=42' });
const startServer = () => lab.start();
const stopServer = () => lab.stop();

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
  await a.getByTestId('leave-confirm').click();
  await expect(a.getByTestId('lab-panel')).toBeVisible();

  // Station B plays a little and leaves too.
  await startCase(b);
  await b.keyboard.press('1');
  await expect(b.getByTestId('checklist-history')).toHaveAttribute('data-done', 'true');
  await b.getByRole('button', { name: 'Menu' }).click();
  await b.getByTestId('leave-confirm').click();
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
