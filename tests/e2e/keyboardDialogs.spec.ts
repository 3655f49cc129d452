import { expect, type Page, test } from '@playwright/test';
import { openL1AtCArmSetup } from './playHelpers';

/**
 * Keyboard and dialogs for WCAG 2.2 AA, in real Chromium: every dialog opened by its key takes the
 * focus, keeps Tab and Shift+Tab inside, closes on Esc and gives the focus back (2.4.3, 2.1.2); the
 * help and the settings stop the sim clock, in an exam too (2.2.1); F1 opens the key help on every
 * screen, from a text field too; Esc asks before leaving a case; a remapped key survives a reload
 * and a key in use is refused with a sentence (2.1.4); a pedal moved to another key exposes while
 * that key is held and lets go when the window loses focus, so the beam never stays on unwatched.
 */

const SCENARIO = 'l1-osteoporotic-wedge';

/** Whether the focused element is inside the element with this test id. */
const focusInside = (page: Page, testId: string) =>
  page.evaluate((id) => {
    const root = document.querySelector(`[data-testid="${id}"]`);
    return root?.contains(document.activeElement) === true;
  }, testId);

/** Tab forwards and backwards round the dialog: the focus never leaves it. */
async function tabStaysInside(page: Page, testId: string, presses: number): Promise<void> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInside(page, testId), `Tab ${i + 1}`).toBe(true);
  }
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInside(page, testId), `Shift+Tab ${i + 1}`).toBe(true);
  }
}

/** F1 opens the help over the current screen, with the focus in it; Esc closes it. */
async function helpOpensAndCloses(page: Page): Promise<void> {
  const help = page.getByTestId('help-overlay');
  await page.keyboard.press('F1');
  await expect(help).toBeVisible();
  expect(await focusInside(page, 'help-overlay')).toBe(true);
  await tabStaysInside(page, 'help-overlay', 3);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
}

const simSeconds = async (page: Page) => Number(await page.getByTestId('sim-time').getAttribute('data-time-s'));

async function startCase(page: Page, mode: 'practice' | 'exam'): Promise<void> {
  const item = page.locator(`[data-testid="scenario-item"][data-scenario-id="${SCENARIO}"]`);
  await expect(item).toBeVisible();
  for (let i = 0; i < 40 && (await item.getAttribute('data-selected')) !== 'true'; i++)
    await page.keyboard.press('ArrowDown');
  const modeButton = page.getByTestId(`mode-${mode}`);
  if ((await modeButton.getAttribute('aria-checked')) !== 'true') await page.keyboard.press('m');
  await expect(modeButton).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('procedure')).toHaveAttribute('data-mode', mode, { timeout: 30_000 });
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
}

test('F1 opens the key help on the menu, the history, the editor, a case and its debrief', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await page.goto('/?seed=42');
  await expect(page.locator('[data-testid="scenario-item"]').first()).toBeVisible();

  // The menu: from the page, and from the name field (F1 types nothing); the focus goes back there.
  await helpOpensAndCloses(page);
  const name = page.getByTestId('trainee-name');
  await name.focus();
  await page.keyboard.press('F1');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  expect(await focusInside(page, 'help-overlay')).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  await expect(name).toBeFocused();
  await page.locator('body').click();

  // The history and the editor.
  await page.keyboard.press('h');
  await expect(page.getByTestId('history')).toBeVisible();
  await helpOpensAndCloses(page);
  await page.keyboard.press('m');
  await expect(page.locator('[data-testid="scenario-item"]').first()).toBeVisible();
  await page.keyboard.press('e');
  await expect(page.getByTestId('editor')).toBeVisible();
  await page.locator('body').click();
  await helpOpensAndCloses(page);
  await page.goto('/?seed=42');

  // A case (its own F1), then its debrief: declined at case review, the quickest way to one.
  await startCase(page, 'practice');
  await helpOpensAndCloses(page);
  await page.goto('/?seed=42');
  const item = page.locator('[data-testid="scenario-item"][data-scenario-id="t11-warfarin-uncorrected-inr"]');
  await expect(item).toBeVisible();
  for (let i = 0; i < 40 && (await item.getAttribute('data-selected')) !== 'true'; i++)
    await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await page.keyboard.press('Shift+N');
  await page.getByRole('radio', { name: /Uncorrected coagulopathy/ }).check();
  await page.getByTestId('decline-confirm').click();
  await expect(page.getByTestId('debrief')).toBeVisible({ timeout: 30_000 });
  await helpOpensAndCloses(page);
});

