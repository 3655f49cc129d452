import { type Browser, expect, type Page, test } from '@playwright/test';
import { LabServerHarness, labApi as api, openLabPage, PASSWORD, signIn } from './labServerHarness';
import { monitorGrey, nextPhase, phaseHeader, SHOTS_DIR } from './playHelpers';

/**
 * "Watch live" against the real lab server (server/main.ts on its embedded PGlite, in a data
 * folder of its own; the app is the dist/ Playwright's web server built): a trainee plays the
 * first steps of a practice case at a station; their instructor opens the live viewer for that
 * attempt (?watch=<id>) and sees the log advance as the station uploads; sends a note, which the
 * station shows until the trainee dismisses it; pauses the case, and the station's sim clock stops
 * and its keys are refused; resumes it, and the clock runs again. Screenshots:
 * test-results/watch-live-*.png.
 */

const lab = new LabServerHarness('kyphosim-watch-e2e-', 'e2e-lab-secret-0123456789abcdef0123456789');

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  await lab.setUp([['ines', 'instructor', 'Ines Instructor']]);
});

test.afterAll(async () => {
  await lab.tearDown();
});

async function open(browser: Browser, username: string, path = '/'): Promise<Page> {
  const page = await openLabPage(browser, lab, { path });
  await signIn(page, username);
  return page;
}

