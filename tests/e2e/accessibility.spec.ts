import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { AXE_ALLOW_LIST } from './axeAllowList';
import { allowListedSeen, axeCheck } from './axeCheck';
import { phaseHeader, type View } from './playHelpers';
import { seedRecordDb } from './seedRecord';
import { LabServerHarness, joinCohort, labApi as api, openLabPage, PASSWORD, signIn } from './labServerHarness';

/**
 * Every screen and dialog scanned with axe-core under WCAG 2.2 A/AA (tests/e2e/axeCheck.ts): the
 * menu, the case review, the procedure in access, balloon and cement (resumed from a golden
 * attempt cut at that phase, so no play is needed), help and settings, the debrief with its plots
 * and replay, the history and the editor; the "submitted" screen that ends an assigned attempt
 * whose scores are held back; in lab mode the sign-in, the instructor's tabs, the lab debrief, the
 * comparison and the live viewer of a station's attempt. Critical and serious findings fail;
 * moderate and minor ones only where tests/e2e/axeAllowList.ts does not list them.
 */

const TEXTBOOK = JSON.parse(readFileSync('tests/fixtures/golden/textbook-kyphoplasty-l1-seed42.json', 'utf8')).attempt;
const BREACH = JSON.parse(
  readFileSync('tests/fixtures/golden/medial-breach-kyphoplasty-l1-seed42.json', 'utf8'),
).attempt;

interface AttemptFile {
  readonly scenario: { readonly id: string; readonly title: string };
  readonly seed: number;
  readonly log: readonly { readonly tick: number }[];
  readonly endTick: number;
}

/** An attempt file cut after its log entry `last` (inclusive): an attempt interrupted there. */
function cutAt(file: AttemptFile, last: number): AttemptFile {
  const log = file.log.slice(0, last + 1);
  return { ...file, log, endTick: log[log.length - 1].tick };
}

/**
 * Seed the record with one attempt (in progress or finished) before the page's first load; `extra`
 * adds fields of the record (an assigned attempt's scoresWithheld).
 */
async function seed(
  page: Page,
  id: string,
  file: AttemptFile,
  status: 'in-progress' | 'finished',
  extra: Record<string, unknown> = {},
): Promise<void> {
  await seedRecordDb(page, {
    id,
    trainee: 'Dr Axe',
    scenarioId: file.scenario.id,
    scenarioTitle: file.scenario.title,
    seed: file.seed,
    mode: 'practice',
    status,
    source: 'played',
    startedAt: Date.UTC(2026, 0, 8, 9, 0),
    updatedAt: Date.UTC(2026, 0, 8, 9, 20),
    ...(status === 'finished' ? { endedAt: Date.UTC(2026, 0, 8, 9, 20) } : {}),
    simTimeS: file.endTick / 60,
    file,
    ...extra,
  });
}

/** Resume a seeded in-progress attempt from the menu (R) and wait for its phase. */
async function resumeAt(
  page: Page,
  id: string,
  file: AttemptFile,
  phase: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await seed(page, id, file, 'in-progress', extra);
  await page.goto(`/?seed=${file.seed}`);
  await expect(page.getByTestId('resume-offer')).toHaveAttribute('data-record-id', id);
  await page.keyboard.press('r');
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', phase, { timeout: 60_000 });
  await expect(page.getByTestId('xray-AP')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

test('menu, history, editor and the key help', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await page.goto('/?seed=42');
  await expect(page.getByTestId('scenario-item').first()).toBeVisible();
  await axeCheck(page, 'menu');
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await axeCheck(page, 'menu key help');
  await page.keyboard.press('Escape');
  await page.keyboard.press('h');
  await expect(page.getByTestId('history')).toBeVisible();
  await axeCheck(page, 'history');
  await page.goto('/?seed=42');
  await expect(page.getByTestId('scenario-item').first()).toBeVisible();
  await page.keyboard.press('e');
  await expect(page.getByTestId('editor')).toBeVisible({ timeout: 30_000 });
  await axeCheck(page, 'editor');
});

test('case review, help overlay, settings and the decline dialog', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await page.goto('/?seed=42');
  await expect(page.getByTestId('scenario-item').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await axeCheck(page, 'case review');
  await page.keyboard.press('F1');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await axeCheck(page, 'help overlay');
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await expect(page.getByTestId('settings')).toBeVisible();
  await axeCheck(page, 'settings');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toHaveCount(0);
  await page.keyboard.press('Shift+N');
  await expect(page.getByRole('dialog')).toBeVisible();
  await axeCheck(page, 'decline dialog');
});

test('procedure: access', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await resumeAt(page, 'axe-access', cutAt(TEXTBOOK, 43), 'access');
  await axeCheck(page, 'procedure, access');
});