test('help and settings take the focus, trap Tab, close on Esc, give the focus back and stop the exam clock', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await page.goto('/?seed=42');
  await startCase(page, 'exam');
  const clock = page.getByTestId('time-speed');

  // The clock runs in the case review.
  const t0 = await simSeconds(page);
  await expect.poll(() => simSeconds(page), { timeout: 10_000 }).toBeGreaterThan(t0);

  // A control outside the dialogs has the focus first, so its return can be seen.
  const menuButton = page.getByRole('button', { name: 'Menu' });
  await menuButton.focus();

  // Help (F1): ~2.5 s of wall time, and not a sim second passes.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  expect(await focusInside(page, 'help-overlay')).toBe(true);
  await expect(clock).toHaveText('paused');
  const atHelp = await simSeconds(page);
  await page.waitForTimeout(2500);
  expect(await simSeconds(page)).toBe(atHelp);
  await tabStaysInside(page, 'help-overlay', 3);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  await expect(menuButton).toBeFocused();
  await expect(clock).toHaveText('time ×1');
  await expect.poll(() => simSeconds(page), { timeout: 10_000 }).toBeGreaterThan(atHelp);

  // Settings (G): the same, with its many controls.
  await page.keyboard.press('g');
  const settings = page.getByTestId('settings');
  await expect(settings).toBeVisible();
  expect(await focusInside(page, 'settings')).toBe(true);
  await expect(clock).toHaveText('paused');
  const atSettings = await simSeconds(page);
  await page.waitForTimeout(2500);
  expect(await simSeconds(page)).toBe(atSettings);
  // Shift+Tab from the first control wraps to the last, Tab from the last back to the first.
  await page.keyboard.press('Shift+Tab');
  expect(await focusInside(page, 'settings')).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focusInside(page, 'settings')).toBe(true);
  await tabStaysInside(page, 'settings', 6);
  // Esc from the station name field closes it too.
  await page.getByTestId('settings-station').focus();
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect(menuButton).toBeFocused();
  await expect.poll(() => simSeconds(page), { timeout: 10_000 }).toBeGreaterThan(atSettings);

  // Esc asks before leaving: focus on Stay, Tab stays inside, Esc stays in the case (and the focus
  // comes back); Leave in an exam abandons the attempt (examAbandon.spec.ts checks the record).
  await page.keyboard.press('Escape');
  const leave = page.getByTestId('leave-dialog');
  await expect(leave).toBeVisible();
  await expect(page.getByTestId('leave-stay')).toBeFocused();
  await expect(page.getByTestId('leave-question')).toContainText('Abandon this exam attempt?');
  await page.screenshot({ path: 'test-results/leave-dialog.png' });
  await expect(clock).toHaveText('paused');
  await tabStaysInside(page, 'leave-dialog', 4);
  await page.keyboard.press('Escape');
  await expect(leave).toBeHidden();
  await expect(menuButton).toBeFocused();
  await expect(page.getByTestId('procedure')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(leave).toBeVisible();
  await page.getByTestId('leave-confirm').click();
  await expect(page.getByTestId('record-panel')).toBeVisible();
});

test('a remapped key is refused when in use, kept after a reload and used; the old key does nothing', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await page.goto('/?seed=42');
  await startCase(page, 'practice');

  await page.keyboard.press('g');
  await expect(page.getByTestId('settings')).toBeVisible();
  const change = page.getByTestId('remap-change-checklist.history');
  // W is taken: refused, naming what has it.
  await change.click();
  await expect(change).toHaveText('Press a key…');
  await page.keyboard.press('w');
  await expect(page.getByTestId('key-outcome')).toHaveText(
    'W is already used (Advance 2 mm): change or turn off that key first.',
  );
  await expect(page.getByTestId('remap-key-checklist.history')).toHaveText('1');
  // F4 is free: taken.
  await change.click();
  await page.keyboard.press('F4');
  await expect(page.getByTestId('remap-key-checklist.history')).toHaveText('F4');
  await expect(page.getByTestId('key-outcome')).toContainText('F4 now does');
  await page.screenshot({ path: 'test-results/settings-keys.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toBeHidden();

  // After a reload (a new case: the old one is offered for resume), F4 ticks the history, 1 does not.
  await page.reload();
  await startCase(page, 'practice');
  await page.keyboard.press('1');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('checklist-history')).toHaveAttribute('data-done', 'false');
  await page.keyboard.press('F4');
  await expect(page.getByTestId('checklist-history')).toHaveAttribute('data-done', 'true');
  // The help lists the new key.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('help-overlay')).toContainText('F4');
  await page.keyboard.press('Escape');

  // The pedal takes a free key too (its use and its release on blur: the next test); Reset all undoes the keys.
  await page.keyboard.press('g');
  await page.getByTestId('pedal-change').click();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('pedal-key')).toHaveText('F8');
  await page.getByTestId('keys-reset-all').click();
  await expect(page.getByTestId('remap-key-checklist.history')).toHaveText('1');
  await page.keyboard.press('Escape');
});

