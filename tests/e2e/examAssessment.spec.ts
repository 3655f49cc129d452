import { writeFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { playExamKyphoplasty } from './examPlay';
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
 * Ana sits the whole kyphoplasty in the browser, keyboard only: A opens her assignments, Enter
 * starts the exam on her reserved attempt, and she plays it steered only by what an exam shows and
 * by a sequence of keys known to be good for this patient (tests/e2e/examPlay.ts); her station
 * uploads the attempt itself at the end, and the rest of the flow works on that upload.
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

test('an exam on one patient for two trainees: one walks out, one sits it; the instructor reviews, rates and releases', async ({
  browser,
}) => {
  test.setTimeout(15 * 60_000);

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
  await ben.getByTestId('leave-confirm').click();
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

  // What the exam pins: the scenario's published version and content hash, recorded on the assignment.
  const assignment = await api(instructor, 'GET', `/api/assignments/${examId}`);
  expect(assignment.status, JSON.stringify(assignment.json)).toBe(200);
  const pinned: { version: number; hash: string } = assignment.json.scenarios[0];
  expect(pinned.hash).toMatch(/^[0-9a-f]{16,}$/);

  // Ana starts the exam from her list with the keyboard: the station reserves her attempt on the server.
  await ana.reload();
  const anaRow = ana.locator(`[data-testid="assignment-row"][data-assignment-id="${examId}"]`);
  await expect(anaRow).toHaveAttribute('data-status', 'not-started', { timeout: 30_000 });
  await focusRow(ana, examId);
  // The server's answer is read on its way to the page (passed on untouched): the page's own copy of
  // a response body is not kept once the app moves on to the case.
  const startPath = `**/api/assignments/${examId}/start`;
  const started: { status?: number; body?: any } = {};
  await ana.route(startPath, async (route) => {
    const response = await route.fetch();
    started.body = await response.json();
    started.status = response.status();
    await route.fulfill({ response });
  });
  await ana.keyboard.press('Enter');
  await expect.poll(() => started.status, { timeout: 30_000 }).toBeDefined();
  await ana.unroute(startPath);
  const reservation = started.body;
  expect(started.status, JSON.stringify(reservation)).toBe(201);
  expect(reservation).toMatchObject({
    scenarioId: SCENARIO,
    mode: 'exam',
    seed: SEED,
    scenarioVersion: pinned.version,
    scenarioHash: pinned.hash,
  });
  const anaAttempt: string = reservation.attemptId;
  const anaCase = ana.getByTestId('procedure');
  await expect(anaCase).toHaveAttribute('data-mode', 'exam', { timeout: 60_000 });
  await expect(anaCase.locator('.badge', { hasText: /^seed / })).toHaveText(`seed ${SEED}`);
  // An exam's page names neither the machine's sub-state nor whether the next step would be accepted.
  await expect(ana.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  expect(await ana.getByTestId('phase').getAttribute('data-state')).toBeNull();
  expect(await ana.getByTestId('phase').getAttribute('data-can-advance')).toBeNull();

  // She plays the whole kyphoplasty, keyboard only; her last Enter ends it on "submitted" (no score).
  const playStart = Date.now();
  const played = await playExamKyphoplasty(ana, SCENARIO, SEED);
  console.log(
    `Ana's exam played in ${((Date.now() - playStart) / 1000).toFixed(0)} s:`,
    JSON.stringify({ ...played, tackTests: played.tackTests.length }),
  );
  await ana.keyboard.press('Enter');
  await expect(ana.getByTestId('submitted')).toBeVisible({ timeout: 30_000 });
  await expect(ana.getByTestId('debrief-total')).toHaveCount(0);
  await expect(ana.getByTestId('submitted')).not.toContainText(/\d+(\.\d+)? ?\/ ?100/);

  // Her station uploads the finished attempt on the reserved id; the server scores its own replay.
  await expect
    .poll(
      async () => {
        const r = await api(instructor, 'GET', `/api/attempts/${anaAttempt}`);
        return r.status === 200 ? `${r.json.status} ${r.json.scoring}` : `HTTP ${r.status}`;
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toBe('finished done');
  const uploaded = (await api(instructor, 'GET', `/api/attempts/${anaAttempt}`)).json;
  expect(uploaded).toMatchObject({
    id: anaAttempt,
    trainee: { username: 'ana' },
    scenarioId: SCENARIO,
    scenarioVersion: pinned.version,
    mode: 'exam',
    seed: SEED,
    station: 'Bench A',
    scoringError: null,
  });
  expect(uploaded.attempt).toMatchObject({ mode: 'exam', seed: SEED, scenarioHash: pinned.hash });
  // The station sent it on the reserved id only: Ana has no other attempt on the server.
  const anaAttempts = (await api(ana, 'GET', '/api/attempts')).json.attempts as { id: string }[];
  expect(anaAttempts.map((a) => a.id)).toEqual([anaAttempt]);
  expect(uploaded.attempt.trainee).toMatchObject({ name: 'Dr Ana Resident' });
  // The file is the keyboard's: one needle.aim per arrow press (the plan runner sets the angles in one).
  const aims = uploaded.attempt.log.filter((e: { command: { type: string } }) => e.command.type === 'needle.aim');
  expect(aims.length).toBe(played.access.medialDeg + played.access.caudalDeg);
  // The attempt as the server holds it, for `npm run sim -- replay` when a check below fails.
  writeFileSync('test-results/exam-assessment-attempt.json', JSON.stringify(uploaded.attempt));
  console.log('server score of the exam:', JSON.stringify(uploaded.score));
  expect(uploaded.score.total).toBeGreaterThan(0);
  expect(uploaded.score.passed).toBe(true);
  expect(uploaded.report.total).toBeCloseTo(uploaded.score.total, 6);

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
  // The instructor's replay of the server's file gives the server's score.
  expect(total).toBeCloseTo(uploaded.score.total, 6);
  await instructor.getByTestId('back-to-menu').click();
  await expect(instructor.getByTestId('instructor')).toHaveAttribute('data-tab', 'results');

  // The instructor releases the exam's scores; Ana's list now shows her result and score.
  await instructor.getByTestId('instructor-tab-assignments').click();
  await examRow.getByTestId('release-scores').click();
  await expect(examRow.getByTestId('assignment-released')).toContainText('released ');
  await ana.reload();
  await expect(anaRow).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
  // The list rounds to a tenth and drops a trailing .0 (100, 92.6).
  await expect(anaRow.getByTestId('assignment-score')).toContainText(`best ${Math.round(total * 10) / 10},`);
  const own = await api(ana, 'GET', `/api/attempts/${anaAttempt}`);
  expect(own.json.released).toBe(true);
  expect(own.json.ratings.map((r: { plus: string }) => r.plus)).toEqual(['Counted the levels before the mark.']);
  await instructor.screenshot({ path: 'test-results/exam-assessment-released.png', fullPage: true });
});