/** Tick a checklist item with its number key until it shows done. */
async function tick(page: Page, item: string, key: string): Promise<void> {
  const row = page.getByTestId(`checklist-${item}`);
  await expect(async () => {
    if ((await row.getAttribute('data-done')) !== 'true') await page.keyboard.press(key);
    await expect(row).toHaveAttribute('data-done', 'true', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

const simSeconds = async (page: Page) => Number(await page.getByTestId('sim-time').getAttribute('data-time-s'));

test('an instructor watches a station live, sends a note, pauses and resumes a practice case', async ({ browser }) => {
  test.setTimeout(7 * 60_000);
  const instructor = await open(browser, 'ines');
  const cohort = await api(instructor, 'POST', '/api/cohorts', { name: 'Spine course' });
  expect(cohort.status).toBe(201);
  const made = await api(instructor, 'POST', '/api/users', {
    username: 'tom',
    displayName: 'Tom Trainee',
    password: PASSWORD,
    role: 'trainee',
    cohortId: cohort.json.id,
  });
  expect(made.status, JSON.stringify(made.json)).toBe(201);

  // The station: Tom opens the L1 case in practice mode and reviews the case.
  const station = await open(browser, 'tom', '/?seed=42');
  const item = station.locator('[data-testid="scenario-item"][data-scenario-id="l1-osteoporotic-wedge"]');
  await expect(item).toBeVisible();
  while ((await item.getAttribute('data-selected')) !== 'true') await station.keyboard.press('ArrowDown');
  await expect(station.getByTestId('mode-practice')).toHaveAttribute('aria-checked', 'true');
  await station.keyboard.press('Enter');
  await expect(station.getByTestId('procedure')).toHaveAttribute('data-mode', 'practice', { timeout: 30_000 });
  await expect(phaseHeader(station)).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await tick(station, 'history', '1');

  // The instructor finds the attempt on the server and opens the live viewer for it.
  await expect
    .poll(async () => ((await api(instructor, 'GET', '/api/attempts')).json.attempts as any[]).length, {
      timeout: 30_000,
    })
    .toBe(1);
  const attempt = (await api(instructor, 'GET', '/api/attempts')).json.attempts[0];
  expect(attempt).toMatchObject({ status: 'in-progress', mode: 'practice', seed: 42 });
  await instructor.goto(`${lab.url}/?watch=${attempt.id}`);
  const viewer = instructor.getByTestId('live-screen');
  await expect(viewer).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(viewer).toContainText('Watching Tom Trainee');
  const logCount = async () => Number(await instructor.getByTestId('live-status').getAttribute('data-log-count'));
  const seen = await logCount();
  expect(seen).toBeGreaterThanOrEqual(1);

  // The station goes on; the viewer's log follows (each autosave lands within a few seconds).
  await tick(station, 'imaging', '2');
  await tick(station, 'candidacy', '3');
  await nextPhase(station, 'preOp');
  await expect.poll(logCount, { timeout: 30_000 }).toBeGreaterThanOrEqual(seen + 3);
  for (const [i, name] of ['consent', 'labs', 'antibiotics', 'anaesthesia', 'timeOut'].entries())
    await tick(station, name, String(i + 4));
  await nextPhase(station, 'positioning');
  await station.keyboard.press('p');
  await nextPhase(station, 'cArmSetup');
  await expect(station.getByTestId('xray-AP')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  // One AP shot: the pedal held until the dose panel counts an image.
  await station.keyboard.press('a');
  await expect(station.getByTestId('carm-view')).toHaveText('AP', { timeout: 60_000 });
  const shotsOn = (page: Page) => async () => Number(await page.getByTestId('dose-shots-AP').textContent());
  const shots = shotsOn(station);
  const before = await shots();
  await station.keyboard.down('Space');
  await expect.poll(shots, { timeout: 10_000 }).toBeGreaterThan(before);
  // Held a while, as a trainee screening does: the first projection of a pose takes a moment.
  await station.waitForTimeout(3_000);
  await station.keyboard.up('Space');
  await expect(instructor.getByTestId('xray-AP')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect.poll(logCount, { timeout: 30_000 }).toBeGreaterThanOrEqual(seen + 14);
  await expect.poll(shotsOn(instructor), { timeout: 30_000 }).toBeGreaterThan(0);
  // The viewer's AP monitor holds the image of that exposure (not a black "NO IMAGE").
  const centreGrey = async () => {
    const { width, height, grey } = await monitorGrey(instructor, 'AP');
    let sum = 0;
    let n = 0;
    for (let y = Math.floor(height / 4); y < (3 * height) / 4; y++)
      for (let x = Math.floor(width / 4); x < (3 * width) / 4; x++, n++) sum += grey[y * width + x];
    return sum / n;
  };
  await expect.poll(centreGrey, { timeout: 30_000 }).toBeGreaterThan(30);
  // The station's trocar panel prints the keys that set the entry; the viewer's copy shows the panel
  // without them (the watching instructor has no keys to press), and no key anywhere on its panels.
  await expect(station.getByTestId('entry-keys')).toContainText('set entry');
  const viewerPanels = instructor.getByTestId('live-panels');
  await expect(viewerPanels.getByTestId('trocar-panel')).toBeVisible();
  // Before the access step the trocar panel is folded to its title line, as on the station: its
  // readouts are there (the entry drafted) without the keys.
  await expect(viewerPanels.getByTestId('entry-draft')).toContainText('mm lateral');
  await expect(viewerPanels.getByTestId('entry-keys')).toHaveCount(0);
  await expect(viewerPanels.locator('kbd')).toHaveCount(0);
  await instructor.screenshot({ path: `${SHOTS_DIR}/watch-live-1-viewer.png` });

  // A note: the station shows it with the instructor's name, announced, until Enter dismisses it.
  await instructor.getByTestId('live-note-text').fill('Check the lateral before you go on.');
  await instructor.getByTestId('live-send-note').click();
  await expect(instructor.getByTestId('live-sent')).toContainText('Check the lateral before you go on.');
  const note = station.getByTestId('instructor-note');
  await expect(note).toContainText('Note from Ines Instructor', { timeout: 15_000 });
  await expect(note).toContainText('Check the lateral before you go on.');
  await expect(station.locator('.instructor-note-region')).toHaveAttribute('aria-live', 'assertive');
  await station.screenshot({ path: `${SHOTS_DIR}/watch-live-2-note.png` });
  await station.keyboard.press('Enter');
  await expect(note).toHaveCount(0);

  // Pause: the station's clock stops and its commands are refused until the resume.
  await instructor.getByTestId('live-pause').click();
  await expect(station.getByTestId('instructor-paused')).toContainText('Paused by your instructor', {
    timeout: 15_000,
  });
  const pausedAt = await simSeconds(station);
  await station.keyboard.press('l');
  await expect(station.getByTestId('status')).toContainText('Paused by your instructor');
  await station.waitForTimeout(3_000);
  expect(await simSeconds(station)).toBe(pausedAt);
  await station.screenshot({ path: `${SHOTS_DIR}/watch-live-3-paused.png` });

  await instructor.getByTestId('live-resume').click();
  await expect(station.getByTestId('instructor-paused')).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(() => simSeconds(station), { timeout: 15_000 }).toBeGreaterThan(pausedAt + 1);
  await instructor.screenshot({ path: `${SHOTS_DIR}/watch-live-4-viewer.png` });
});
