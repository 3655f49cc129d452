import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';

/**
 * Plays a whole unipedicular kyphoplasty of the L1 case through the real UI, keyboard only,
 * reading the state from data-testid / data-phase attributes (never fixed sleeps), and
 * screenshots the X-ray monitors along the way. Practice mode, pinned seed.
 */

const SEED = 42;
const SHOTS_DIR = 'test-results';

type View = 'AP' | 'lateral';

const phaseHeader = (page: Page) => page.getByTestId('phase');

async function num(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/[^0-9.+-]/g, ''));
}

/** Press Enter until the phase header shows `to` (the machine may refuse while a step is unfinished). */
async function nextPhase(page: Page, to: string): Promise<void> {
  const header = phaseHeader(page);
  await expect(header).toHaveAttribute('data-can-advance', 'true', { timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('data-phase', to, { timeout: 10_000 });
}

/** Swing the C-arm to a view (a single-plane swing takes ~20 s of sim time), then wait until it is there. */
async function swing(page: Page, view: View): Promise<void> {
  await page.keyboard.press(view === 'AP' ? 'a' : 'l');
  await expect(page.getByTestId('carm-view')).toHaveText(view, { timeout: 60_000 });
}

/** Swing to a view, hold the pedal until one more image of that view is counted, release. */
async function shot(page: Page, view: View): Promise<void> {
  await swing(page, view);
  const before = await num(page, `dose-shots-${view}`);
  await page.keyboard.down('Space');
  await expect.poll(() => num(page, `dose-shots-${view}`), { timeout: 10_000 }).toBeGreaterThan(before);
  await page.keyboard.up('Space');
  // Store it (K): the other monitor shows the last stored image of this view, and the debrief lists it.
  const stored = await num(page, `dose-stored-${view}`);
  await page.keyboard.press('k');
  await expect.poll(() => num(page, `dose-stored-${view}`), { timeout: 10_000 }).toBeGreaterThan(stored);
}

async function snapMonitors(page: Page, label: string): Promise<void> {
  for (const view of ['AP', 'lateral'] as const) {
    await page.getByTestId(`xray-${view}`).screenshot({ path: `${SHOTS_DIR}/xray-${label}-${view}.png` });
  }
}

/** Turn the trocar to the practice hint's ideal angles with the arrow keys (1 degree per press). */
async function aimAtIdeal(page: Page): Promise<void> {
  const hint = page.getByTestId('hint');
  await expect(hint).toHaveAttribute('data-ideal-medial', /.+/);
  const idealMedial = Number(await hint.getAttribute('data-ideal-medial'));
  const idealCaudal = Number(await hint.getAttribute('data-ideal-caudal'));
  const dMedial = Math.round(idealMedial - (await num(page, 'trocar-medial')));
  const dCaudal = Math.round(idealCaudal - (await num(page, 'trocar-caudal')));
  for (let i = 0; i < Math.abs(dMedial); i++) await page.keyboard.press(dMedial > 0 ? 'ArrowRight' : 'ArrowLeft');
  for (let i = 0; i < Math.abs(dCaudal); i++) await page.keyboard.press(dCaudal > 0 ? 'ArrowDown' : 'ArrowUp');
  await expect.poll(async () => Math.abs((await num(page, 'trocar-medial')) - idealMedial)).toBeLessThanOrEqual(0.6);
}

test('a full kyphoplasty of the L1 case, keyboard only', async ({ page }) => {
  test.setTimeout(8 * 60_000);
  await page.goto(`/?seed=${SEED}`);

  // Menu: the L1 case is listed and starts with Enter.
  const l1 = page.locator('[data-testid="scenario-item"][data-scenario-id="l1-osteoporotic-wedge"]');
  await expect(l1).toBeVisible();
  while ((await l1.getAttribute('data-selected')) !== 'true') await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  // Case review and pre-op checklists.
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  const items = ['history', 'imaging', 'candidacy', 'consent', 'labs', 'antibiotics', 'anaesthesia', 'timeOut'];
  const tick = async (index: number) => {
    const item = page.getByTestId(`checklist-${items[index]}`);
    await expect(async () => {
      if ((await item.getAttribute('data-done')) !== 'true') await page.keyboard.press(String(index + 1));
      await expect(item).toHaveAttribute('data-done', 'true', { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  };
  for (const i of [0, 1, 2]) await tick(i);
  await nextPhase(page, 'preOp');
  for (const i of [3, 4, 5, 6, 7]) await tick(i);
  await nextPhase(page, 'positioning');

  // Help overlay opens and closes from the keyboard.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();

  await page.keyboard.press('p');
  await nextPhase(page, 'cArmSetup');

  // C-arm: pulsed 7.5 p/s, then a true AP and lateral image. Sim time runs x4 from here so
  // that single-plane C-arm swings (20 s each) do not dominate the test's wall time.
  await expect(page.getByTestId('xray-AP')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  for (const speed of ['time ×2', 'time ×4']) {
    await page.keyboard.press('f');
    await expect(page.getByTestId('time-speed')).toHaveText(speed);
  }
  const modeBadge = page.getByTestId('fluoro-mode');
  for (let i = 0; i < 5 && (await modeBadge.textContent()) !== 'Pulsed 7.5 p/s'; i++) {
    const before = await modeBadge.textContent();
    await page.keyboard.press('m');
    await expect(modeBadge).not.toHaveText(before ?? '');
  }
  await expect(modeBadge).toHaveText('Pulsed 7.5 p/s');
  await shot(page, 'AP');
  await shot(page, 'lateral');
  await snapMonitors(page, '1-setup');
  await nextPhase(page, 'access');

  // Access: left entry, local, aim along the ideal trajectory, advance under alternating shots.
  await page.keyboard.press('e');
  await expect(page.getByTestId('trocar-side')).toHaveText('left');
  await page.keyboard.press('n');
  await aimAtIdeal(page);
  await shot(page, 'lateral');
  let view: View = 'AP';
  for (let step = 0; step < 60; step++) {
    if ((await phaseHeader(page).getAttribute('data-can-advance')) === 'true') break;
    const milestone = (await page.getByTestId('trocar-milestone').textContent()) ?? '';
    // Quick through soft tissue, 2 mm at a time in bone.
    await page.keyboard.press(/Outside|soft tissue/.test(milestone) ? 'Shift+W' : 'w');
    if (step % 2 === 1) {
      await shot(page, view);
      view = view === 'AP' ? 'lateral' : 'AP';
    }
  }
  await shot(page, 'AP');
  await shot(page, 'lateral');
  await snapMonitors(page, '2-access');
  await nextPhase(page, 'workingChannel');

  // Working channel: drill 5 mm at a time under lateral shots until the drill reaches the anterior third.
  const milestone = page.getByTestId('trocar-milestone');
  for (let i = 0; i < 6 && (await milestone.textContent()) !== 'In the target zone'; i++) {
    await page.keyboard.press('d');
    await expect(phaseHeader(page)).toHaveAttribute('data-can-advance', 'true', { timeout: 60_000 });
    await shot(page, 'lateral');
  }
  await expect(milestone).toHaveText('In the target zone');
  await nextPhase(page, 'balloon');

  // Balloon: insert, inflate in 0.25 mL steps to endplate contact or 200 psi, deflate, remove.
  await page.keyboard.press('b');
  await shot(page, 'lateral');
  const feed = page.getByTestId('events-feed');
  for (let i = 0; i < 24; i++) {
    if ((await feed.textContent())?.includes('Balloon against the endplate')) break;
    if ((await num(page, 'balloon-pressure')) >= 200) break;
    const before = await num(page, 'balloon-volume');
    await page.keyboard.press('=');
    await expect.poll(() => num(page, 'balloon-volume')).toBeGreaterThan(before);
  }
  await shot(page, 'lateral');
  await snapMonitors(page, '3-balloon');
  await page.keyboard.press('x');
  await expect.poll(() => num(page, 'balloon-volume'), { timeout: 60_000 }).toBe(0);
  await page.keyboard.press('r');
  await nextPhase(page, 'cement');

  // Cement: mix, wait (30 s steps) for the working phase, inject ~4 mL under lateral fluoroscopy.
  await page.keyboard.press('c');
  for (let i = 0; i < 30; i++) {
    if (((await page.getByTestId('cement-phase').textContent()) ?? '').includes('working')) break;
    const before = Number(await page.getByTestId('sim-time').getAttribute('data-time-s'));
    await page.keyboard.press('t');
    await expect
      .poll(async () => Number(await page.getByTestId('sim-time').getAttribute('data-time-s')))
      .toBeGreaterThanOrEqual(before + 30);
  }
  await expect(page.getByTestId('cement-phase')).toContainText('working');
  await swing(page, 'lateral');
  await page.keyboard.down('Space');
  // 0.5 mL at a time; each push is delivered at a rate set by the viscosity, so wait for it.
  for (let i = 0; i < 12 && (await num(page, 'cement-inbody')) < 4; i++) {
    if ((await num(page, 'cement-leaked')) > 0) break;
    const before = await num(page, 'cement-injected');
    await page.keyboard.press('v');
    await expect.poll(() => num(page, 'cement-injected'), { timeout: 60_000 }).toBeGreaterThanOrEqual(before + 0.49);
  }
  await page.keyboard.up('Space');
  await page.keyboard.press('z');
  expect(await num(page, 'cement-inbody')).toBeGreaterThan(3);
  await page.screenshot({ path: `${SHOTS_DIR}/procedure-cement.png` });
  await shot(page, 'AP');
  await snapMonitors(page, '4-cement');
  await nextPhase(page, 'instrumentRemoval');

  await page.keyboard.press('u');
  await nextPhase(page, 'finalImages');
  await shot(page, 'AP');
  await shot(page, 'lateral');
  await snapMonitors(page, '5-final');
  await page.screenshot({ path: `${SHOTS_DIR}/procedure-final.png`, fullPage: true });
  await nextPhase(page, 'recovery');

  await page.keyboard.press('h');
  await expect(phaseHeader(page)).toHaveAttribute('data-can-advance', 'true');
  await page.keyboard.press('Enter');

  // Debrief: a score, and the attempt file downloads with D.
  const total = page.getByTestId('debrief-total');
  await expect(total).toBeVisible({ timeout: 30_000 });
  const score = Number(await total.textContent());
  await expect(page.getByTestId('stored-image').first()).toBeVisible();
  expect(score).toBeGreaterThanOrEqual(0);
  expect(score).toBeLessThanOrEqual(100);
  await page.screenshot({ path: `${SHOTS_DIR}/debrief.png`, fullPage: true });
  const download = page.waitForEvent('download');
  await page.keyboard.press('d');
  const file = await download;
  expect(file.suggestedFilename()).toBe(`attempt-l1-osteoporotic-wedge-${SEED}.json`);

  // The downloaded attempt replays headless, in Node, to the very score the browser showed.
  const attemptPath = `${SHOTS_DIR}/${file.suggestedFilename()}`;
  await file.saveAs(attemptPath);
  const replayed = JSON.parse(execFileSync('npx', ['tsx', 'sim/cli.ts', 'replay', attemptPath], { encoding: 'utf8' }));
  expect(replayed.score.total).toBe(Number(await total.getAttribute('data-total')));
  expect(Math.round(replayed.score.total)).toBe(score);
  expect(replayed.metrics).toEqual(JSON.parse((await page.getByTestId('debrief-metrics').getAttribute('data-metrics')) ?? '{}'));
  expect(replayed.metrics.finished).toBe(true);
});
