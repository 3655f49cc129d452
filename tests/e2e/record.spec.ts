import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { upgradeScenarioJson } from '../../levels/scenarioMigrations';
import { aimAtIdeal, copyToDocs, num, phaseHeader, playToAccess, SHOTS_DIR, savedAttempts } from './playHelpers';

/**
 * The trainee's record in real Chromium with its real IndexedDB: autosave during the
 * procedure, reload mid-procedure and resume exactly there, then the history: import a golden
 * attempt file (replayed and re-scored), open it in the debrief, export it and import it again,
 * export the CSV, and refuse tampered, truncated and wrong-version files without adding anything.
 * Screenshots in test-results/record-*.png (the history also to docs/images/history.png with
 * UPDATE_DOCS_IMAGES=1).
 */

const TRAINEE = 'Dr Record, "R"';
const GOLDEN = JSON.parse(
  readFileSync('tests/fixtures/attempt-v1/textbook-kyphoplasty-l1-seed42.json', 'utf8'),
).attempt;

const savedRows = savedAttempts;

const simTimeS = async (page: Page) => Number(await page.getByTestId('sim-time').getAttribute('data-time-s'));

async function importFile(page: Page, path: string, kind: 'ok' | 'error'): Promise<string> {
  await page.getByTestId('import-file').setInputFiles(path);
  const message = page.getByTestId('import-message');
  await expect(message).toHaveAttribute('data-kind', kind, { timeout: 90_000 });
  return (await message.textContent()) ?? '';
}

