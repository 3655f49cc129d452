import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { joinCohort, LabServerHarness, labApi as api, openLabPage, signIn } from './labServerHarness';

/**
 * An exam a lab can trust, from the instructor's side to the trainee's and back, against the real
 * lab server: the instructor makes a cohort and sets an exam on one patient for all (a fixed seed)
 * with one attempt each and scores held back; two trainees join. Ben starts the exam from his
 * assignment list and walks out of it; Ana sits it. The dashboard shows both states (Ana's
 * submitted with her score, visible to the instructor only; Ben's abandoned, needing attention).
 * The instructor opens Ana's attempt (the server's file, replayed here), rates it, and releases
 * the exam's scores; only then does Ana's list show her score.
 *
 * Ana's exam is the textbook kyphoplasty played by the simulator's plan runner on the reserved
 * patient in exam mode, sent on her reserved attempt id from her own signed-in page, as her
 * station would send it at the end: playing a whole procedure by keyboard is the kyphoplasty
 * spec's job, and exam mode hides the readouts its helpers steer by.
 */

const SCENARIO = 'l1-osteoporotic-wedge';
const SEED = 42;

const lab = new LabServerHarness('kyphosim-exam-e2e-', 'e2e-exam-secret-0123456789abcdef0123456789');

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  await lab.setUp([['ines', 'instructor', 'Dr Ines Instructor']]);
});

test.afterAll(async () => {
  await lab.tearDown();
});

const open = (browser: Browser): Promise<Page> => openLabPage(browser, lab);

/** Focus the trainee's assignment list (A) and move (↓) to this assignment's row. */
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