test('procedure: balloon', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await resumeAt(page, 'axe-balloon', cutAt(TEXTBOOK, 100), 'balloon');
  await axeCheck(page, 'procedure, balloon');
});

test('procedure: cement', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await resumeAt(page, 'axe-cement', cutAt(TEXTBOOK, 130), 'cement');
  await axeCheck(page, 'procedure, cement');
});

test('the submitted screen of an assigned attempt whose scores are held back', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  // The golden attempt cut before its last step (recovery to debrief), resumed as an assigned one
  // whose scores the instructor has not released: that step ends it on "submitted", not the debrief.
  const lastStep = TEXTBOOK.log.length - 1;
  expect(TEXTBOOK.log[lastStep].command.type).toBe('phase.next');
  await resumeAt(page, 'axe-submitted', cutAt(TEXTBOOK, lastStep - 1), 'recovery', { scoresWithheld: true });
  await expect(phaseHeader(page)).toHaveAttribute('data-can-advance', 'true', { timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('submitted')).toBeVisible({ timeout: 30_000 });
  await axeCheck(page, 'submitted');
});

test('a breach is announced in the assertive live region', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  // The golden medial breach cut one push short of the breach: a 10 mm hand push (Shift+W) breaches.
  await resumeAt(page, 'axe-breach', cutAt(BREACH, 61), 'access');
  const assertive = page.getByTestId('announce-assertive');
  await expect(assertive).toHaveAttribute('aria-live', 'assertive');
  await expect(assertive).toHaveText('');
  // Every text the region takes, as a screen reader is told of each change (a later batch, the
  // cord's complication, may follow within a frame).
  await assertive.evaluate((el) => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => said.push(el.textContent ?? '')).observe(el, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  await page.keyboard.press('Shift+W');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { said: string[] }).said.join(' | ')), { timeout: 30_000 })
    .toContain('Breach: medial pedicle wall');
  // The feed says it with a mark and a word besides its colour.
  await expect(page.getByTestId('events-feed').locator('li.danger').first()).toContainText('Danger:');
});

/**
 * Keep WebGL drawing buffers after compositing (test only): the monitor's canvas can then be read
 * back in any animation frame, as it is displayed, not only in the task that drew it.
 */
async function preserveWebglBuffers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const getContext = HTMLCanvasElement.prototype.getContext;
    const call = getContext as unknown as (this: HTMLCanvasElement, type: string, attrs?: object) => unknown;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, attrs?: object) {
      const preserved = type.startsWith('webgl') ? { ...(attrs ?? {}), preserveDrawingBuffer: true } : attrs;
      return call.call(this, type, preserved);
    } as typeof getContext;
  });
}

/**
 * The monitor's canvas read at every animation frame for `ms` (and 8 frames at least): per frame, the 8 x 8 block means of
 * its grey (the quantum mottle averages out in a block; a change of the whole picture does not).
 */
