import { expect, test, type Page } from '@playwright/test';
import { SEED, savedAttempts } from './playHelpers';

/**
 * Two tabs of one browser (one context: same origin, same IndexedDB, same Web Locks): the tab that
 * plays an attempt is its one writer. The second tab's menu does not offer it as interrupted: it
 * says it is open in another tab and offers to take it over; taking over moves the attempt to the
 * second tab, and the first stops writing it and tells its trainee.
 */

/** Count, per page, the writes to the attempts store (what each tab really writes). */
async function countPuts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __attemptPuts: number };
    w.__attemptPuts = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'attempts') w.__attemptPuts++;
      return put.apply(this, args);
    };
  });
}
const puts = (page: Page) => page.evaluate(() => (window as unknown as { __attemptPuts: number }).__attemptPuts);

const rows = async (page: Page) =>
  (await savedAttempts(page)).map((r) => ({ id: r.id, status: r.status, ticks: r.checklistTicks }));

async function tick(page: Page, key: string, item: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(page.getByTestId(`checklist-${item}`)).toHaveAttribute('data-done', 'true');
}

test('a second tab offers to take over the attempt open in the first, and the first stops writing', async ({
  page: first,
}) => {
  test.setTimeout(3 * 60_000);
  first.on('dialog', (d) => void d.accept());
  await countPuts(first);

  // The first tab plays: a case started, one checklist item ticked, saved.
  await first.goto(`/?seed=${SEED}`);
  // Enter starts the selected case once the scenarios are loaded.
  await expect(first.locator('[data-testid="scenario-item"][data-selected="true"]')).toBeVisible();
  await first.keyboard.press('Enter');
  await expect(first.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await tick(first, '1', 'history');
  await expect.poll(async () => (await rows(first)).map((r) => [r.status, r.ticks])).toEqual([['in-progress', 1]]);
  const [{ id }] = await rows(first);

  // The second tab's menu: the attempt is open in another tab, not interrupted; no discard.
  const second = await first.context().newPage();
  await countPuts(second);
  await second.goto(`/?seed=${SEED}`);
  const offer = second.getByTestId('resume-offer');
  await expect(offer).toHaveAttribute('data-record-id', id);
  await expect(offer).toHaveAttribute('data-elsewhere', 'true');
  await expect(second.getByTestId('resume-elsewhere')).toContainText('is open in another tab');
  await expect(second.getByTestId('resume')).toContainText('Take it over here');
  await expect(second.getByTestId('decline-resume')).toHaveCount(0);
  await second.keyboard.press('x');
  expect((await rows(second)).map((r) => r.status)).toEqual(['in-progress']);
  await second.screenshot({ path: 'test-results/tabs-1-open-elsewhere.png' });

  // Take it over (R): the second tab plays it from the first tab's last save.
  await second.keyboard.press('r');
  await expect(second.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await expect(second.getByTestId('checklist-history')).toHaveAttribute('data-done', 'true');

  // The first tab is told, and stops: its keys do nothing, it writes nothing more.
  const told = first.getByTestId('taken-over');
  await expect(told).toBeVisible();
  await expect(told).toContainText('taken over in another tab');
  await first.screenshot({ path: 'test-results/tabs-2-taken-over.png' });
  const firstPuts = await puts(first);
  await first.keyboard.press('2');
  await expect(first.getByTestId('checklist-imaging')).toHaveAttribute('data-done', 'false');

  // The second tab is the writer now: its tick is saved, on the same record.
  await tick(second, '2', 'imaging');
  await expect
    .poll(async () => (await rows(second)).map((r) => [r.id, r.status, r.ticks]))
    .toEqual([[id, 'in-progress', 2]]);
  // Past an autosave interval (5 s), the first tab has still written nothing.
  await second.waitForTimeout(6_000);
  expect(await puts(first)).toBe(firstPuts);
  expect(await puts(second)).toBeGreaterThan(0);

  // The first tab goes back to its menu: the attempt is open in the other tab, not abandoned.
  await first.keyboard.press('Enter');
  await expect(first.getByTestId('resume-offer')).toHaveAttribute('data-elsewhere', 'true');
  expect((await rows(first)).map((r) => [r.status, r.ticks])).toEqual([['in-progress', 2]]);

  // Once the second tab closes, the first tab's menu offers it as an ordinary interrupted attempt.
  await second.close();
  await expect(first.getByTestId('resume-offer')).toHaveAttribute('data-elsewhere', 'false');
  await expect(first.getByTestId('decline-resume')).toBeVisible();
});
