import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseScenario } from '../../levels/scenarioSchema';
import { planSchema } from '../../sim/plan';
import { phaseHeader, SHOTS_DIR, shot } from './playHelpers';
import { rehearsedAttempt } from './rehearsedAttempt';
import { inProgressRecord, seedRecordDb } from './seedRecord';

/**
 * A case of two levels in the browser: an attempt whose first level (T12) is cemented and its
 * instruments out is resumed from the record, the phase header says which level is being treated
 * and offers the next, Shift+U moves on to L1, and the images show the first level's cement while
 * the second is found. (The whole procedure is played headless in tests/unit/twoLevels.test.ts;
 * this is the part only the browser shows.)
 */
const SEED = 42;
const scenario = parseScenario(
  JSON.parse(readFileSync('levels/t12-l1-two-level-vertebroplasty.json', 'utf8')),
  't12-l1-two-level-vertebroplasty',
);

/** The expert plan, played in Node up to the moment the first level is closed (instruments out, in recovery of nothing yet). */
function firstLevelDone() {
  const plan = planSchema.parse(
    JSON.parse(readFileSync('levels/plans/textbook-vertebroplasty-two-levels.json', 'utf8')),
  );
  const cut = plan.steps.findIndex((s) => 'do' in s && s.do.type === 'level.next');
  return rehearsedAttempt(scenario, SEED, { ...plan, steps: plan.steps.slice(0, cut) });
}

test('two levels: the first cemented, Shift+U moves on to the second with the first level’s cement on the images', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { file, simTimeS } = firstLevelDone();
  await seedRecordDb(
    page,
    inProgressRecord({ id: 'two-level-attempt', trainee: 'Dr Two Levels', scenario, file, simTimeS, seed: SEED }),
  );

  await page.goto(`/?seed=${SEED}`);
  await expect(page.getByTestId('resume-offer')).toHaveAttribute('data-record-id', 'two-level-attempt');
  await page.keyboard.press('r');
  const header = phaseHeader(page);
  await expect(header).toHaveAttribute('data-phase', 'instrumentRemoval', { timeout: 60_000 });
  const level = page.getByTestId('treated-level');
  await expect(level).toContainText('Level 1 of 2: T12');
  await expect(level).toContainText('Shift+U moves on to L1');
  // Enter does not finish the procedure with a level left: the refusal says what to do.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status')).toContainText('The second fracture is still to treat');
  await expect(header).toHaveAttribute('data-phase', 'instrumentRemoval');

  await page.keyboard.press('Shift+U');
  await expect(header).toHaveAttribute('data-phase', 'access', { timeout: 10_000 });
  await expect(level).toHaveText('Level 2 of 2: L1');
  // The first level's cement is on the images while the second level is found.
  await shot(page, 'lateral');
  await expect(page.getByTestId('xray-lateral')).not.toContainText('NO IMAGE', { timeout: 10_000 });
  await page.getByTestId('xray-lateral').screenshot({ path: `${SHOTS_DIR}/two-levels-lateral.png` });
  await page.screenshot({ path: `${SHOTS_DIR}/two-levels-second-level.png` });
});
