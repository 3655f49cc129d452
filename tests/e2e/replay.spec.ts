import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { copyToDocs, SHOTS_DIR } from './playHelpers';

/**
 * The debrief's replay in real Chromium: a golden attempt file (T12 vertebroplasty,
 * seed 3, with a disc leak) is imported into the record and opened; the replay worker re-runs it
 * for the replay viewer, re-makes its images from the log and runs the scenario's expert plan on
 * the same patient. The viewer steps by key, the images are real pixels, reveal mode outlines the
 * vertebra, the ideal trajectory, the cement and the leak, and the expert's total is the golden
 * textbook total (the golden attempt is the expert plan on that patient). Screenshots in
 * test-results/replay-*.png (docs/images/ with UPDATE_DOCS_IMAGES=1).
 */

const GOLDEN = JSON.parse(readFileSync('tests/fixtures/golden/textbook-vertebroplasty-t12-seed3.json', 'utf8'));

/** Grey-level spread of a canvas: a blank or uniform canvas has none. */
async function canvasSpread(figure: Locator): Promise<{ min: number; max: number; mean: number }> {
  return figure.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let min = 255;
    let max = 0;
    let sum = 0;
    for (let k = 0; k < d.length; k += 4) {
      min = Math.min(min, d[k]);
      max = Math.max(max, d[k]);
      sum += d[k];
    }
    return { min, max, mean: sum / (d.length / 4) };
  });
}

test('replay viewer: step through an imported attempt, re-made images, reveal mode, expert benchmark', async ({
  page,
}, testInfo) => {
  test.setTimeout(5 * 60_000);
  await page.goto('/?seed=3');
  const name = page.getByTestId('trainee-name');
  await name.fill('Dr Replay');
  await name.blur();
  await page.keyboard.press('h');
  const path = testInfo.outputPath('golden-t12.json');
  writeFileSync(path, JSON.stringify(GOLDEN.attempt));
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-message')).toHaveAttribute('data-kind', 'ok', { timeout: 90_000 });
  // An unsigned file: what the replay cannot vouch for is said on import and in the debrief.
  await expect(page.getByTestId('import-message')).toContainText(
    'seed, its mode (practice or exam) and who made it cannot be verified',
  );
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('debrief-total')).toHaveAttribute('data-total', String(GOLDEN.expected.report.total), {
    timeout: 60_000,
  });
  await expect(page.getByTestId('unverified-note')).toContainText('cannot be verified');

  // The expert plan on the same patient is the golden attempt's own plan: the same total.
  await expect(page.getByTestId('expert-comparison')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('expert-total').locator('td').nth(1)).toHaveAttribute(
    'data-total',
    String(GOLDEN.expected.report.total),
  );

  const viewer = page.getByTestId('replay-viewer');
  await expect(viewer).toBeVisible({ timeout: 120_000 });
  const steps = Number(await viewer.getAttribute('data-steps'));
  expect(steps).toBe(GOLDEN.attempt.log.length);

  // Step: → one command, End the last, Shift+← back to the step that took the last image.
  await page.keyboard.press('ArrowRight');
  await expect(viewer).toHaveAttribute('data-step', '1');
  await page.keyboard.press('End');
  await expect(viewer).toHaveAttribute('data-step', String(steps - 1));
  const ap = viewer.getByTestId('film-image-AP');
  const lat = viewer.getByTestId('film-image-lateral');
  await expect(ap).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(lat).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  const latPixels = await canvasSpread(lat);
  expect(latPixels.max - latPixels.min).toBeGreaterThan(150); // cement black against the lit field
  await page.screenshot({ path: `${SHOTS_DIR}/replay-1-end.png`, fullPage: false });

  // At the first step no image had been taken yet.
  await page.keyboard.press('Home');
  await expect(viewer).toHaveAttribute('data-step', '0');
  await expect(ap).toHaveAttribute('data-index', '');

  // Jump image to image: each jump shows a newer image.
  await page.keyboard.press('Shift+ArrowRight');
  const first = Number(await viewer.getAttribute('data-step'));
  expect(first).toBeGreaterThan(0);
  await page.keyboard.press('Shift+ArrowRight');
  expect(Number(await viewer.getAttribute('data-step'))).toBeGreaterThan(first);

  // Reveal mode (V) at the end: body, pedicles, the ideal path, the cement and the disc leak outlined.
  await page.keyboard.press('End');
  await page.keyboard.press('v');
  const overlay = lat.getByTestId('reveal-overlay');
  await expect(overlay).toBeVisible();
  for (const part of ['reveal-body', 'reveal-pedicles', 'reveal-cement', 'reveal-leaks']) {
    expect((await overlay.locator(`.${part}`).getAttribute('d'))?.length ?? 0, part).toBeGreaterThan(20);
  }
  await expect(overlay.locator('.reveal-trajectory path')).toHaveCount(1);
  await expect(page.getByTestId('reveal-legend')).toBeVisible();
  await viewer.screenshot({ path: `${SHOTS_DIR}/replay-viewer.png` });
  copyToDocs(`${SHOTS_DIR}/replay-viewer.png`, 'replay-viewer.png');
  await page.getByTestId('expert-comparison').screenshot({ path: `${SHOTS_DIR}/replay-expert.png` });
  copyToDocs(`${SHOTS_DIR}/replay-expert.png`, 'expert-benchmark.png');
  await page.keyboard.press('v');
  await expect(overlay).toHaveCount(0);
});