/** The textbook kyphoplasty on the exam's patient, in exam mode, as an attempt file (the headless CLI, `npm run sim -- plan`). */
function textbookExam(): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'kyphosim-exam-attempt-'));
  try {
    const out = join(dir, 'attempt.json');
    execFileSync(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'sim/cli.ts',
        'plan',
        'levels/plans/textbook-kyphoplasty.json',
        '--scenario',
        `levels/${SCENARIO}.json`,
        '--seed',
        String(SEED),
        '--mode',
        'exam',
        '--attempt',
        out,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an exam on one patient for two trainees: one walks out, one sits it; the instructor reviews, rates and releases', async ({
  browser,
}) => {
  test.setTimeout(6 * 60_000);

  // The instructor makes the cohort; two trainees join with its code.
  const instructor = await open(browser);
  await signIn(instructor, 'ines');
  await instructor.keyboard.press('i');
  await expect(instructor.getByTestId('instructor')).toBeVisible();
  await instructor.getByLabel('New cohort name').fill('Spine residents, exam week');
  await instructor.getByLabel('New cohort name').press('Enter');
  const code = (await instructor.getByTestId('created-join-code').textContent())?.trim() ?? '';
  expect(code).not.toBe('');
  const ana = await open(browser);
  await joinCohort(ana, code, 'ana', 'Dr Ana Resident', 'Bench A');
  const ben = await open(browser);
  await joinCohort(ben, code, 'ben', 'Dr Ben Resident', 'Bench B');

  // The exam: one scenario, the same patient for everyone, one attempt, scores held back.
  await instructor.getByTestId('instructor-tab-assignments').click();
  await instructor.getByLabel('Title').fill('Exam: L1 kyphoplasty');
  await instructor.getByTestId(`assignment-scenario-${SCENARIO}`).check();
  await instructor.getByTestId('assignment-mode-exam').check();
  await instructor.getByTestId('assignment-seed-fixed').check();
  await instructor.getByTestId('assignment-seed').fill(String(SEED));
  await instructor.getByTestId('assignment-attempts').fill('1');
  await instructor.getByTestId('create-assignment').click();
  const examRow = instructor.getByTestId('assignment-row').filter({ hasText: 'Exam: L1 kyphoplasty' });
  await expect(examRow).toContainText(`fixed ${SEED}`);
  await expect(examRow.getByTestId('assignment-released')).toHaveText('not released');
  const examId = (await examRow.getAttribute('data-assignment-id')) ?? '';
  expect(examId).toMatch(/^[0-9a-f-]{36}$/);

  // Ben starts the exam from his list, on the exam's patient, and walks out (he confirms).
  await ben.reload();
  const benRow = ben.locator(`[data-testid="assignment-row"][data-assignment-id="${examId}"]`);
  await expect(benRow).toHaveAttribute('data-status', 'not-started', { timeout: 30_000 });
  await focusRow(ben, examId);
  await ben.keyboard.press('Enter');
  const benCase = ben.getByTestId('procedure');
  await expect(benCase).toHaveAttribute('data-mode', 'exam', { timeout: 60_000 });
  await expect(benCase.locator('.badge', { hasText: /^seed / })).toHaveText(`seed ${SEED}`);
  await ben.keyboard.press('1');
  await expect(ben.getByTestId('checklist-history')).toHaveAttribute('data-done', 'true');
  await ben.getByRole('button', { name: 'Menu' }).click();
  await expect(ben.getByTestId('lab-panel')).toBeVisible();
  // The abandon reaches the server through the station's upload queue; the list then says so.
  await expect
    .poll(async () => (await api(ben, 'GET', `/api/assignments/${examId}`)).json.mine.scenarios[0].status, {
      timeout: 60_000,
    })
    .toBe('abandoned');
  await ben.reload();
  await expect(benRow).toHaveAttribute('data-status', 'abandoned', { timeout: 30_000 });
  await expect(benRow).toContainText('1 of 1 attempt');

  // Ana sits the exam on her reserved attempt.
  const started = await api(ana, 'POST', `/api/assignments/${examId}/start`, {
    scenarioId: SCENARIO,
    station: 'Bench A',
  });
  expect(started.status, JSON.stringify(started.json)).toBe(201);
  expect(started.json).toMatchObject({ mode: 'exam', seed: SEED });
  const anaAttempt: string = started.json.attemptId;
  const put = await api(ana, 'PUT', `/api/attempts/${anaAttempt}`, {
    status: 'finished',
    station: 'Bench A',
    attempt: textbookExam(),
  });
  expect(put.status, JSON.stringify(put.json)).toBe(200);

  // The dashboard shows both states once the server has scored Ana's exam.
  await instructor.getByTestId('instructor-tab-results').click();
  const dashboard = instructor.getByTestId('dashboard');
  const cellOf = (username: string) =>
    dashboard.locator(`[data-testid="dashboard-row"][data-trainee="${username}"] [data-testid="result-cell"]`);
  await expect
    .poll(
      async () => {
        await instructor.getByTestId('results-reload').click();
        await expect(dashboard).toBeVisible();
        return [await cellOf('ana').getAttribute('data-status'), await cellOf('ben').getAttribute('data-status')];
      },
      { timeout: 180_000, intervals: [3_000] },
    )
    .toEqual(['passed', 'abandoned']);
  await expect(cellOf('ben')).toContainText('1 abandoned');
  await instructor.getByTestId('results-status').selectOption('attention');
  await expect(dashboard.getByTestId('dashboard-row')).toHaveText([/Ben/]);
  await instructor.getByTestId('results-status').selectOption('any');

  // Before the release Ana's list says submitted, with no score.
  await ana.reload();
  const anaRow = ana.locator(`[data-testid="assignment-row"][data-assignment-id="${examId}"]`);
  await expect(anaRow).toHaveAttribute('data-status', 'submitted', { timeout: 30_000 });
  await expect(anaRow.getByTestId('assignment-score')).toHaveCount(0);

  // The instructor opens Ana's exam (the server's file, replayed here) and rates it.
  await dashboard.locator('[data-testid="dashboard-row"][data-trainee="ana"]').getByTestId('open-best').click();
  await expect(instructor.getByTestId('debrief')).toBeVisible({ timeout: 120_000 });
  await expect(instructor.getByTestId('debrief-trainee')).toHaveText('Dr Ana Resident');
  await instructor.getByRole('radio', { name: /^Use of imaging: 4/ }).check();
  await instructor.getByTestId('review-plus').fill('Counted the levels before the mark.');
  await expect(instructor.getByTestId('rating-save')).toHaveText('Saved on the lab server.', { timeout: 30_000 });
  const total = Number(await instructor.getByTestId('debrief-total').getAttribute('data-total'));
  expect(total).toBeGreaterThan(0);
  await instructor.getByTestId('back-to-menu').click();
  await expect(instructor.getByTestId('instructor')).toHaveAttribute('data-tab', 'results');

  // The instructor releases the exam's scores; Ana's list now shows her result and score.
  await instructor.getByTestId('instructor-tab-assignments').click();
  await examRow.getByTestId('release-scores').click();
  await expect(examRow.getByTestId('assignment-released')).toContainText('released ');
  await ana.reload();
  await expect(anaRow).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
  await expect(anaRow.getByTestId('assignment-score')).toContainText(String(Math.round(total)));
  const own = await api(ana, 'GET', `/api/attempts/${anaAttempt}`);
  expect(own.json.released).toBe(true);
  expect(own.json.ratings.map((r: { plus: string }) => r.plus)).toEqual(['Counted the levels before the mark.']);
  await instructor.screenshot({ path: 'test-results/exam-assessment-released.png', fullPage: true });
});