test('a remapped pedal exposes while its key is held, lets go when the window loses focus, and Space no longer exposes', async ({
  page,
}) => {
  test.setTimeout(4 * 60_000);
  await page.goto('/?seed=42');
  await openL1AtCArmSetup(page);

  // The pedal moved to F8 in the settings.
  await page.keyboard.press('g');
  await expect(page.getByTestId('settings')).toBeVisible();
  await page.getByTestId('pedal-change').click();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('pedal-key')).toHaveText('F8');
  await expect(page.getByTestId('key-outcome')).toHaveText('The fluoro pedal is now F8.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toBeHidden();
  // No button keeps the focus (Space on a focused button presses it, which is no pedal).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

  // The beam, as the screen shows it: the pedal button lit, the dose panel's X-RAY ON, the monitor live.
  const pedal = page.getByTestId('action-fluoro.pedal');
  await expect(pedal).toContainText('F8');
  const view = await page.getByTestId('carm-view').textContent();
  const beamOn = async () => ({
    pedal: /(^|\s)on(\s|$)/.test((await pedal.getAttribute('class')) ?? ''),
    badge: (await page.getByTestId('dose-panel').locator('.badge.beam-on').count()) > 0,
    monitor: (await page.getByTestId(`xray-${view}`).getAttribute('data-live')) === 'true',
  });
  const ON = { pedal: true, badge: true, monitor: true };
  const OFF = { pedal: false, badge: false, monitor: false };
  const fluoroTime = () => page.getByTestId('dose-time').textContent();

  await page.keyboard.down('F8');
  try {
    await expect.poll(beamOn, { timeout: 10_000 }).toEqual(ON);
    // The window loses focus with F8 still down (the trainee switched windows): the beam goes off.
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await expect.poll(beamOn, { timeout: 5_000 }).toEqual(OFF);
    // And stays off while the key is still down (at time x4, 2 s are 8 s of fluoro time it would count).
    const atRelease = await fluoroTime();
    await page.waitForTimeout(2_000);
    expect(await beamOn()).toEqual(OFF);
    expect(await fluoroTime()).toBe(atRelease);
  } finally {
    await page.keyboard.up('F8');
  }

  // The old pedal key, held, exposes nothing.
  const beforeSpace = await fluoroTime();
  await page.keyboard.down('Space');
  try {
    await page.waitForTimeout(2_000);
    expect(await beamOn()).toEqual(OFF);
    expect(await fluoroTime()).toBe(beforeSpace);
  } finally {
    await page.keyboard.up('Space');
  }
  // F8 still works after all that: the pedal was released, not lost.
  await page.keyboard.down('F8');
  try {
    await expect.poll(beamOn, { timeout: 10_000 }).toEqual(ON);
  } finally {
    await page.keyboard.up('F8');
  }
  await expect.poll(beamOn, { timeout: 5_000 }).toEqual(OFF);
});

test("single-key shortcuts outside the procedure can be turned off from the help (WCAG 2.1.4), and it is kept after a reload; the procedure's keys still work", async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await page.goto('/?seed=42');
  await expect(page.locator('[data-testid="scenario-item"]').first()).toBeVisible();
  await page.keyboard.press('F1');
  const toggle = page.getByTestId('character-keys');
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  await page.locator('body').click();

  // Off: H no longer opens the history; ? no longer opens the help (F1 still does).
  await page.keyboard.press('h');
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  await expect(page.getByTestId('history')).toBeHidden();
  await expect(page.locator('[data-testid="scenario-item"]').first()).toBeVisible();

  // Kept after a reload; the menu is still worked by its named keys (the arrows choose a case, Enter starts it).
  await page.reload();
  await expect(page.locator('[data-testid="scenario-item"]').first()).toBeVisible();
  await page.keyboard.press('h');
  await expect(page.getByTestId('history')).toBeHidden();
  await startCase(page, 'practice');
  // The procedure's own keys are remapped one by one in Settings instead: G opens them.
  await page.keyboard.press('g');
  await expect(page.getByTestId('settings')).toBeVisible();
  await page.keyboard.press('Escape');

  // Back on: H opens the history from the menu again.
  await page.goto('/?seed=42');
  await expect(page.locator('[data-testid="scenario-item"]').first()).toBeVisible();
  await page.keyboard.press('F1');
  await page.getByTestId('character-keys').check();
  await page.keyboard.press('Escape');
  await page.locator('body').click();
  await page.keyboard.press('h');
  await expect(page.getByTestId('history')).toBeVisible();
});