function sampleMonitor(page: Page, view: View, ms: number): Promise<{ frames: number[][]; seconds: number }> {
  return page.evaluate(
    ({ view, ms }) =>
      new Promise<{ frames: number[][]; seconds: number }>((resolve) => {
        const source = document.querySelector<HTMLCanvasElement>(`[data-testid="xray-${view}"] canvas`);
        const small = document.createElement('canvas');
        small.width = 64;
        small.height = 64;
        const g = small.getContext('2d', { willReadFrequently: true });
        const frames: number[][] = [];
        const t0 = performance.now();
        const step = () => {
          if (source && g) {
            g.drawImage(source, 0, 0, 64, 64);
            const d = g.getImageData(0, 0, 64, 64).data;
            const blocks = new Array<number>(64).fill(0);
            for (let y = 0; y < 64; y++)
              for (let x = 0; x < 64; x++) {
                const k = (y * 64 + x) * 4;
                blocks[Math.floor(y / 8) * 8 + Math.floor(x / 8)] += (d[k] + d[k + 1] + d[k + 2]) / 3 / 64;
              }
            frames.push(blocks);
          }
          const elapsed = performance.now() - t0;
          // At least `ms` and 8 frames; a starved renderer is given up to 20 s to show them.
          if ((elapsed < ms || frames.length < 8) && elapsed < 20_000) requestAnimationFrame(step);
          else resolve({ frames, seconds: (performance.now() - t0) / 1000 });
        };
        requestAnimationFrame(step);
      }),
    { view, ms },
  );
}

test('pulsed fluoroscopy at 15 p/s holds the last image between pulses: no general flash (WCAG 2.3.1)', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await preserveWebglBuffers(page);
  await resumeAt(page, 'axe-flash', cutAt(TEXTBOOK, 43), 'access');
  const modeBadge = page.getByTestId('fluoro-mode');
  for (let i = 0; i < 6 && (await modeBadge.textContent()) !== 'Pulsed 15 p/s'; i++) {
    const before = await modeBadge.textContent();
    await page.keyboard.press('m');
    await expect(modeBadge).not.toHaveText(before ?? '');
  }
  await expect(modeBadge).toHaveText('Pulsed 15 p/s');
  const view = (await page.getByTestId('carm-view').textContent()) as View;
  const shots = page.getByTestId(`dose-shots-${view}`);
  const before = Number((await shots.textContent())?.replace(/\D/g, ''));
  await page.keyboard.down('Space');
  try {
    // Past the first pulse, read the live monitor at every animation frame for 1.5 s (longer if a
    // busy software renderer gives fewer than 8 frames in that time).
    await expect
      .poll(async () => Number((await shots.textContent())?.replace(/\D/g, '')), { timeout: 10_000 })
      .toBeGreaterThan(before);
    const { frames: samples, seconds } = await sampleMonitor(page, view, 1_500);
    await expect(page.getByTestId(`xray-${view}`)).toHaveAttribute('data-live', 'true');
    // A large transition: a quarter of the picture or more changes by a tenth of full scale (WCAG's
    // general flash: a 10 % change in luminance over a large part of the field).
    // A refresh: the picture moved at all (a new pulse, its fresh mottle), which shows the pulses ran.
    let transitions = 0;
    let refreshes = 0;
    for (let k = 1; k < samples.length; k++) {
      const meanShift = samples[k].reduce((a, m, b) => a + Math.abs(m - samples[k - 1][b]), 0) / samples[k].length;
      if (meanShift > 0.05) refreshes++;
      const changed = samples[k].filter((m, b) => Math.abs(m - samples[k - 1][b]) >= 25.5).length;
      if (changed >= samples[k].length / 4) transitions++;
    }
    console.log(
      `pulsed 15 p/s: ${samples.length} frames over ${seconds.toFixed(2)} s, ${transitions} large transitions, ${refreshes} refreshes`,
    );
    expect(samples.length).toBeGreaterThanOrEqual(4);
    // A pulse refreshed the picture between frames (the pulses ran), and still no flash.
    expect(refreshes).toBeGreaterThan(0);
    expect(transitions / Math.max(1, seconds)).toBeLessThanOrEqual(3);
  } finally {
    await page.keyboard.up('Space');
  }
});