test('autosave, reload and resume mid-procedure; history, import, export and bad files', async ({ page }, testInfo) => {
  test.setTimeout(8 * 60_000);
  page.on('dialog', (d) => void d.accept());

  // The trainee name is remembered across page loads.
  await page.goto('/?seed=42');
  await page.getByTestId('trainee-name').fill(TRAINEE);
  await playToAccess(page);

  // Act a little: skin entry, local, aim, one 10 mm hand push.
  await page.keyboard.press('e');
  await page.keyboard.press('n');
  await aimAtIdeal(page);
  const startDepth = await num(page, 'trocar-depth');
  await page.keyboard.press('Shift+W');
  const feed = page.getByTestId('events-feed');
  await expect
    .poll(
      async () =>
        /Hand push stalled/.test((await feed.textContent()) ?? '') ||
        (await num(page, 'trocar-depth')) >= startDepth + 9.9,
      { timeout: 20_000 },
    )
    .toBe(true);
  const phase = await phaseHeader(page).getAttribute('data-phase');
  const depth = await num(page, 'trocar-depth');
  const medial = await num(page, 'trocar-medial');
  const afterPushS = await simTimeS(page);

  // The autosave has caught up with the push (a save per command, and every 5 s of play).
  await expect
    .poll(async () => (await savedRows(page)).find((r) => r.status === 'in-progress')?.simTimeS ?? -1, {
      timeout: 15_000,
    })
    .toBeGreaterThanOrEqual(afterPushS);
  const [saved] = (await savedRows(page)).filter((r) => r.status === 'in-progress');
  expect(saved.trainee).toBe(TRAINEE);
  await page.screenshot({ path: `${SHOTS_DIR}/record-1-before-reload.png` });

  // Reload mid-procedure: the menu offers to resume it.
  await page.reload();
  const offer = page.getByTestId('resume-offer');
  await expect(offer).toBeVisible();
  await expect(offer).toContainText(/Resume L1 .* \(started \d\d:\d\d, sim time \d+:\d\d\)/);
  await expect(page.getByTestId('trainee-name')).toHaveValue(TRAINEE);
  const savedS = Number(await offer.getAttribute('data-sim-time-s'));
  expect(savedS).toBeGreaterThanOrEqual(afterPushS);
  await page.screenshot({ path: `${SHOTS_DIR}/record-2-resume-offer.png` });

  // R resumes: same phase, mode, seed, trocar depth and angle, and the sim clock where it was saved.
  await page.keyboard.press('r');
  const procedure = page.getByTestId('procedure');
  await expect(procedure).toHaveAttribute('data-mode', 'practice', { timeout: 30_000 });
  await expect(procedure).toContainText('seed 42');
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', phase!);
  expect(await num(page, 'trocar-depth')).toBeCloseTo(depth, 1);
  expect(await num(page, 'trocar-medial')).toBeCloseTo(medial, 1);
  const resumedS = await simTimeS(page);
  expect(resumedS).toBeGreaterThanOrEqual(Math.floor(savedS));
  expect(resumedS).toBeLessThanOrEqual(savedS + 3);
  // ...and it goes on: the clock runs and the same record keeps being saved.
  await expect.poll(() => simTimeS(page), { timeout: 15_000 }).toBeGreaterThan(savedS + 1);
  await expect
    .poll(async () => (await savedRows(page)).find((r) => r.id === saved.id)?.simTimeS ?? -1, { timeout: 15_000 })
    .toBeGreaterThan(savedS);
  await page.screenshot({ path: `${SHOTS_DIR}/record-3-resumed.png` });

  // Leaving keeps the attempt as abandoned; nothing is offered any more.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByTestId('leave-confirm').click();
  await expect(page.getByTestId('record-panel')).toBeVisible();
  await expect.poll(async () => (await savedRows(page)).map((r) => r.status)).toEqual(['abandoned']);
  await expect(page.getByTestId('resume-offer')).toHaveCount(0);

  // History (H): the abandoned attempt, then a golden attempt file imported, replayed and re-scored.
  await page.keyboard.press('h');
  const history = page.getByTestId('history');
  await expect(history).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-status', 'abandoned');
  const goldenPath = testInfo.outputPath('golden-l1.json');
  writeFileSync(goldenPath, JSON.stringify(GOLDEN));
  expect(await importFile(page, goldenPath, 'ok')).toContain('re-scored by replay');
  await expect(history).toHaveAttribute('data-count', '2');
  const imported = page.locator('[data-testid="history-row"][data-source="imported"]');
  const total = await imported.getAttribute('data-total');
  expect(Number(total)).toBeGreaterThan(0);
  await expect(page.getByTestId('progress-line')).toHaveCount(1);

  // Open it in the debrief (Enter on the selected, just imported row): re-scored by replay, same total.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('debrief-total')).toHaveAttribute('data-total', total!, { timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS_DIR}/record-4-debrief-from-history.png` });
  // The instructor's review is saved with the attempt: rate one item, write a plus note, leave, come back.
  await page.getByTestId('rating-useOfImaging').locator('input[value="4"]').check();
  await page.getByTestId('review-plus').fill('Lateral shot after every push.');
  // Leave the text box (keys typed into a form are not shortcuts), let the coalesced write land.
  await page.getByTestId('review-plus').blur();
  await page.waitForTimeout(1000);
  await page.keyboard.press('Escape');
  await page.keyboard.press('h');
  await expect(history).toHaveAttribute('data-count', '2');
  await imported.getByTestId('history-open').click();
  await expect(page.getByTestId('debrief-total')).toHaveAttribute('data-total', total!, { timeout: 60_000 });
  await expect(page.getByTestId('rating-useOfImaging').locator('input[value="4"]')).toBeChecked();
  await expect(page.getByTestId('review-plus')).toHaveValue('Lateral shot after every push.');
  await page.getByTestId('review-plus').blur();
  await page.keyboard.press('Escape');
  await page.keyboard.press('h');
  await expect(history).toHaveAttribute('data-count', '2');

  // Export the attempt file: the same replayable attempt; import it again.
  const [download] = await Promise.all([page.waitForEvent('download'), imported.getByTestId('history-export').click()]);
  const exportedPath = testInfo.outputPath('exported.json');
  await download.saveAs(exportedPath);
  const exported = JSON.parse(readFileSync(exportedPath, 'utf8'));
  // The golden is a version 1 file: it comes back as version 2, the same replayable attempt, and
  // says nothing of who played it (not the importer's name: the file never said). Its scenario comes
  // back upgraded to the current scenario schema (the same scenario, the same hash).
  expect(exported).toEqual({
    ...GOLDEN,
    scenario: upgradeScenarioJson(GOLDEN.scenario),
    version: 2,
    simVersion: 'unknown',
    trainee: null,
    station: null,
    startedAt: null,
    endedAt: null,
  });
  await importFile(page, exportedPath, 'ok');
  await expect(history).toHaveAttribute('data-count', '3');
  await expect(imported).toHaveCount(2);
  await expect(imported.nth(1)).toHaveAttribute('data-total', total!);

  // CSV of results: a header and one row per attempt with its status (the abandoned one too, first
  // and without a score), the name quoted and escaped.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('c')]);
  const csvPath = testInfo.outputPath('results.csv');
  await csvDownload.saveAs(csvPath);
  const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^date,trainee,scenario,seed,mode,source,status,ended,total,passed,leakage,/);
  expect(lines).toHaveLength(4);
  expect(lines[1]).toMatch(/,practice,played,abandoned,[^,]+,,,/);
  expect(lines[2]).toContain(`"Dr Record, ""R""",l1-osteoporotic-wedge,42,practice,imported,finished,`);
  expect(lines[2]).toContain(`,${total},`);

  // Bad files: a clear message each, and nothing added (on screen and in IndexedDB).
  const bad: [string, string, RegExp][] = [
    [
      'tampered.json',
      JSON.stringify({
        ...GOLDEN,
        scenario: { ...GOLDEN.scenario, scoring: { ...GOLDEN.scenario.scoring, passScore: 1 } },
      }),
      /does not match its hash: the file was edited/,
    ],
    ['truncated.json', JSON.stringify(GOLDEN).slice(0, 4000), /not valid JSON: it is truncated or corrupt/],
    ['future.json', JSON.stringify({ ...GOLDEN, version: 3 }), /version 3 is not supported/],
    ['scored.json', JSON.stringify({ ...GOLDEN, score: 100 }), /malformed[\s\S]*score/],
  ];
  for (const [name, text, why] of bad) {
    const path = testInfo.outputPath(name);
    writeFileSync(path, text);
    const message = await importFile(page, path, 'error');
    expect(message).toContain(`${name} was not imported, nothing was changed.`);
    expect(message).toMatch(why);
    await expect(history).toHaveAttribute('data-count', '3');
    expect(await savedRows(page)).toHaveLength(3);
  }
  await page.screenshot({ path: `${SHOTS_DIR}/record-5-bad-import.png` });

  await page.keyboard.press('Escape');
  await page.keyboard.press('h');
  await expect(history).toHaveAttribute('data-count', '3');
  await history.screenshot({ path: `${SHOTS_DIR}/record-history.png` });
  copyToDocs(`${SHOTS_DIR}/record-history.png`, 'history.png');
});

test('the seed box refuses a seed outside 0..2^32-1 with a visible message and starts nothing', async ({ page }) => {
  await page.goto('/?seed=42');
  const seed = page.getByTestId('seed');
  await expect(seed).toHaveValue('42');
  for (const bad of ['5e9', '4294967296', 'Infinity', '-1', '1.5']) {
    await seed.fill(bad);
    await expect(page.getByTestId('seed-error')).toContainText('whole number from 0 to 4294967295');
    await expect(page.getByTestId('start')).toBeDisabled();
    await seed.press('Enter');
    await expect(page.getByTestId('start')).toBeVisible();
    await expect(page.getByTestId('scenario-item').first()).toBeVisible();
  }
  await seed.fill('4294967295');
  await expect(page.getByTestId('seed-error')).toHaveCount(0);
  await expect(page.getByTestId('start')).toBeEnabled();

  // An address that pins a seed out of range is not replaced by another patient: the box shows it, refused.
  await page.goto('/?seed=5000000000');
  await expect(seed).toHaveValue('5000000000');
  await expect(page.getByTestId('seed-error')).toContainText('whole number from 0 to 4294967295');
  await expect(page.getByTestId('start')).toBeDisabled();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scenario-item').first()).toBeVisible();
});
