import { expect, test } from '@playwright/test';
import { LabServerHarness, openLabPage, signIn } from './labServerHarness';

/**
 * The editor on a lab server, between two stations (server/main.ts on its embedded PGlite; the app
 * is the dist/ Playwright's web server built): instructor A publishes a scenario from the editor,
 * which stores it on the lab too; instructor B, in a browser of their own (an empty IndexedDB),
 * opens the editor, first against a broken answer (named, the editor still works, asked again),
 * then sees A's scenario as "Lab: id v1" and makes a draft from it. A's own editor lists it once,
 * as A's. Screenshots: test-results/editor-lab*.png.
 */

const ID = 'lab-shared-wedge';
const TITLE = 'Shared L1 wedge from station A';

const lab = new LabServerHarness('kyphosim-editor-lab-e2e-', 'e2e-editor-lab-secret-0123456789abcdef0123');

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  await lab.setUp([
    ['ines', 'instructor', 'Dr Ines Instructor'],
    ['ivo', 'instructor', 'Dr Ivo Instructor'],
  ]);
});

test.afterAll(async () => {
  await lab.tearDown();
});

test("an instructor copies in the editor a scenario another instructor's browser published on the lab", async ({
  browser,
}) => {
  test.setTimeout(5 * 60_000);
  const a = await openLabPage(browser, lab);
  await signIn(a, 'ines');
  await a.keyboard.press('e');
  await expect(a.getByTestId('editor')).toBeVisible();
  // Nothing is published on the lab yet.
  await expect(a.getByTestId('editor-lab-sources')).toHaveAttribute('data-status', 'listed');
  await a.getByTestId('editor-template').selectOption('shipped:l1-osteoporotic-wedge');
  await a.getByTestId('editor-create').click();
  await a.locator('[data-field="id"]').fill(ID);
  await a.locator('[data-field="title"]').fill(TITLE);
  await a.getByTestId('editor-publish').click();
  await expect(a.getByTestId('editor-message')).toContainText(`Published ${ID} v1`);
  await expect(a.getByTestId('editor-message')).toContainText('and on the lab server, where it can be assigned');
  // Opened again, A's editor lists the version once: as A's own, not again as the lab's.
  await a.keyboard.press('Escape');
  await a.keyboard.press('e');
  await expect(a.getByTestId('editor-lab-sources')).toHaveAttribute('data-status', 'listed');
  const aTemplate = a.getByTestId('editor-template');
  await expect(aTemplate.locator(`option[value="own:${ID}@1"]`)).toHaveText(`Yours: ${ID} v1`);
  await expect(aTemplate.locator('option', { hasText: 'Lab:' })).toHaveCount(0);
  await expect(a.getByTestId('editor-lab-sources')).toContainText('no published scenario this browser does not hold');

  // B's station: a fresh browser context, nothing of A's in its IndexedDB.
  const b = await openLabPage(browser, lab);
  await signIn(b, 'ivo');
  // First the server's list comes back broken: named in the editor, which works on without it.
  await b.route('**/api/scenarios', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"scenarios":"not a list"}' }),
  );
  await b.keyboard.press('e');
  const sources = b.getByTestId('editor-lab-sources');
  await expect(sources).toHaveAttribute('data-status', 'failed');
  await expect(sources).toContainText("The lab server's published scenarios are not listed");
  await expect(sources).toContainText('is not what this app expects');
  const template = b.getByTestId('editor-template');
  await expect(template.locator('option[value="shipped:l1-osteoporotic-wedge"]')).toHaveCount(1);
  await expect(template.locator('option', { hasText: 'Lab:' })).toHaveCount(0);
  await expect(b.getByTestId('editor-own')).toBeEmpty();
  await b.screenshot({ path: 'test-results/editor-lab-failed.png' });

  // Asked again of the real server: A's version is listed as the lab's.
  await b.unroute('**/api/scenarios');
  await b.getByTestId('editor-lab-retry').click();
  await expect(sources).toHaveAttribute('data-status', 'listed');
  await expect(sources).toContainText('1 published on the lab server from other browsers');
  const fromLab = template.locator(`option[value="lab:${ID}@1"]`);
  await expect(fromLab).toHaveText(`Lab: ${ID} v1`);
  await template.selectOption(`lab:${ID}@1`);
  await b.getByTestId('editor-create').click();
  await expect(b.getByTestId('editor-message')).toContainText(`A new draft from Lab: ${ID} v1: not saved yet.`);
  // A copy under a new id (A's id is A's on the lab), with A's case in it.
  await expect(b.locator('[data-field="id"]')).toHaveValue(`${ID}-copy`);
  await expect(b.locator('[data-field="title"]')).toHaveValue(`${TITLE} (copy)`);
  await expect(b.locator('[data-field="level"]')).toHaveValue('L1');
  await b.screenshot({ path: 'test-results/editor-lab.png', fullPage: true });
  await b.getByTestId('editor-save').click();
  await expect(b.getByTestId('editor-message')).toContainText(`Saved draft ${ID}-copy v1`);
  const bOwn = b.locator('[data-testid="editor-own"] li');
  await expect(bOwn).toHaveCount(1);
  await expect(bOwn).toContainText(`${ID}-copy v1 · draft`);
});