test('debrief with its plots and the replay viewer', async ({ page }) => {
  test.setTimeout(6 * 60_000);
  await seed(page, 'axe-debrief', TEXTBOOK, 'finished');
  await page.goto('/?seed=42');
  await page.getByTestId('trainee-name').fill('Dr Axe');
  await page.getByTestId('trainee-name').blur();
  await page.keyboard.press('h');
  const row = page.locator('[data-testid="history-row"][data-record-id="axe-debrief"]');
  await expect(row).toHaveAttribute('data-status', 'finished');
  await axeCheck(page, 'history with an attempt');
  await row.getByTestId('history-open').click();
  await expect(page.getByTestId('replay-viewer')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('expert-comparison')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  // The vital signs' hidden tables hold a row a second for the whole attempt (thousands of cells of
  // plain numbers, one markup per row): their captions and headers are scanned, not every row, which
  // would take axe minutes on a software-rendered browser.
  await axeCheck(page, 'debrief', ['[data-testid="vitals-table"] tbody', '[data-testid="vitals-events-table"] tbody']);
});

test.describe('lab mode and the instructor screens, against the real lab server', () => {
  const lab = new LabServerHarness('kyphosim-axe-e2e-', 'e2e-axe-secret-0123456789abcdef0123456789ab');
  test.beforeAll(async () => {
    test.setTimeout(5 * 60_000);
    await lab.setUp([['ines', 'instructor', 'Dr Ines Instructor']]);
  });
  test.afterAll(async () => {
    await lab.tearDown();
  });
  const open = (browser: Browser) => openLabPage(browser, lab);

  test('sign-in, instructor tabs, the lab debrief and the comparison', async ({ browser }) => {
    test.setTimeout(8 * 60_000);
    const instructor = await open(browser);
    await axeCheck(instructor, 'menu, lab mode');
    await instructor.getByTestId('lab-signin').click();
    const dialog = instructor.getByTestId('signin-dialog');
    await expect(dialog).toBeVisible();
    await axeCheck(instructor, 'sign-in dialog');
    await dialog.getByLabel('Username').fill('ines');
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByLabel('Password').press('Enter');
    await expect(dialog).toHaveCount(0);
    await axeCheck(instructor, 'menu, instructor signed in');

    await instructor.keyboard.press('i');
    await expect(instructor.getByTestId('instructor')).toHaveAttribute('data-tab', 'cohorts');
    await instructor.getByLabel('New cohort name').fill('Axe cohort');
    await instructor.getByLabel('New cohort name').press('Enter');
    const code = (await instructor.getByTestId('created-join-code').textContent())?.trim() ?? '';
    expect(code).not.toBe('');
    const ana = await open(browser);
    await joinCohort(ana, code, 'ana', 'Dr Ana Resident');
    await axeCheck(instructor, 'instructor, cohorts');

    await instructor.getByTestId('instructor-tab-assignments').click();
    await expect(instructor.getByTestId('instructor')).toHaveAttribute('data-tab', 'assignments');
    await instructor.getByLabel('Title').fill('Axe week');
    await instructor.getByTestId('assignment-scenario-l1-osteoporotic-wedge').check();
    await instructor.getByTestId('assignment-seed').fill('42');
    await instructor.getByTestId('assignment-attempts').fill('3');
    await axeCheck(instructor, 'instructor, assignment form');
    await instructor.getByTestId('create-assignment').click();
    const row = instructor.getByTestId('assignment-row');
    await expect(row).toHaveCount(1);
    await axeCheck(instructor, 'instructor, assignments');
    const assignmentId = (await row.getAttribute('data-assignment-id')) ?? '';
    await ana.reload();
    await expect(ana.getByTestId('lab-panel')).toHaveAttribute('data-mode', 'lab', { timeout: 30_000 });
    await axeCheck(ana, 'menu, trainee with an assignment');

    // Ana's two attempts, sent as a station sends them: the breach, then the textbook.
    for (const name of ['medial-breach-kyphoplasty-l1-seed42', 'textbook-kyphoplasty-l1-seed42']) {
      const start = await api(ana, 'POST', `/api/assignments/${assignmentId}/start`, {
        scenarioId: 'l1-osteoporotic-wedge',
        station: 'Bench 1',
      });
      expect(start.status, JSON.stringify(start.json)).toBe(201);
      const attempt = JSON.parse(readFileSync(`tests/fixtures/golden/${name}.json`, 'utf8')).attempt;
      const put = await api(ana, 'PUT', `/api/attempts/${start.json.attemptId}`, {
        status: 'finished',
        station: 'Bench 1',
        attempt,
      });
      expect(put.status, JSON.stringify(put.json)).toBe(200);
    }

    await instructor.getByTestId('instructor-tab-results').click();
    const dashboard = instructor.getByTestId('dashboard');
    await expect
      .poll(
        async () => {
          await instructor.getByTestId('results-reload').click();
          await expect(dashboard).toBeVisible();
          return dashboard
            .getByTestId('result-cell')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
        },
        { timeout: 180_000, intervals: [3_000] },
      )
      .toEqual(['passed']);
    await axeCheck(instructor, 'instructor, results');

    const anaRow = dashboard.locator('[data-testid="dashboard-row"][data-trainee="ana"]');
    await anaRow.getByTestId('open-best').click();
    await expect(instructor.getByTestId('debrief')).toBeVisible({ timeout: 120_000 });
    await expect(instructor.getByTestId('film-building')).toHaveCount(0, { timeout: 120_000 });
    await axeCheck(instructor, 'lab debrief with the rating form');
    await instructor.getByTestId('back-to-menu').click();
    await expect(instructor.getByTestId('instructor')).toHaveAttribute('data-tab', 'results');

    await anaRow.getByTestId('compare-first-last').click();
    await expect(instructor.getByTestId('compare')).toBeVisible({ timeout: 120_000 });
    await expect(instructor.locator('.compare-timeline svg').first()).toBeVisible({ timeout: 120_000 });
    await axeCheck(instructor, 'compare');
  });

  test("the live viewer of a station's attempt, with a note sent", async ({ browser }) => {
    test.setTimeout(4 * 60_000);
    // A trainee of the instructor's cohort, whose station has uploaded an attempt in progress at
    // the balloon step (the golden attempt cut there, sent as a station's autosave sends it).
    const instructor = await open(browser);
    await signIn(instructor, 'ines');
    const cohort = await api(instructor, 'POST', '/api/cohorts', { name: 'Axe live cohort' });
    expect(cohort.status, JSON.stringify(cohort.json)).toBe(201);
    const made = await api(instructor, 'POST', '/api/users', {
      username: 'wes',
      displayName: 'Dr Wes Resident',
      password: PASSWORD,
      role: 'trainee',
      cohortId: cohort.json.id,
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const station = await open(browser);
    await signIn(station, 'wes');
    const attemptId = randomUUID();
    const put = await api(station, 'PUT', `/api/attempts/${attemptId}`, {
      status: 'in-progress',
      station: 'Bench 2',
      attempt: cutAt(TEXTBOOK, 100),
    });
    expect(put.status, JSON.stringify(put.json)).toBe(200);

    await instructor.goto(`${lab.url}/?watch=${attemptId}`);
    const viewer = instructor.getByTestId('live-screen');
    await expect(viewer).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await expect(viewer).toContainText('Watching Dr Wes Resident');
    await expect(instructor.getByTestId('xray-AP')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await instructor.getByTestId('live-note-text').fill('Check the lateral before you inflate.');
    await instructor.getByTestId('live-send-note').click();
    await expect(instructor.getByTestId('live-sent')).toContainText('Check the lateral before you inflate.');
    await axeCheck(instructor, 'live viewer');
  });
});

test.afterAll(() => {
  // An allow-listed rule that no scan met any more is stale. Set AXE_PARTIAL=1 when running only some
  // of these tests (--grep), which cannot meet them all.
  if (process.env.AXE_PARTIAL) return;
  const stale = Object.keys(AXE_ALLOW_LIST).filter((id) => !allowListedSeen.has(id));
  expect(stale, 'allow-listed axe rules that no scan met: remove them from axeAllowList.ts').toEqual([]);
});
