import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { copyToDocs, SHOTS_DIR } from './playHelpers';
import { LabServerHarness, joinCohort, labApi as api, openLabPage, signIn } from './labServerHarness';

/**
 * The instructor's side against the real lab server (server/main.ts on its embedded PGlite, in a
 * data folder of its own), serving the app Playwright built: an instructor signs in, opens the
 * instructor's screen, creates a cohort (two trainees join it with its code), sets an assignment
 * with the form, and reads the cohort's dashboard once the trainees' attempts are scored by the
 * server; sorts and filters it, opens an attempt in the debrief and compares two attempts.
 *
 * The trainees' attempts are golden attempt files of the set's patient (kyphoplasty L1, seed 42),
 * sent the way a station sends them (start the assignment, PUT the attempt on the reserved id)
 * from the trainees' own signed-in pages: the server reserves, checks and scores them for real.
 */

const SCENARIO = 'l1-osteoporotic-wedge';

const lab = new LabServerHarness('kyphosim-instructor-e2e-', 'e2e-instructor-secret-0123456789abcdef0123');

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  await lab.setUp([
    ['ines', 'instructor', 'Dr Ines Instructor'],
    ['root', 'admin', 'Prof Root Admin'],
  ]);
});

test.afterAll(async () => {
  await lab.tearDown();
});

const open = (browser: Browser): Promise<Page> => openLabPage(browser, lab, { acceptDownloads: true });

const golden = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`tests/fixtures/golden/${name}.json`, 'utf8')).attempt;

