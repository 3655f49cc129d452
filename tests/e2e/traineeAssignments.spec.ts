import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { copyToDocs, SHOTS_DIR } from './playHelpers';
import { LabServerHarness, labApi as api, openLabPage, signIn } from './labServerHarness';

/**
 * A trainee's assignments against the real lab server (server/main.ts on its embedded PGlite, in
 * a data folder of its own; the app is the dist/ Playwright's web server built): an admin assigns
 * a practice case, an exam and an exam already past due; the trainee sees them on the menu with
 * their status, due date and attempts, starts the exam from the keyboard under the attempt the
 * server reserved (its seed and mode), is interrupted by a reload and is then told to ask for a
 * restart; after the restart the exam is started again and left, and the server records it as
 * abandoned. A second test assigns a scenario stored only on the lab server (written in schema
 * version 1), which the trainee's station gets with the start and plays. Screenshots: test-results/assignments-*.png (the list also to docs/images/assignments.png
 * with UPDATE_DOCS_IMAGES=1).
 */

const DAY_MS = 24 * 3600 * 1000;

const lab = new LabServerHarness('kyphosim-assignments-e2e-', 'e2e-lab-secret-0123456789abcdef0123456789');

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  await lab.setUp([
    ['adam', 'admin', 'Lab Admin'],
    ['ana', 'trainee', 'Ana Trainee'],
  ]);
});

test.afterAll(async () => {
  await lab.tearDown();
});

async function open(browser: Browser, username: string): Promise<Page> {
  const page = await openLabPage(browser, lab);
  await signIn(page, username);
  return page;
}

