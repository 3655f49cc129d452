import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SEED } from './playHelpers';

/**
 * A storage failure is the trainee's to see at once: when the autosave's write fails (here the
 * browser's storage quota, injected: every `put` on the attempts store after the first throws a
 * QuotaExceededError DOMException), the procedure screen says the attempt is not being saved,
 * keeps saying it, and offers the attempt file (Shift+E or its button), which is a whole,
 * importable attempt.
 */

test('a failed autosave is shown at once and offers the attempt file', async ({ page }, testInfo) => {
  test.setTimeout(3 * 60_000);
  await page.addInitScript(() => {
    let puts = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'attempts' && ++puts > 1)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));

  await page.goto(`/?seed=${SEED}`);
  await page.getByTestId('trainee-name').fill('Dr Quota');
  await page.getByTestId('trainee-name').blur();
  // Enter starts the selected case once the scenarios are loaded.
  await expect(page.locator('[data-testid="scenario-item"][data-selected="true"]')).toBeVisible();
  await page.keyboard.press('Enter');
  const procedure = page.getByTestId('procedure');
  await expect(procedure).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });

  // The first save went through; the next (after the first command) hits the full quota.
  const warning = page.getByTestId('save-failed');
  await expect(warning).toHaveCount(0);
  await page.keyboard.press('1');
  await expect(page.getByTestId('checklist-history')).toHaveAttribute('data-done', 'true');
  await expect(warning).toBeVisible({ timeout: 5_000 });
  await expect(warning).toHaveAttribute('role', 'alert');
  await expect(warning).toHaveAttribute('data-error', 'QuotaExceededError');
  await expect(warning).toContainText('This attempt is not being saved');
  await expect(warning).toContainText('no storage left');
  await expect(warning).toContainText('Download the attempt file now');
  await page.screenshot({ path: 'test-results/storage-save-failed.png' });

  // It stays: later saves (the next command, the 5 s timer) fail too.
  await page.keyboard.press('2');
  await expect(page.getByTestId('checklist-imaging')).toHaveAttribute('data-done', 'true');
  await page.waitForTimeout(6_000);
  await expect(warning).toBeVisible();

  // Shift+E downloads the attempt as it stands: a whole attempt file with both ticks in its log.
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Shift+E')]);
  expect(download.suggestedFilename()).toMatch(/^attempt-[a-z0-9-]+-42-[0-9a-z-]{8}\.json$/);
  const path = testInfo.outputPath('unsaved-attempt.json');
  await download.saveAs(path);
  const file = JSON.parse(readFileSync(path, 'utf8'));
  expect(file.format).toBe('kyphosim-attempt');
  expect(file.seed).toBe(SEED);
  expect(file.log.filter((e: { command: { type: string } }) => e.command.type === 'checklist.tick')).toHaveLength(2);
  // The button does the same.
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-failed-export').click()]);
  expect(again.suggestedFilename()).toBe(download.suggestedFilename());
  // The failure is said on screen, not only in the console.
  expect(warnings.filter((w) => /Autosave failed/.test(w))).toEqual([]);
});
