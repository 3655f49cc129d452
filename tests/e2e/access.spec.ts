import { expect, test, type Page } from '@playwright/test';
import { aimAtIdeal, dock, num, phaseHeader, playToAccess, saveDocsImages, shot, tap, type View } from './playHelpers';

/**
 * Trocar access in the browser: the skin entry chosen by pointer on the AP image, then
 * by keyboard only: entry, dock by hand on the cortex (the push stalls), mallet taps under
 * alternating AP and lateral shots to the target zone, and both views screenshotted at the end
 * (test-results/access-*.png, copied to docs/images/access-ap.png and access-lateral.png).
 * The two tests share one page, in order: the pointer test leaves the case in the access phase.
 */

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});

test.afterAll(async () => {
  await page.close();
});

test('a click on the AP image chooses the skin entry on that side of the midline', async () => {
  test.setTimeout(4 * 60_000);
  await playToAccess(page);
  // The planned entry (left, default point) is marked on the AP image.
  const marker = page.getByTestId('entry-marker-AP');
  await expect(marker).toBeVisible();
  const screen = page.getByTestId('xray-AP-screen');
  const box = (await screen.boundingBox())!;
  const mark = (await marker.boundingBox())!;
  const fx = (mark.x + mark.width / 2 - box.x) / box.width;
  const fy = (mark.y + mark.height / 2 - box.y) / box.height;
  expect(fx).toBeLessThan(0.5);

  // Click the mirror point across the midline, 8 mm further cranial on the image: the right side,
  // near its default entry. The command goes to the log as needle.entry; the panel shows it.
  const cranialPx = (8 / 230) * 1.67 * box.height;
  await screen.click({ position: { x: (1 - fx) * box.width, y: fy * box.height - cranialPx } });
  await expect(page.getByTestId('trocar-side')).toHaveText('right');
  await expect(page.getByTestId('status')).toContainText('Skin entry right');
  const entryText = (await page.getByTestId('trocar-entry').textContent()) ?? '';
  const [lateralMm, cranialMm] = entryText.match(/-?\d+/g)!.map(Number);
  expect(Math.abs(lateralMm)).toBeLessThanOrEqual(4);
  expect(cranialMm).toBeGreaterThanOrEqual(4);
  expect(cranialMm).toBeLessThanOrEqual(12);
  // The mark follows the entry: it is now on the image's right half (the patient's right).
  await expect.poll(async () => ((await marker.boundingBox())!.x - box.x) / box.width).toBeGreaterThan(0.5);
});

test('keyboard only: choose the entry, dock, tap under alternating AP and lateral shots to the target zone', async () => {
  test.setTimeout(6 * 60_000);
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', 'access');

  // Entry by keyboard: back to the left side (Tab re-sides the set entry at once), then 2 mm steps
  // (Shift+I/K cranial/caudal, Shift+J/L medial/lateral) back to the default point, and E sends it.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('trocar-side')).toHaveText('left');
  const offsets = async () =>
    ((await page.getByTestId('trocar-entry').textContent()) ?? '').match(/-?\d+/g)!.map(Number);
  const [lateralMm, cranialMm] = await offsets();
  for (let c = cranialMm; Math.abs(c) >= 2; c += c > 0 ? -2 : 2)
    await page.keyboard.press(c > 0 ? 'Shift+K' : 'Shift+I');
  for (let l = lateralMm; Math.abs(l) >= 2; l += l > 0 ? -2 : 2)
    await page.keyboard.press(l > 0 ? 'Shift+J' : 'Shift+L');
  await expect.poll(async () => (await offsets()).every((mm) => Math.abs(mm) <= 1)).toBe(true);
  await page.keyboard.press('e');
  await expect(page.getByTestId('status')).toContainText('Skin entry left');
  await page.keyboard.press('n');
  await aimAtIdeal(page);

  // Dock: hand pushes through the soft tissue until the push stalls on the cortex.
  await shot(page, 'lateral');
  await dock(page);
  // The push meets the pedicle's cortical cap head-on (the posterior elements leave its entry clear): docked.
  await expect(page.getByTestId('events-feed')).toContainText('Trocar docked on bone');
  const dockedDepth = await num(page, 'trocar-depth');

  // Bone: mallet taps, two between shots, alternating AP and lateral, until the target zone.
  const milestone = page.getByTestId('trocar-milestone');
  let view: View = 'AP';
  for (let step = 0; step < 40 && (await milestone.textContent()) !== 'In the target zone'; step++) {
    await tap(page);
    if (step % 2 === 1) {
      await shot(page, view);
      view = view === 'AP' ? 'lateral' : 'AP';
    }
  }
  await expect(milestone).toHaveText('In the target zone');
  await expect(page.getByTestId('events-feed')).toContainText('Tip in the target zone');
  await expect(page.getByTestId('trocar-breaches')).toHaveText('No breach');
  expect(await num(page, 'trocar-depth')).toBeGreaterThan(dockedDepth + 15);
  expect(await num(page, 'trocar-taps')).toBeGreaterThan(3);

  // Final pair: AP then lateral, both stored, so each monitor shows its view with the trocar in the body.
  await shot(page, 'AP');
  await shot(page, 'lateral');
  await saveDocsImages(page, 'access');
});