/** Focus the assignment list (A) and move down (↓) to the row of this assignment; fails if it never gets there. */
async function focusRow(page: Page, assignmentId: string): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('a');
  for (let i = 0; i < 6; i++) {
    const at = await page.evaluate(() => document.activeElement?.getAttribute('data-assignment-id'));
    if (at === assignmentId) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the keyboard never reached the row of ${assignmentId}`);
}

test('a trainee sees their assignments and starts, resumes the count of and abandons an exam from the keyboard', async ({
  browser,
}) => {
  test.setTimeout(6 * 60_000);
  const admin = await open(browser, 'adam');
  const trainee = await open(browser, 'ana');
  const traineeId = (await api(trainee, 'GET', '/api/session')).json.user.id;

  const create = async (body: Record<string, unknown>) => {
    const r = await api(admin, 'POST', '/api/assignments', {
      passMark: null,
      target: { traineeId },
      ...body,
    });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    return r.json as { id: string };
  };
  const practice = await create({
    title: 'Week 1: L1 wedge',
    scenarioIds: ['l1-osteoporotic-wedge'],
    mode: 'practice',
    dueAt: new Date(Date.now() + 7 * DAY_MS).toISOString(),
    attemptsAllowed: null,
    seedPolicy: 'fixed',
    seed: 42,
  });
  const exam = await create({
    title: 'Final exam',
    scenarioIds: ['t12-biconcave-vertebroplasty'],
    mode: 'exam',
    dueAt: new Date(Date.now() + 2 * DAY_MS).toISOString(),
    attemptsAllowed: 2,
    seedPolicy: 'fresh',
  });
  const missed = await create({
    title: 'Mock exam',
    scenarioIds: ['l2-osteoporotic-wedge-bipedicular'],
    mode: 'exam',
    dueAt: new Date(Date.now() - DAY_MS).toISOString(),
    attemptsAllowed: 1,
    seedPolicy: 'fresh',
  });

  // The trainee's menu lists the three with their status, due date and attempts.
  await trainee.reload();
  const row = (id: string) => trainee.locator(`[data-testid="assignment-row"][data-assignment-id="${id}"]`);
  await expect(trainee.getByTestId('assignment-row')).toHaveCount(3, { timeout: 30_000 });
  await expect(row(practice.id)).toHaveAttribute('data-status', 'not-started');
  await expect(row(practice.id)).toContainText('0 attempts used');
  await expect(row(exam.id)).toHaveAttribute('data-status', 'not-started');
  await expect(row(exam.id)).toContainText(/due \d{4}-\d\d-\d\d \d\d:\d\d · 0 of 2 attempts used/);
  await expect(row(missed.id)).toHaveAttribute('data-status', 'overdue');
  await expect(trainee.getByTestId('assignment-score')).toHaveCount(0);
  await trainee.getByTestId('assignments').screenshot({ path: `${SHOTS_DIR}/assignments-1-list.png` });
  copyToDocs(`${SHOTS_DIR}/assignments-1-list.png`, 'assignments.png');
  await trainee.screenshot({ path: `${SHOTS_DIR}/assignments-1-menu.png` });

  // A, ↓ to the exam, Enter: the case opens under the server's reservation (exam, its seed).
  await focusRow(trainee, exam.id);
  await trainee.keyboard.press('Enter');
  const procedure = trainee.getByTestId('procedure');
  await expect(procedure).toHaveAttribute('data-mode', 'exam', { timeout: 60_000 });
  await expect(trainee.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 60_000 });
  const seed = Number(
    (await procedure.locator('.badge', { hasText: /^seed / }).textContent())?.match(/^seed (\d+)$/)?.[1],
  );
  const onServer = async () =>
    ((await api(admin, 'GET', '/api/attempts')).json.attempts as any[]).filter((a) => a.assignmentId === exam.id);
  await expect
    .poll(async () => (await onServer()).map((a) => [a.status, a.mode, a.seed]), { timeout: 30_000 })
    .toEqual([['in-progress', 'exam', seed]]);
  const [first] = await onServer();

  // Interrupted (a reload): the exam is open on the server, so the row asks for the instructor.
  await trainee.goto(`${lab.url}/`);
  await expect(row(exam.id)).toHaveAttribute('data-status', 'in-progress', { timeout: 30_000 });
  await expect(row(exam.id)).toContainText('ask your instructor to allow a restart');
  await focusRow(trainee, exam.id);
  await trainee.keyboard.press('Enter');
  await expect(trainee.getByTestId('assignments-error')).toContainText('ask your instructor to allow a restart');
  await expect(procedure).toHaveCount(0);
  await trainee.getByTestId('assignments').screenshot({ path: `${SHOTS_DIR}/assignments-2-exam-open.png` });

  // The instructor allows a restart; the trainee starts again (a second attempt, a new patient) and leaves it.
  expect((await api(admin, 'POST', `/api/assignments/${exam.id}/restarts`, { traineeId })).status).toBe(200);
  await trainee.reload();
  await expect(row(exam.id)).not.toContainText('ask your instructor', { timeout: 30_000 });
  await expect(row(exam.id)).toContainText('1 of 2 attempts used');
  await focusRow(trainee, exam.id);
  await trainee.keyboard.press('Enter');
  await expect(procedure).toHaveAttribute('data-mode', 'exam', { timeout: 60_000 });
  await expect.poll(async () => (await onServer()).length, { timeout: 30_000 }).toBe(2);
  await trainee.getByRole('button', { name: 'Menu' }).click();
  await trainee.getByTestId('leave-confirm').click();
  await expect(trainee.getByTestId('record-panel')).toBeVisible();
  await expect
    .poll(async () => (await onServer()).map((a) => [a.id === first.id ? 'first' : 'second', a.status]).sort(), {
      timeout: 30_000,
    })
    .toEqual([
      ['first', 'abandoned'],
      ['second', 'abandoned'],
    ]);
});

test("a trainee plays an assigned scenario that only the lab server has (an instructor's own, stored there)", async ({
  browser,
}) => {
  test.setTimeout(4 * 60_000);
  const admin = await open(browser, 'adam');
  const trainee = await open(browser, 'ana');
  const traineeId = (await api(trainee, 'GET', '/api/session')).json.user.id;
  // Written in schema version 1, as an older editor exported it: the server upgrades it on storing.
  const own = {
    ...JSON.parse(readFileSync('tests/fixtures/scenario-v1/l1-osteoporotic-wedge.json', 'utf8')),
    id: 'lab-own-wedge',
    version: 1,
    title: 'Our own L1 wedge, stored on the lab',
  };
  const stored = await api(admin, 'PUT', '/api/scenarios/lab-own-wedge/versions/1', { scenario: own });
  expect(stored.status, JSON.stringify(stored.json)).toBe(201);
  expect((await api(admin, 'POST', '/api/scenarios/lab-own-wedge/versions/1/publish', {})).status).toBe(200);
  const assigned = await api(admin, 'POST', '/api/assignments', {
    title: 'Our own case',
    scenarioIds: [{ id: 'lab-own-wedge', version: 1 }],
    mode: 'practice',
    dueAt: null,
    attemptsAllowed: null,
    passMark: null,
    seedPolicy: 'fixed',
    seed: 7,
    target: { traineeId },
  });
  expect(assigned.status, JSON.stringify(assigned.json)).toBe(201);
  const assignmentId = assigned.json.id as string;

  await trainee.reload();
  const row = trainee.locator(`[data-testid="assignment-row"][data-assignment-id="${assignmentId}"]`);
  await expect(row).toContainText('Our own L1 wedge, stored on the lab', { timeout: 30_000 });
  await expect(row).not.toContainText('This station does not have');
  await focusRow(trainee, assignmentId);
  await trainee.keyboard.press('Enter');
  const procedure = trainee.getByTestId('procedure');
  await expect(procedure).toHaveAttribute('data-mode', 'practice', { timeout: 60_000 });
  await expect(procedure).toContainText('Our own L1 wedge, stored on the lab');
  // The station's autosave reaches the server, which checks it against the stored version.
  await expect
    .poll(
      async () =>
        ((await api(admin, 'GET', '/api/attempts')).json.attempts as any[])
          .filter((a) => a.assignmentId === assignmentId)
          .map((a) => [a.scenarioId, a.status, a.seed]),
      { timeout: 30_000 },
    )
    .toEqual([['lab-own-wedge', 'in-progress', 7]]);
});
