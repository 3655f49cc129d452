import { expect, type Page, test } from '@playwright/test';

const ID = 'e2e-t12-grade-three';
const TITLE = 'T12 grade 3 wedge from the editor';

/** The grey levels of a preview canvas (its red channel: the image is grey). */
async function previewGrey(page: Page, testId: string): Promise<number[]> {
  return page.getByTestId(testId).evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    return Array.from(data.filter((_, i) => i % 4 === 0));
  });
}

/** Wait until the preview shows an image newer than `after` and no newer one is coming; its generation. */
async function settledPreview(page: Page, after: number): Promise<number> {
  const preview = page.getByTestId('editor-preview');
  await expect
    .poll(async () => Number(await preview.getAttribute('data-generation')), { timeout: 60_000 })
    .toBeGreaterThan(after);
  await expect(preview).toHaveAttribute('data-pending', 'false', { timeout: 60_000 });
  return Number(await preview.getAttribute('data-generation'));
}

function meanAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/**
 * An instructor makes a case in the real browser (real IndexedDB, the preview worker under the
 * built page's policy): E on the menu opens the editor; a draft from the L1 template; level and
 * Genant grade changed, the height loss left outside the new grade is named at its field and
 * blocks publishing; fixed, the lateral preview changes; published, the case is in the menu after
 * the shipped ones and a trainee plays it to the case review. A published version is frozen: a
 * change is published as version 2, which the menu then lists. A hostile import is refused naming
 * the field, and nothing is stored.
 */
test('an instructor creates, previews and publishes a scenario, and a trainee plays it', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await page.goto('/?seed=7');
  await expect(page.getByTestId('scenario-item').first()).toBeVisible();
  // The key help lists the editor's key with the menu's.
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog')).toContainText('Open the scenario editor');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('e');
  await expect(page.getByTestId('editor')).toBeVisible();

  await page.getByTestId('editor-template').selectOption('shipped:l1-osteoporotic-wedge');
  await page.getByTestId('editor-create').click();
  await expect(page.getByTestId('editor-form')).toBeVisible();
  const first = await settledPreview(page, 0);
  const lateralBefore = await previewGrey(page, 'preview-lateral');
  const apBefore = await previewGrey(page, 'preview-ap');
  expect(Math.max(...lateralBefore)).toBeGreaterThan(Math.min(...lateralBefore));

  await page.locator('[data-field="id"]').fill(ID);
  await page.locator('[data-field="title"]').fill(TITLE);
  await page.locator('[data-field="level"]').selectOption('T12');
  await page.locator('[data-field="fracture.genantGrade"]').selectOption('3');
  // The template's 32 % height loss is a grade 2 loss: named at its field, and nothing can be published.
  const lossError = page.locator('[data-testid="field-error"][data-path="fracture.heightLossPct"]');
  await expect(lossError).toContainText('fracture.heightLossPct');
  await expect(lossError).toContainText('outside Genant grade 3');
  await expect(page.getByTestId('editor-publish')).toBeDisabled();
  await expect(page.getByTestId('editor-blocked')).toContainText('not valid');
  await page.locator('[data-field="fracture.heightLossPct"]').fill('50');
  await expect(lossError).toHaveCount(0);
  await expect(page.getByTestId('editor-publish')).toBeEnabled();
  // A level treated before, put by mistake at the level to treat: named at its field, then moved.
  await page.getByTestId('add-prior-augmentation').click();
  await page.locator('[data-field="patient.priorAugmentation.0.level"]').selectOption('T12');
  const priorError = page.locator('[data-testid="field-error"][data-path="patient.priorAugmentation.0.level"]');
  await expect(priorError).toContainText('level to treat');
  await expect(page.getByTestId('editor-publish')).toBeDisabled();
  await page.locator('[data-field="patient.priorAugmentation.0.level"]').selectOption('L1');
  await expect(priorError).toHaveCount(0);
  await expect(page.getByTestId('editor-publish')).toBeEnabled();
  // A second level in the same procedure is a vertebroplasty's: on this kyphoplasty it is named at its field.
  await page.getByTestId('second-level-toggle').check();
  await expect(page.locator('[data-field="secondLevel.level"]')).toHaveValue('L1');
  const secondError = page.locator('[data-testid="field-error"][data-path="secondLevel"]');
  await expect(secondError).toContainText('vertebroplasty only');
  await expect(page.getByTestId('editor-publish')).toBeDisabled();
  await page.getByTestId('second-level-toggle').uncheck();
  await expect(secondError).toHaveCount(0);
  await expect(page.getByTestId('editor-publish')).toBeEnabled();

  await settledPreview(page, first);
  const lateralAfter = await previewGrey(page, 'preview-lateral');
  const apAfter = await previewGrey(page, 'preview-ap');
  // Another level and a crushed body: the images are not the same patient's.
  expect(meanAbsDiff(lateralBefore, lateralAfter)).toBeGreaterThan(2);
  expect(meanAbsDiff(apBefore, apAfter)).toBeGreaterThan(1);

  await page.screenshot({ path: 'test-results/editor.png', fullPage: true });
  await page.getByTestId('editor-publish').click();
  await expect(page.getByTestId('editor-message')).toContainText(`Published ${ID} v1`);
  await expect(page.locator('[data-testid="editor-own"] li[data-status="published"]')).toHaveCount(1);
  // Published is frozen: the form is read-only, and a change is the next version's draft.
  await expect(page.locator('[data-field="title"]')).toBeDisabled();
  await page.getByTestId('editor-new-version').click();
  await expect(page.getByTestId('editor-message')).toContainText(`A draft of ${ID} v2`);
  await page.locator('[data-field="scoring.passScore"]').fill('80');
  await page.getByTestId('editor-publish').click();
  await expect(page.getByTestId('editor-message')).toContainText(`Published ${ID} v2`);
  await expect(page.locator('[data-testid="editor-own"] li[data-status="published"]')).toHaveCount(2);

  // A hostile file: a schema error is refused naming the field, nothing is stored.
  await page.getByTestId('editor-import').setInputFiles({
    name: 'bad-scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ schemaVersion: 1, id: 'bad', title: 'Bad', patient: { age: 5 } })),
  });
  const refusal = page.getByTestId('import-error');
  await expect(refusal).toContainText('bad-scenario.json is not a valid scenario');
  await expect(refusal).toContainText('patient.age');
  await page.getByTestId('editor-import').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"schemaVersion": 1,'),
  });
  await expect(refusal).toContainText('broken.json is not JSON');
  await expect(page.locator('[data-testid="editor-own"] li')).toHaveCount(2);

  // Back on the menu (Escape, even from a field), the published case is listed after the shipped ones.
  await page.locator('[data-field="title"]').focus();
  await page.keyboard.press('Escape');
  const items = page.getByTestId('scenario-item');
  const mine = page.locator(`[data-testid="scenario-item"][data-scenario-id="${ID}"]`);
  await expect(mine).toBeVisible();
  // One entry per scenario: its newest published version.
  await expect(mine).toHaveCount(1);
  await expect(mine.getByTestId('scenario-own')).toContainText('v2');
  await expect(items.last()).toHaveAttribute('data-scenario-id', ID);

  // A trainee starts it from the keyboard and reaches the case review of the edited case.
  for (let i = 0; i < 30 && (await mine.getAttribute('data-selected')) !== 'true'; i++)
    await page.keyboard.press('ArrowUp');
  await expect(mine).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await expect(page.getByTestId('procedure')).toContainText(TITLE);
  await expect(page.getByTestId('case-review')).toContainText('T12');
});