/** A trainee plays the assignment as a station would: start it (a reserved attempt), then send the finished attempt. */
async function play(page: Page, assignmentId: string, goldenName: string): Promise<string> {
  const start = await api(page, 'POST', `/api/assignments/${assignmentId}/start`, {
    scenarioId: SCENARIO,
    station: 'Bench 1',
  });
  expect(start.status, JSON.stringify(start.json)).toBe(201);
  expect(start.json).toMatchObject({ scenarioId: SCENARIO, seed: 42, mode: 'practice' });
  const attemptId: string = start.json.attemptId;
  const put = await api(page, 'PUT', `/api/attempts/${attemptId}`, {
    status: 'finished',
    station: 'Bench 1',
    attempt: golden(goldenName),
  });
  expect(put.status, JSON.stringify(put.json)).toBe(200);
  return attemptId;
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = `${SHOTS_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  copyToDocs(path, `${name}.png`);
}

test('an instructor creates a cohort and an assignment, reads the dashboard, opens and compares attempts', async ({
  browser,
}) => {
  test.setTimeout(10 * 60_000);

  // The instructor signs in and opens the instructor's screen from the menu's lab panel.
  const instructor = await open(browser);
  await signIn(instructor, 'ines');
  // The lab panel offers the instructor's screen (key I).
  await expect(instructor.getByTestId('lab-instructor')).toBeVisible();
  await instructor.keyboard.press('i');
  await expect(instructor.getByRole('main')).toHaveAttribute('data-testid', 'instructor');
  await expect(instructor.getByRole('heading', { level: 1, name: 'Instructor' })).toBeVisible();

  // Cohorts: create one; its join code is shown.
  await instructor.getByLabel('New cohort name').fill('Spine residents, spring');
  await instructor.getByLabel('New cohort name').press('Enter');
  const code = (await instructor.getByTestId('created-join-code').textContent())?.trim() ?? '';
  expect(code).not.toBe('');
  await expect(instructor.getByTestId('cohort-row')).toHaveCount(1);
  await expect(instructor.getByTestId('cohort-members')).toContainText('Nobody has joined yet');

  // Two trainees join with the code.
  const ana = await open(browser);
  await joinCohort(ana, code, 'ana', 'Dr Ana Resident');
  const ben = await open(browser);
  await joinCohort(ben, code, 'ben', 'Dr Ben Resident');

  // The members list shows them (the tab reloads the cohort).
  await instructor.getByTestId('instructor-tab-assignments').click();
  await instructor.getByTestId('instructor-tab-cohorts').click();
  await instructor.getByRole('button', { name: 'Spine residents, spring' }).click();
  await expect(instructor.getByTestId('cohort-members').getByRole('row')).toHaveCount(3);

  // Assignments: the form refuses an empty draft, naming what is missing, then sets one.
  await instructor.keyboard.press('2');
  await expect(instructor.getByTestId('instructor')).toHaveAttribute('data-tab', 'assignments');
  await instructor.getByTestId('create-assignment').click();
  await expect(instructor.getByTestId('assignment-problems')).toContainText('Title: give the assignment a title.');
  await instructor.getByLabel('Title').fill('Week 1: unipedicular kyphoplasty');
  await instructor.getByTestId(`assignment-scenario-${SCENARIO}`).check();
  await expect(instructor.getByTestId('assignment-pass-mark')).toHaveAttribute('placeholder', /^\d+$/);
  await instructor.getByTestId('assignment-seed').fill('42');
  await instructor.getByTestId('assignment-attempts').fill('3');
  await instructor.getByTestId('create-assignment').click();
  const row = instructor.getByTestId('assignment-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Week 1: unipedicular kyphoplasty');
  await expect(row).toContainText('fixed 42');
  await expect(row.getByTestId('assignment-released')).toContainText('released');
  const assignmentId = (await row.getAttribute('data-assignment-id')) ?? '';
  expect(assignmentId).toMatch(/^[0-9a-f-]{36}$/);
  await shoot(instructor, 'instructor-assignments');

  // The trainees play: Ana twice (a breach, then the textbook), Ben once (a breach).
  await play(ana, assignmentId, 'medial-breach-kyphoplasty-l1-seed42');
  const anaBest = await play(ana, assignmentId, 'textbook-kyphoplasty-l1-seed42');
  await play(ben, assignmentId, 'medial-breach-kyphoplasty-l1-seed42');

  // Results: the dashboard fills in as the server scores them.
  await instructor.keyboard.press('3');
  const dashboard = instructor.getByTestId('dashboard');
  const cells = dashboard.getByTestId('result-cell');
  await expect
    .poll(
      async () => {
        await instructor.getByTestId('results-reload').click();
        await expect(dashboard).toBeVisible();
        return cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      },
      { timeout: 180_000, intervals: [3_000] },
    )
    .toEqual(['passed', 'failed']);
  const anaRow = dashboard.locator('[data-testid="dashboard-row"][data-trainee="ana"]');
  const benRow = dashboard.locator('[data-testid="dashboard-row"][data-trainee="ben"]');
  await expect(anaRow).toContainText('best 100');
  await expect(anaRow).toContainText('2 attempts');
  await expect(anaRow).toContainText('PASS');
  await expect(benRow).toContainText('best 61');
  // The medial breach, and the cord compression it caused left unanswered.
  await expect(benRow).toContainText('2 critical errors');
  await expect(benRow).toContainText('FAIL');

  // A table with column and row headers; the controls in Tab order, the focus visible.
  await expect(dashboard.getByRole('columnheader')).toHaveCount(3);
  await expect(dashboard.getByRole('rowheader')).toHaveText([/Dr Ana Resident/, /Dr Ben Resident/]);
  await instructor.getByTestId('results-status').focus();
  await instructor.keyboard.press('Tab');
  await expect(instructor.getByTestId('results-text')).toBeFocused();
  await instructor.keyboard.press('Tab');
  await expect(instructor.getByTestId('results-csv')).toBeFocused();
  expect(await instructor.getByTestId('results-csv').evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid');

  // Sorted by score (highest first, by keyboard), then filtered.
  await instructor.getByTestId('sort-score').focus();
  await instructor.keyboard.press('Enter');
  await expect(dashboard.getByRole('columnheader', { name: /Mean best/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(dashboard.getByTestId('dashboard-row')).toHaveText([/Ana/, /Ben/]);
  await instructor.getByTestId('sort-score').click();
  await expect(dashboard.getByTestId('dashboard-row')).toHaveText([/Ben/, /Ana/]);
  await instructor.getByTestId('results-status').selectOption('failed');
  await expect(dashboard.getByTestId('dashboard-row')).toHaveText([/Ben/]);
  await instructor.getByTestId('results-status').selectOption('any');
  await instructor.getByTestId('results-text').fill('ana');
  await expect(dashboard.getByTestId('dashboard-row')).toHaveText([/Ana/]);
  await instructor.getByTestId('results-text').fill('');
  await instructor.getByTestId('sort-trainee').click();
  await expect(dashboard.getByTestId('dashboard-row')).toHaveCount(2);

  // The cohort's spread beside the expert plan on the same patient.
  const spread = instructor.getByTestId('spread-row');
  await expect(spread).toHaveCount(1);
  await expect(spread.getByTestId('spread-expert')).toHaveText(/^\d+ \(seed 42\)$/, { timeout: 120_000 });
  await expect(instructor.getByTestId('progress-row')).toHaveCount(2);
  await shoot(instructor, 'instructor-dashboard');

  // The CSV link downloads the server's results.
  const csvHref = (await instructor.getByTestId('results-csv').getAttribute('href')) ?? '';
  const csv = await api(instructor, 'GET', csvHref);
  expect(csv.status).toBe(200);
  expect(String(csv.json)).toContain('Dr Ana Resident');
  // And the archive link the assignment's zip of every attempt file.
  const zipHref = (await instructor.getByTestId('results-archive').getAttribute('href')) ?? '';
  const zip = await instructor.evaluate(async (href) => {
    const r = await fetch(href);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), magic: [...bytes.slice(0, 2)] };
  }, zipHref);
  expect(zip).toEqual({ status: 200, type: 'application/zip', magic: [0x50, 0x4b] });

  // A second rater (an admin) has rated Ana's best attempt already.
  const admin = await open(browser);
  await signIn(admin, 'root');
  const adminRating = await api(admin, 'PUT', `/api/attempts/${anaBest}/ratings/mine`, {
    plus: 'Textbook views.',
    delta: 'None.',
    ratings: { useOfImaging: 5, respectForTissue: 4 },
  });
  expect(adminRating.status, JSON.stringify(adminRating.json)).toBe(200);

  // Open Ana's best attempt in the debrief: the server's file, replayed here.
  await anaRow.getByTestId('open-best').click();
  await expect(instructor.getByTestId('debrief')).toBeVisible({ timeout: 120_000 });
  await expect(instructor.getByTestId('debrief-trainee')).toHaveText('Dr Ana Resident');
  await expect(instructor.getByTestId('debrief-total')).toHaveAttribute('data-total', '100');
  const raters = instructor.getByTestId('inter-rater-table');
  await expect(raters).toHaveAttribute('data-raters', '1');
  await expect(raters).toContainText('Prof Root Admin');

  // The instructor rates: saved on the lab server, and set beside the other rater's.
  await expect(instructor.getByTestId('review-rater-fixed')).toContainText('Dr Ines Instructor');
  await instructor.getByRole('radio', { name: /^Use of imaging: 3/ }).check();
  await instructor.getByTestId('review-plus').fill('Steady hands.');
  await expect(instructor.getByTestId('rating-save')).toHaveText('Saved on the lab server.', { timeout: 30_000 });
  await expect(raters).toHaveAttribute('data-raters', '2');
  await expect(raters.getByRole('columnheader')).toHaveText([
    'Item',
    'Dr Ines Instructor (you)',
    'Prof Root Admin',
    'Range',
  ]);
  await expect(instructor.getByTestId('inter-rater-useOfImaging')).toHaveText(/Use of imaging\s*3\s*5\s*2/);
  const stored = await api(admin, 'GET', `/api/attempts/${anaBest}`);
  expect(
    (stored.json.ratings as { rater: { displayName: string }; plus: string; ratings: { useOfImaging: number } }[])
      .map((r) => [r.rater.displayName, r.plus, r.ratings.useOfImaging])
      .sort(),
  ).toEqual([
    ['Dr Ines Instructor', 'Steady hands.', 3],
    ['Prof Root Admin', 'Textbook views.', 5],
  ]);
  // The page settles once the replay viewer's film is made; then the shots.
  await expect(instructor.getByTestId('film-building')).toHaveCount(0, { timeout: 120_000 });
  await instructor.screenshot({ path: `${SHOTS_DIR}/instructor-debrief.png`, fullPage: true });
  await instructor.getByTestId('inter-rater').scrollIntoViewIfNeeded();
  const ratingsShot = `${SHOTS_DIR}/instructor-ratings.png`;
  await instructor.getByTestId('inter-rater').screenshot({ path: ratingsShot });
  copyToDocs(ratingsShot, 'instructor-ratings.png');
  await instructor.getByTestId('back-to-menu').click();
  await expect(instructor.getByTestId('instructor')).toHaveAttribute('data-tab', 'results');

  // Compare Ana's first and last attempts side by side.
  await anaRow.getByTestId('compare-first-last').click();
  await expect(instructor.getByTestId('compare')).toBeVisible({ timeout: 120_000 });
  await expect(instructor.getByTestId('compare-total')).toContainText('61');
  await expect(instructor.getByTestId('compare-total')).toContainText('100');
  await expect(instructor.getByTestId('compare-total')).toContainText('+39');
  await expect(instructor.getByTestId('compare-critical')).toContainText('Medial pedicle breach');
  await expect(instructor.locator('.compare-timeline svg').first()).toBeVisible({ timeout: 120_000 });
  await shoot(instructor, 'instructor-compare');
  await instructor.keyboard.press('Escape');
  await expect(instructor.getByTestId('instructor')).toBeVisible();

  // Two trainees side by side: pick each one's best, then compare.
  await anaRow.getByTestId('pick-compare').click();
  await benRow.getByTestId('pick-compare').click();
  await expect(instructor.getByTestId('compare-bar')).toContainText('Dr Ana Resident, best');
  await instructor.getByTestId('compare-picked').click();
  await expect(instructor.getByTestId('compare')).toBeVisible({ timeout: 120_000 });
  await expect(instructor.getByTestId('compare-total')).toContainText('−39');
  await expect(instructor.getByRole('columnheader', { name: /Dr Ben Resident, best/ })).toBeVisible();
  await instructor.getByTestId('compare-back').click();
  await expect(instructor.getByTestId('instructor')).toHaveAttribute('data-tab', 'results');

  // An exam for one trainee: its scores wait for the instructor, who releases them.
  await instructor.keyboard.press('2');
  await instructor.getByLabel('Title').fill('Exam: L1');
  await instructor.getByTestId(`assignment-scenario-${SCENARIO}`).check();
  await instructor.getByTestId('assignment-mode-exam').check();
  await instructor.getByTestId('assignment-seed-fresh').check();
  await instructor.getByTestId('create-assignment').click();
  await expect(instructor.getByTestId('assignment-problems')).toContainText('an exam needs a number');
  await instructor.getByTestId('assignment-attempts').fill('1');
  await instructor.getByTestId('assignment-target-trainee').check();
  await instructor
    .getByTestId('assignment-target')
    .selectOption({ label: 'Dr Ben Resident (Spine residents, spring)' });
  await instructor.getByTestId('create-assignment').click();
  const exam = instructor.getByTestId('assignment-row').filter({ hasText: 'Exam: L1' });
  await expect(exam).toContainText('trainee Dr Ben Resident');
  await expect(exam).toContainText('fresh each attempt');
  await expect(exam.getByTestId('assignment-released')).toHaveText('not released');
  await exam.getByTestId('release-scores').click();
  await expect(exam.getByTestId('assignment-released')).toContainText('released ');
  await expect(exam.getByTestId('release-scores')).toHaveCount(0);

  // Allow Ana a restart of the week's assignment (one more attempt).
  const week = instructor.getByTestId('assignment-row').filter({ hasText: 'Week 1' });
  await week.getByTestId('allow-restart').click();
  await week.getByLabel('Trainee').selectOption({ label: 'Dr Ana Resident' });
  await week.getByTestId('confirm-restart').click();
  await expect(instructor.getByTestId('assignment-list')).toContainText('Dr Ana Resident may start');
});
