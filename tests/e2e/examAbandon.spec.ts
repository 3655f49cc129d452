import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { phaseHeader, savedAttempts, SHOTS_DIR } from './playHelpers';

/**
 * An exam attempt left for a new patient is not lost, in real Chromium with its real IndexedDB:
 * leaving asks first (and declining keeps the case going), the attempt is recorded as abandoned,
 * a new exam on a new patient is a second attempt, and the history counts both and exports both
 * (the CSV with their status, the attempt file named by its state).
 */
test('exam: leaving asks, records the attempt as abandoned, and the history and CSV keep it', async ({
  page,
}, testInfo) => {
  test.setTimeout(3 * 60_000);
  const leave = page.getByTestId('leave-dialog');

  await page.goto('/');
  await page.getByTestId('trainee-name').fill('Dr Exam');
  await page.locator('body').click();
  await page.keyboard.press('m');
  await expect(page.getByTestId('mode-exam')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  const procedure = page.getByTestId('procedure');
  await expect(procedure).toHaveAttribute('data-mode', 'exam', { timeout: 30_000 });
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  const firstSeed = (await procedure.locator('.badge', { hasText: /^seed / }).textContent())?.match(
    /^seed (\d+)$/,
  )?.[1];
  await expect.poll(async () => (await savedAttempts(page)).map((r) => r.status)).toEqual(['in-progress']);

  // Declined (Stay): still in the case, still in progress.
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByTestId('leave-question')).toHaveText(
    /Abandon this exam attempt\? It is recorded as abandoned.*counts as an attempt/,
  );
  await page.getByTestId('leave-stay').click();
  await expect(leave).toBeHidden();
  await expect(procedure).toBeVisible();
  expect((await savedAttempts(page)).map((r) => r.status)).toEqual(['in-progress']);

  // Accepted, this time from the keyboard (Esc asks, the leave button confirms): back on the menu,
  // the attempt abandoned and not offered for resume.
  await page.keyboard.press('Escape');
  await expect(leave).toBeVisible();
  await page.getByTestId('leave-confirm').click();
  await expect(page.getByTestId('record-panel')).toBeVisible();
  await expect.poll(async () => (await savedAttempts(page)).map((r) => r.status)).toEqual(['abandoned']);
  await expect(page.getByTestId('resume-offer')).toHaveCount(0);

  // A new exam on a new patient: a second attempt beside the abandoned one.
  await page.keyboard.press('Enter');
  await expect(procedure).toHaveAttribute('data-mode', 'exam', { timeout: 30_000 });
  const secondSeed = (await procedure.locator('.badge', { hasText: /^seed / }).textContent())?.match(
    /^seed (\d+)$/,
  )?.[1];
  expect(secondSeed).not.toBe(firstSeed);
  await expect
    .poll(async () => (await savedAttempts(page)).map((r) => r.status).sort())
    .toEqual(['abandoned', 'in-progress']);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByTestId('leave-confirm').click();
  await expect.poll(async () => (await savedAttempts(page)).map((r) => r.status)).toEqual(['abandoned', 'abandoned']);

  // The history lists and counts both; the CSV has both rows with their status.
  await page.keyboard.press('h');
  const history = page.getByTestId('history');
  await expect(history).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('history-counts')).toHaveText('2 attempts: 0 finished, 2 abandoned');
  await expect(page.locator('[data-testid="history-row"][data-status="abandoned"]')).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS_DIR}/exam-abandoned-history.png` });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('c')]);
  const csvPath = testInfo.outputPath('results.csv');
  await csv.saveAs(csvPath);
  const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
  expect(lines).toHaveLength(3);
  for (const line of lines.slice(1)) expect(line).toMatch(/,Dr Exam,[^,]+,\d+,exam,played,abandoned,\d{4}-/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export').first().click()]);
  expect(file.suggestedFilename()).toMatch(/-abandoned\.json$/);
});
