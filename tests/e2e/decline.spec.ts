import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const SCENARIO = 't11-warfarin-uncorrected-inr';
const SEED = 42;
const OUT = 'test-results';

/**
 * A case where the right answer is not to operate, in real Chromium, by keyboard only, in exam
 * mode (declining is a decision, never a hint): the case review offers "Decline the procedure";
 * Shift+N opens a dialog whose focus starts on the first reason, Esc cancels it, Enter without a
 * reason says what is missing, the arrows choose the reason, Enter declines. The attempt ends and
 * the debrief names the decision and its reason; the downloaded attempt replays in Node to the
 * same decision, and the text report names it.
 */
test('declining a case at case review by keyboard ends the attempt and the debrief names the decision', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await page.goto(`/?seed=${SEED}`);
  const item = page.locator(`[data-testid="scenario-item"][data-scenario-id="${SCENARIO}"]`);
  await expect(item).toBeVisible();
  for (let i = 0; i < 20 && (await item.getAttribute('data-selected')) !== 'true'; i++)
    await page.keyboard.press('ArrowDown');
  await expect(item).toHaveAttribute('data-selected', 'true');
  const exam = page.getByTestId('mode-exam');
  if ((await exam.getAttribute('aria-checked')) !== 'true') await page.keyboard.press('m');
  await expect(exam).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('procedure')).toHaveAttribute('data-mode', 'exam', { timeout: 30_000 });
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });

  // The case review shows the labs and offers the decision in exam mode too.
  await expect(page.getByTestId('case-review')).toContainText('INR 3.2 this morning');
  const open = page.getByTestId('decline-open');
  await expect(open).toBeVisible();
  await expect(open).toContainText('Decline the procedure');
  await page.keyboard.press('1');
  await expect(page.getByTestId('checklist-history')).toHaveAttribute('data-done', 'true');

  // Shift+N opens the dialog, focus on the first reason; Esc cancels and nothing is decided.
  const dialog = page.getByRole('dialog', { name: 'Decline the procedure' });
  await page.keyboard.press('Shift+N');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('decline-reason-painNotFromFracture')).toBeFocused();
  await expect(dialog.getByRole('group', { name: /Why is the procedure not indicated/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview');
  // While the dialog is closed the procedure's keys work again.
  await page.keyboard.press('2');
  await expect(page.getByTestId('checklist-imaging')).toHaveAttribute('data-done', 'true');

  // Again: Enter with no reason says what is missing; the arrows choose, Enter declines.
  await page.keyboard.press('Shift+N');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('decline-reason-painNotFromFracture')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Choose why the procedure is not indicated.');
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  const coagulopathy = page.getByRole('radio', { name: /Uncorrected coagulopathy/ });
  await expect(coagulopathy).toBeChecked();
  await expect(coagulopathy).toBeFocused();
  await page.screenshot({ path: `${OUT}/decline-dialog.png` });
  await page.keyboard.press('Enter');

  // The attempt ends: the debrief names the decision and its reason, and passes it.
  const decision = page.getByTestId('debrief-decision');
  await expect(decision).toBeVisible({ timeout: 30_000 });
  await expect(decision).toHaveAttribute('data-decision', 'decline');
  await expect(decision).toHaveAttribute('data-reason', 'uncorrectedCoagulopathy');
  await expect(decision).toHaveAttribute('data-right', 'true');
  await expect(decision).toContainText('Declined: Uncorrected coagulopathy (INR or platelets out of range)');
  await expect(page.getByTestId('debrief-result')).toHaveText('PASS');
  await expect(page.getByTestId('debrief-total')).toHaveAttribute('data-total', '100');
  await expect(page.getByTestId('critical-errors')).toHaveCount(0);
  await page.screenshot({ path: `${OUT}/decline-debrief.png`, fullPage: true });

  // The downloaded attempt replays headless to the same decision; the text report names it.
  const download = page.waitForEvent('download');
  await page.keyboard.press('d');
  const file = await download;
  const attemptPath = `${OUT}/${file.suggestedFilename()}`;
  await file.saveAs(attemptPath);
  const attempt = JSON.parse(readFileSync(attemptPath, 'utf8'));
  expect(attempt.log.at(-1).command).toEqual({ type: 'case.decline', reason: 'uncorrectedCoagulopathy' });
  const replayed = JSON.parse(execFileSync('npx', ['tsx', 'sim/cli.ts', 'replay', attemptPath], { encoding: 'utf8' }));
  expect(replayed.score.passed).toBe(true);
  expect(replayed.score.decision.reason).toBe('uncorrectedCoagulopathy');
  const text = execFileSync('npx', ['tsx', 'sim/cli.ts', 'replay', attemptPath, '--text'], { encoding: 'utf8' });
  expect(text).toMatch(/^Decision at \d+:\d\d: Declined: Uncorrected coagulopathy/m);
});
