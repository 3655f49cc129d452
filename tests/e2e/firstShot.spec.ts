import { expect, test, type Page } from '@playwright/test';
import { monitorGrey, num, openL1AtCArmSetup, SEED, SHOTS_DIR, swing, type View } from './playHelpers';

/**
 * The first shot of each view leaves its image: the pedal is released the moment the dose panel
 * counts the shot (as a quick tap does), and the monitor must then show that shot's image, not
 * "NO IMAGE", even when the pose's projection arrives after the release. The time from pedal down
 * to the first image is logged (the monitors project the standard views in the background as the
 * case loads, so it should be short).
 */

const centre = (page: Page, view: View) => page.getByTestId(`xray-${view}`).locator('[data-slot="centre"]');

/** Mean grey of the central half of a monitor (a held image is far brighter than a dark screen). */
async function centreGrey(page: Page, view: View): Promise<number> {
  const { width, height, grey } = await monitorGrey(page, view, `${SHOTS_DIR}/first-shot-${view}.png`);
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(height / 4); y < (3 * height) / 4; y++)
    for (let x = Math.floor(width / 4); x < (3 * width) / 4; x++, n++) sum += grey[y * width + x];
  return sum / n;
}

/**
 * Tap the pedal at a view (released as soon as the shot counts). Returns the ms from pedal down to
 * an image on the monitor as the page sees it (the key event to the NO IMAGE text going), and as
 * the test sees it (with Playwright's round trips).
 */
async function firstShot(page: Page, view: View): Promise<{ inPage: number; seen: number }> {
  await swing(page, view);
  await expect(centre(page, view)).toHaveText('NO IMAGE');
  const before = await num(page, `dose-shots-${view}`);
  await page.evaluate((v) => {
    const t: { down?: number; image?: number } = {};
    (window as unknown as { __firstShot: typeof t }).__firstShot = t;
    // Capture phase: stamped before the app handles the key.
    addEventListener(
      'keydown',
      (e: KeyboardEvent) => {
        if (e.code === 'Space' && t.down === undefined) t.down = performance.now();
      },
      { capture: true },
    );
    const el = document.querySelector(`[data-testid="xray-${v}"] [data-slot="centre"]`);
    const seen = () => {
      if (el?.textContent === '' && t.image === undefined) t.image = performance.now();
    };
    if (el) new MutationObserver(seen).observe(el, { childList: true, characterData: true, subtree: true });
  }, view);
  const t0 = Date.now();
  await page.keyboard.down('Space');
  await expect
    .poll(() => num(page, `dose-shots-${view}`), { timeout: 10_000, intervals: [20] })
    .toBeGreaterThan(before);
  await page.keyboard.up('Space');
  await page.waitForFunction(
    (v) => document.querySelector(`[data-testid="xray-${v}"] [data-slot="centre"]`)?.textContent === '',
    view,
    { polling: 'raf', timeout: 20_000 },
  );
  const seen = Date.now() - t0;
  const inPage = await page.evaluate(() => {
    const t = (window as unknown as { __firstShot: { down: number; image: number } }).__firstShot;
    return Math.round(t.image - t.down);
  });
  await expect.poll(() => centreGrey(page, view), { timeout: 10_000 }).toBeGreaterThan(30);
  return { inPage, seen };
}

test('the first lateral and the first AP shot each leave an image on the monitor', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await page.goto(`/?seed=${SEED}`);
  await openL1AtCArmSetup(page);
  const lateral = await firstShot(page, 'lateral');
  const ap = await firstShot(page, 'AP');
  const line = `lateral ${lateral.inPage} ms (${lateral.seen} ms with Playwright), AP ${ap.inPage} ms (${ap.seen} ms)`;
  console.log(`pedal to first image: ${line}`);
  test.info().annotations.push({ type: 'pedal-to-first-image', description: line });
});
