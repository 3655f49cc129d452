import { expect, test, type Page } from '@playwright/test';
import {
  aimAtIdeal,
  dock,
  nextPhase,
  num,
  phaseHeader,
  playToAccess,
  saveDocsImages,
  shot,
  swing,
  tap,
} from './playHelpers';

/**
 * Balloon kyphoplasty in the browser: the L1 case played to the balloon phase with the
 * shared steps, then the balloon inserted, inflated by keyboard in 0.25 mL steps under lateral
 * images (one fine 0.1 mL step and one hold by pointer, from the balloon panel) until endplate
 * contact or the textbook stop, while the manometer, the pressure-volume plot and the anterior
 * height move. Both monitors are screenshotted with the balloon inflated (test-results/balloon-*.png,
 * copied to docs/images/balloon-ap.png and balloon-lateral.png), then it is deflated and removed.
 */

const attr = async (page: Page, testId: string, name: string): Promise<number> =>
  Number(await page.getByTestId(testId).getAttribute(name));

/** Access and working channel as in the full play: left entry, dock, taps to the target zone, exchange, drill. */
async function playToBalloon(page: Page): Promise<void> {
  await playToAccess(page);
  await page.keyboard.press('e');
  await page.keyboard.press('n');
  await aimAtIdeal(page);
  await dock(page);
  for (let i = 0; i < 40 && (await phaseHeader(page).getAttribute('data-can-advance')) !== 'true'; i++) {
    await tap(page);
    if (i % 3 === 2) await shot(page, 'lateral');
  }
  await nextPhase(page, 'workingChannel');
  const stack = page.getByTestId('trocar-instruments');
  for (const expected of ['needle', 'needle+pin', 'pin', 'cannula+pin', 'cannula']) {
    await page.keyboard.press('j');
    await expect(stack).toHaveAttribute('data-stack', expected);
  }
  const idealDepth = Number(await page.getByTestId('hint').getAttribute('data-ideal-depth'));
  await page.keyboard.press(idealDepth - (await num(page, 'trocar-depth')) > 15 ? 'Shift+D' : 'd');
  await shot(page, 'lateral');
  await nextPhase(page, 'balloon');
}

test('balloon: insert, inflate in increments under lateral images to the endplate, both views, deflate, remove', async ({
  page,
}) => {
  test.setTimeout(8 * 60_000);
  await playToBalloon(page);

  const panel = page.getByTestId('balloon-panel');
  await expect(panel).toContainText('Not inserted');
  const preOpAnteriorMm = await attr(page, 'height-anterior', 'data-mm');
  const preOpWedgeDeg = await attr(page, 'wedge-angle', 'data-deg');
  // Before insertion the syringe cannot inflate: its button is off, insertion is on.
  await expect(page.getByTestId('control-balloon.inflate')).toBeDisabled();
  await page.keyboard.press('b');
  await expect(page.getByTestId('status')).toContainText('Balloon inserted');
  await expect(page.getByTestId('balloon-gauge')).toBeVisible();
  await shot(page, 'lateral');

  // Pointer: one fine step from the panel's syringe buttons goes to the log like its key (.).
  await page.getByTestId('control-balloon.inflateFine').click();
  await expect(page.getByTestId('status')).toContainText('Inflate +0.1 mL');
  await expect.poll(() => num(page, 'balloon-volume')).toBeGreaterThanOrEqual(0.1);

  // Keyboard: 0.25 mL per press, then 0.1 mL once the balloon meets the endplate, a lateral image
  // after each; stop at the textbook signs: half the lost height back, 300 psi, the device's maximum volume.
  const maxMl = Number(((await panel.locator('.badge').textContent()) ?? '').match(/max ([\d.]+) mL/)![1]);
  const gauge = page.getByTestId('balloon-gauge');
  const plot = page.getByTestId('balloon-pv');
  const pointsAtStart = await attr(page, 'balloon-pv', 'data-points');
  const pressures: number[] = [];
  const contact = async () => (await page.getByTestId('balloon-endplate').count()) > 0;
  const stopNow = async () =>
    (await num(page, 'height-anterior-regained')) >= 50 ||
    (await num(page, 'balloon-pressure')) >= 300 ||
    (await num(page, 'balloon-volume')) >= maxMl - 0.05;
  for (let i = 0; i < 40 && !(await stopNow()); i++) {
    const before = await num(page, 'balloon-volume');
    const fine = await contact();
    await page.keyboard.press(fine ? '.' : '=');
    await expect.poll(() => num(page, 'balloon-volume')).toBeGreaterThanOrEqual(before + (fine ? 0.09 : 0.24));
    await shot(page, 'lateral');
    pressures.push(Number(await gauge.getAttribute('aria-valuenow')));
  }
  expect(await contact()).toBe(true);
  const volumeMl = await num(page, 'balloon-volume');
  expect(volumeMl).toBeGreaterThan(1);
  expect(await page.getByTestId('balloon-ruptured').count()).toBe(0);

  // The manometer moved (dial and number agree), the P-V plot grew, the heights rose.
  expect(Math.max(...pressures)).toBeGreaterThan(50);
  expect(Number(await gauge.getAttribute('aria-valuenow'))).toBe(await num(page, 'balloon-pressure'));
  expect(await attr(page, 'balloon-pv', 'data-points')).toBeGreaterThan(pointsAtStart + 10);
  await expect(plot).toHaveAttribute('aria-label', /points/);
  expect(await attr(page, 'height-anterior', 'data-mm')).toBeGreaterThan(preOpAnteriorMm + 0.3);
  expect(await attr(page, 'wedge-angle', 'data-deg')).toBeLessThan(preOpWedgeDeg);
  expect(await num(page, 'height-anterior-regained')).toBeGreaterThan(0);

  // Hold from the panel (pointer): 10 s of sim time with the syringe still.
  const t0 = Number(await page.getByTestId('sim-time').getAttribute('data-time-s'));
  await page.getByTestId('control-balloon.hold').click();
  await expect(page.getByTestId('status')).toContainText('Waited 10 s');
  expect(Number(await page.getByTestId('sim-time').getAttribute('data-time-s'))).toBeGreaterThanOrEqual(t0 + 10);

  // Both views with the balloon inflated: a stored AP, then back to a live lateral.
  await shot(page, 'AP');
  await shot(page, 'lateral');
  await saveDocsImages(page, 'balloon');

  // Deflate (X) to empty, remove (R): the phase may then move on to cement.
  await page.keyboard.press('x');
  await expect.poll(() => num(page, 'balloon-volume'), { timeout: 60_000 }).toBe(0);
  await page.keyboard.press('r');
  await expect(page.getByTestId('status')).toContainText('Balloon removed');
  await swing(page, 'lateral');
  await nextPhase(page, 'cement');
});
