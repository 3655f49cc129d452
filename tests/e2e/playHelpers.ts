import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { ChecklistItem } from '../../sim/core';
import { CASE_REVIEW_ITEMS, PRE_OP_ITEMS } from '../../sim/procedure';
import { createSession } from '../../sim/session';

/**
 * Keyboard moves shared by the browser plays: they read the state from data-testid / data-phase
 * attributes (never fixed sleeps). Keys are those of src/procedure/input/keymap.ts.
 */

export const SEED = 42;
export const SHOTS_DIR = 'test-results';

export type View = 'AP' | 'lateral';

/**
 * The checklist in the order of its number keys 1-8 (src/procedure/input/keymap.ts, which this file
 * cannot import: its imports reach package.json, which Playwright's loader does not read).
 */
const CHECKLIST_KEYS: readonly ChecklistItem[] = [...CASE_REVIEW_ITEMS, ...PRE_OP_ITEMS];

export const phaseHeader = (page: Page) => page.getByTestId('phase');

export async function num(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/[^0-9.+-]/g, ''));
}

/** Press Enter until the phase header shows `to` (the machine may refuse while a step is unfinished). */
export async function nextPhase(page: Page, to: string): Promise<void> {
  const header = phaseHeader(page);
  await expect(header).toHaveAttribute('data-can-advance', 'true', { timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('data-phase', to, { timeout: 10_000 });
}

/** Swing the C-arm to a view (a single-plane swing takes ~20 s of sim time), then wait until it is there. */
export async function swing(page: Page, view: View): Promise<void> {
  await page.keyboard.press(view === 'AP' ? 'a' : 'l');
  await expect(page.getByTestId('carm-view')).toHaveText(view, { timeout: 60_000 });
}

/** Swing to a view, hold the pedal until one more image of that view is counted, release, store it (K). */
export async function shot(page: Page, view: View): Promise<void> {
  await swing(page, view);
  const before = await num(page, `dose-shots-${view}`);
  await page.keyboard.down('Space');
  await expect.poll(() => num(page, `dose-shots-${view}`), { timeout: 10_000 }).toBeGreaterThan(before);
  await page.keyboard.up('Space');
  // Store it: the other monitor shows the last stored image of this view, and the debrief lists it.
  const stored = await num(page, `dose-stored-${view}`);
  await page.keyboard.press('k');
  await expect.poll(() => num(page, `dose-stored-${view}`), { timeout: 10_000 }).toBeGreaterThan(stored);
}

export async function snapMonitors(page: Page, label: string): Promise<void> {
  for (const view of ['AP', 'lateral'] as const) {
    await page.getByTestId(`xray-${view}`).screenshot({ path: `${SHOTS_DIR}/xray-${label}-${view}.png` });
  }
}

/** Screenshot both monitors and the whole page to test-results/<name>-*.png; with UPDATE_DOCS_IMAGES=1 the two monitors also go to docs/images/ (the README shows them). */
export async function saveDocsImages(page: Page, name: string): Promise<void> {
  for (const v of ['AP', 'lateral'] as const) {
    const path = `${SHOTS_DIR}/${name}-${v.toLowerCase()}.png`;
    await page.getByTestId(`xray-${v}`).screenshot({ path });
    copyToDocs(path, `${name}-${v.toLowerCase()}.png`);
  }
  await page.screenshot({ path: `${SHOTS_DIR}/${name}-procedure.png` });
}

/**
 * Copy a screenshot into docs/images only when UPDATE_DOCS_IMAGES=1: the quantum noise is seeded
 * by sim tick, but the game loop follows the wall clock, so each shot falls on a different tick and
 * every run gives new bytes; a plain `npm test` must leave the tree clean.
 */
export function copyToDocs(path: string, docsName: string): void {
  if (process.env.UPDATE_DOCS_IMAGES !== '1') return;
  mkdirSync('docs/images', { recursive: true });
  copyFileSync(path, `docs/images/${docsName}`);
}

/** Turn the trocar to the practice hint's ideal angles with the arrow keys (1 degree per press). */
export async function aimAtIdeal(page: Page): Promise<void> {
  const hint = page.getByTestId('hint');
  await expect(hint).toHaveAttribute('data-ideal-medial', /.+/);
  const idealMedial = Number(await hint.getAttribute('data-ideal-medial'));
  const idealCaudal = Number(await hint.getAttribute('data-ideal-caudal'));
  await aimAt(page, idealMedial, idealCaudal);
}

/** Turn the trocar to given angles with the arrow keys (exam mode has no hint: angles found in practice). */
export async function aimAt(page: Page, idealMedial: number, idealCaudal: number): Promise<void> {
  const dMedial = Math.round(idealMedial - (await num(page, 'trocar-medial')));
  const dCaudal = Math.round(idealCaudal - (await num(page, 'trocar-caudal')));
  for (let i = 0; i < Math.abs(dMedial); i++) await page.keyboard.press(dMedial > 0 ? 'ArrowRight' : 'ArrowLeft');
  for (let i = 0; i < Math.abs(dCaudal); i++) await page.keyboard.press(dCaudal > 0 ? 'ArrowDown' : 'ArrowUp');
  await expect.poll(async () => Math.abs((await num(page, 'trocar-medial')) - idealMedial)).toBeLessThanOrEqual(0.6);
}

export interface CaseChoice {
  /** Scenario id (levels/*.json); the L1 kyphoplasty case by default. */
  readonly scenarioId?: string;
  /** Training mode chosen on the menu (M toggles it); practice by default. */
  readonly mode?: 'practice' | 'exam';
}

/**
 * Open a case from the menu (the L1 case in practice mode unless told otherwise), do both
 * checklists, position prone and take a true AP and lateral at pulsed 7.5 p/s, time x4.
 */
export async function playToAccess(page: Page, choice: CaseChoice = {}): Promise<void> {
  const { scenarioId = 'l1-osteoporotic-wedge', mode = 'practice' } = choice;
  // An exam hides "step complete": its play presses Enter when its sequence says the step is done.
  const next = mode === 'exam' ? stepOn : nextPhase;
  await page.goto(`/?seed=${SEED}`);
  const item = page.locator(`[data-testid="scenario-item"][data-scenario-id="${scenarioId}"]`);
  await expect(item).toBeVisible();
  while ((await item.getAttribute('data-selected')) !== 'true') await page.keyboard.press('ArrowDown');
  const modeButton = page.getByTestId(`mode-${mode}`);
  if ((await modeButton.getAttribute('aria-checked')) !== 'true') await page.keyboard.press('m');
  await expect(modeButton).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('procedure')).toHaveAttribute('data-mode', mode, { timeout: 30_000 });

  await expect(phaseHeader(page)).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await tickChecklist(page, CASE_REVIEW_ITEMS);
  await next(page, 'preOp');
  await tickChecklist(page, PRE_OP_ITEMS);
  await next(page, 'positioning');

  // Help overlay opens and closes from the keyboard.
  const help = page.getByTestId('help-overlay');
  await page.keyboard.press('F1');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // With the pointer: a click on the card leaves it open, a click outside the card closes it.
  await page.keyboard.press('F1');
  await help.locator('.overlay-card h2').click();
  await expect(help).toBeVisible();
  await help.click({ position: { x: 5, y: 5 } });
  await expect(help).toBeHidden();

  await page.keyboard.press('p');
  await next(page, 'cArmSetup');

  await setUpCArm(page, scenarioId, mode);
  await snapMonitors(page, '1-setup');
  await next(page, 'access');
}

/**
 * Tick checklist items with their number keys (1-8) until each shows done. The checklist is what the
 * trainee ticked, so it shows in an exam too.
 */
export async function tickChecklist(page: Page, items: readonly ChecklistItem[]): Promise<void> {
  for (const name of items) {
    const item = page.getByTestId(`checklist-${name}`);
    await expect(async () => {
      if ((await item.getAttribute('data-done')) !== 'true')
        await page.keyboard.press(String(CHECKLIST_KEYS.indexOf(name) + 1));
      await expect(item).toHaveAttribute('data-done', 'true', { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  }
}

/**
 * C-arm set-up: sim time x4 (single-plane swings take 20 s each), pulsed 7.5 p/s, the fractured
 * level centred and the skin marked, an AP and a lateral taken and stored. Reads only the time
 * badge, the dose panel and the events feed, which an exam shows too.
 */
export async function setUpCArm(
  page: Page,
  scenarioId: string,
  mode: 'practice' | 'exam',
  seed: number = SEED,
  /** Run at each view before its image (an exam play aligns and collimates there). */
  beforeShot?: (view: View) => Promise<void>,
): Promise<void> {
  // Sim time runs x4 from here so that single-plane C-arm swings (20 s each) do not dominate the wall time.
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
  await localise(page, scenarioId, mode, seed);
  for (const view of ['AP', 'lateral'] as const) {
    if (beforeShot) {
      await swing(page, view);
      await beforeShot(view);
    }
    await shot(page, view);
  }
}

/**
 * Exam-safe next step: press Enter once, when the play's fixed sequence says the step is done, and
 * expect the phase strip to move on. It never reads data-can-advance (the "step complete" an exam
 * hides); a refusal leaves the phase where it was, and the status line's words go in the failure.
 */
export async function stepOn(page: Page, to: string): Promise<void> {
  const header = phaseHeader(page);
  await page.keyboard.press('Enter');
  try {
    await expect(header).toHaveAttribute('data-phase', to, { timeout: 15_000 });
  } catch (e) {
    const status = (await page.getByTestId('status').textContent()) ?? '';
    throw new Error(`Enter did not move on to ${to} (status line: "${status}")`, { cause: e });
  }
}

/**
 * Centre the fractured vertebra and mark the skin (Shift+M). The C-arm starts over a seeded level
 * near the fracture; where it starts for this seed comes from the engine itself (the same seed and
 * scenario give the same patient in Node), so the play pans by the keys a trainee who counted
 * would press: 50 mm steps (Shift+PageUp / Shift+PageDown), then 5 mm steps (PageUp / PageDown).
 */
export async function localise(
  page: Page,
  scenarioId: string,
  mode: 'practice' | 'exam',
  seed: number = SEED,
): Promise<void> {
  const scenario = parseScenario(JSON.parse(readFileSync(`levels/${scenarioId}.json`, 'utf8')));
  const { far, near } = localisingPans(scenario, seed, mode);
  for (let i = 0; i < Math.abs(far); i++) await page.keyboard.press(far > 0 ? 'Shift+PageUp' : 'Shift+PageDown');
  for (let i = 0; i < Math.abs(near); i++) await page.keyboard.press(near > 0 ? 'PageUp' : 'PageDown');
  await page.keyboard.press('Shift+M');
  const feed = page.getByTestId('events-feed');
  await expect(feed).toContainText(
    mode === 'practice' ? `over ${scenario.level}, the fractured vertebra` : 'Skin marked',
  );
}

/** The pans that centre the fractured level: `far` 50 mm steps, then `near` 5 mm steps (cranial positive). */
export function localisingPans(
  scenario: Scenario,
  seed: number,
  mode: 'practice' | 'exam',
): { far: number; near: number } {
  const offsetMm = -(createSession(scenario, seed, { mode }).snapshot().carm.panMm ?? 0);
  const far = Math.trunc(offsetMm / 50);
  return { far, near: Math.round((offsetMm - far * 50) / 5) };
}

/**
 * Dock: push by hand, 10 mm at a time (Shift+W), until the tip meets the bone: the push ends there
 * (the events feed says the trocar docked, or that a push stalled on cortex). The tip is then on or
 * just short of the bone.
 */
export async function dock(page: Page): Promise<void> {
  // The feed keeps the dock (or a stall) even when later events follow it.
  const feed = page.getByTestId('events-feed');
  const onBone = async () =>
    /Trocar docked on bone|Hand push stalled on cortical bone/.test((await feed.textContent()) ?? '');
  for (let i = 0; i < 20 && !(await onBone()); i++) {
    const before = await num(page, 'trocar-depth');
    await page.keyboard.press('Shift+W');
    // Wait for the push to run out: 10 mm deeper, or ended on the bone.
    await expect
      .poll(async () => (await onBone()) || (await num(page, 'trocar-depth')) >= before + 9.9, { timeout: 20_000 })
      .toBe(true);
  }
  await expect(feed).toContainText(/Trocar docked on bone|Hand push stalled on cortical bone/);
  await expect(page.getByTestId('trocar-milestone')).toHaveText(/In soft tissue|Docked on bone/);
}

/** One mallet tap (Y): the tap count goes up and the tip moves on (or the tap is spent on cortex). */
export async function tap(page: Page): Promise<void> {
  const taps = await num(page, 'trocar-taps');
  await page.keyboard.press('y');
  await expect.poll(() => num(page, 'trocar-taps')).toBe(taps + 1);
}

/**
 * The monitor of a view as a grey image, read from a screenshot of its element (the WebGL canvas
 * keeps no drawing buffer to read back; the DOM overlay text sits only at the corners). Decoded in
 * the page (an <img> drawn on a 2D canvas), so no PNG decoder is needed in Node.
 */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly grey: Uint8Array;
}

export async function monitorGrey(page: Page, view: View, savePath?: string): Promise<GreyImage> {
  const png = await page.getByTestId(`xray-${view}`).screenshot(savePath ? { path: savePath } : {});
  const r = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const rgba = ctx.getImageData(0, 0, c.width, c.height).data;
    let bin = '';
    for (let i = 0; i < rgba.length; i += 4)
      bin += String.fromCharCode(Math.round((rgba[i] + rgba[i + 1] + rgba[i + 2]) / 3));
    return { width: c.width, height: c.height, grey: btoa(bin) };
  }, png.toString('base64'));
  return { width: r.width, height: r.height, grey: Uint8Array.from(Buffer.from(r.grey, 'base64')) };
}

/** One attempt row of the record database, as the browser stored it. */
export interface SavedAttempt {
  readonly id: string;
  readonly status: string;
  readonly trainee: string;
  readonly simTimeS: number;
  readonly logLength: number;
  /** Checklist items ticked in the saved log. */
  readonly checklistTicks: number;
}

/** Every attempt row of the record database, read with the raw IndexedDB API (what the app really wrote). */
export function savedAttempts(page: Page): Promise<SavedAttempt[]> {
  return page.evaluate(
    () =>
      new Promise<SavedAttempt[]>((resolve, reject) => {
        const open = indexedDB.open('kyphosim-record');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('attempts')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('attempts').objectStore('attempts').getAll();
          req.onsuccess = () => {
            resolve(
              req.result.map((r) => ({
                id: r.id,
                status: r.status,
                trainee: r.trainee,
                simTimeS: r.simTimeS,
                logLength: r.file.log.length,
                checklistTicks: r.file.log.filter(
                  (e: { command: { type: string } }) => e.command.type === 'checklist.tick',
                ).length,
              })),
            );
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/**
 * Menu -> the L1 case -> both checklists -> prone -> the C-arm set-up with the lateral monitor
 * ready and no image taken yet, at time x4 (a single-plane swing takes 20 s of sim time).
 */
export async function openL1AtCArmSetup(page: Page): Promise<void> {
  const item = page.locator('[data-testid="scenario-item"][data-scenario-id="l1-osteoporotic-wedge"]');
  await expect(item).toBeVisible();
  while ((await item.getAttribute('data-selected')) !== 'true') await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await tickChecklist(page, CASE_REVIEW_ITEMS);
  await nextPhase(page, 'preOp');
  await tickChecklist(page, PRE_OP_ITEMS);
  await nextPhase(page, 'positioning');
  await page.keyboard.press('p');
  await nextPhase(page, 'cArmSetup');
  await expect(page.getByTestId('xray-lateral')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  for (const speed of ['time ×2', 'time ×4']) {
    await page.keyboard.press('f');
    await expect(page.getByTestId('time-speed')).toHaveText(speed);
  }
}
