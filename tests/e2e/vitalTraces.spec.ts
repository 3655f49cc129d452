import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseScenario } from '../../levels/scenarioSchema';
import { traceAttempt } from '../../sim/attempt/attemptTrace';
import { planSchema } from '../../sim/plan';
import { SHOTS_DIR } from './playHelpers';
import { rehearsedAttempt } from './rehearsedAttempt';
import { seedRecordDb } from './seedRecord';

/**
 * The debrief's vital-sign plot in real Chromium: a finished attempt (the textbook kyphoplasty on
 * L1, seed 42, with 5 mg midazolam in pre-op, oxygen at 5 min and flumazenil at 6) is seeded into
 * the record, opened from the history, and replayed by the replay worker. The plot stands under the
 * timeline on the same time axis (same left edge and width), draws the alarms the sedation set off
 * the three answers and the examination in recovery, and its hidden table holds every sample with the numbers the same replay
 * gives in Node. Screenshot: test-results/vital-traces.png.
 */
const SEED = 42;
const scenario = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'l1-osteoporotic-wedge',
);

/** The textbook plan with the sedation and its answers after the case review, played to its end in Node. */
function sedatedAttempt() {
  const plan = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));
  const preOp = plan.steps.findIndex((s) => 'do' in s && s.do.type === 'phase.next') + 1;
  const steps = [
    ...plan.steps.slice(0, preOp),
    { do: { type: 'sedation.midazolam', mg: 5 } },
    { waitS: 300 },
    { do: { type: 'oxygen.nasal', lPerMin: 2 } },
    { waitS: 60 },
    { do: { type: 'sedation.flumazenil', mg: 0.5 } },
    ...plan.steps.slice(preOp),
  ];
  const { file, session, simTimeS } = rehearsedAttempt(scenario, SEED, planSchema.parse({ ...plan, steps }));
  const vitals = traceAttempt(scenario, SEED, session.log, session.tick, session.mode).vitals;
  return { file, simTimeS, vitals };
}

test('debrief: the vital signs under the timeline, with alarms, answers and a table of numbers', async ({ page }) => {
  test.setTimeout(5 * 60_000);
  const { file, simTimeS, vitals } = sedatedAttempt();
  expect(vitals.alarms.length).toBeGreaterThan(0);
  await seedRecordDb(page, {
    id: 'sedated-attempt',
    trainee: 'Dr Sedation',
    scenarioId: scenario.id,
    scenarioTitle: scenario.title,
    seed: SEED,
    mode: 'practice',
    status: 'finished',
    source: 'played',
    startedAt: Date.UTC(2026, 0, 6, 9, 0),
    updatedAt: Date.UTC(2026, 0, 6, 9, 30),
    endedAt: Date.UTC(2026, 0, 6, 9, 30),
    simTimeS,
    file,
  });

  await page.goto(`/?seed=${SEED}`);
  await page.getByTestId('trainee-name').fill('Dr Sedation');
  await page.getByTestId('trainee-name').blur();
  await page.keyboard.press('h');
  const row = page.locator('[data-testid="history-row"][data-record-id="sedated-attempt"]');
  await expect(row).toHaveAttribute('data-status', 'finished');
  await row.getByTestId('history-open').click();

  const plot = page.getByTestId('vitals-plot');
  await expect(plot).toBeVisible({ timeout: 120_000 });
  await expect(plot).toHaveAttribute('data-points', String(vitals.samples.length));

  // Under the timeline, on its axis: the two drawings start and end at the same x.
  const timeline = await page.getByTestId('debrief-timeline').locator('svg').boundingBox();
  const drawing = await plot.locator('svg').boundingBox();
  expect(timeline && drawing).toBeTruthy();
  expect(Math.abs(drawing!.x - timeline!.x)).toBeLessThan(1);
  expect(Math.abs(drawing!.width - timeline!.width)).toBeLessThan(1);
  expect(drawing!.y).toBeGreaterThan(timeline!.y);

  await expect(plot.locator('polyline')).toHaveCount(5);
  await expect(plot.getByTestId('vitals-alarm')).toHaveCount(vitals.alarms.length);
  await expect(plot.getByTestId('vitals-mark-answer')).toHaveCount(
    vitals.marks.filter((m) => m.kind === 'answer').length,
  );
  // Midazolam, oxygen, flumazenil, and the neurological examination every plan makes in recovery.
  await expect(plot.getByTestId('vitals-mark-answer')).toHaveCount(4);
  await expect(plot.getByTestId('vitals-mark-answer').first()).toHaveAttribute('aria-label', /^Midazolam 5 mg IV at /);

  // The hidden table: a row per sample, the numbers the replay gives in Node.
  const table = plot.getByTestId('vitals-table');
  await expect(table).toBeAttached();
  await expect(table.locator('tbody tr')).toHaveCount(vitals.samples.length);
  const first = vitals.samples[0];
  await expect(table.locator('tbody tr').first().locator('th, td')).toHaveText([
    '0:00',
    first.heartRateBpm.toFixed(0),
    first.systolicMmHg.toFixed(0),
    first.diastolicMmHg.toFixed(0),
    first.spo2Pct.toFixed(1),
    first.respiratoryRatePerMin.toFixed(1),
    'none',
  ]);
  const middle = Math.floor(vitals.samples.length / 2);
  const cells = await table.locator('tbody tr').nth(middle).locator('td').allTextContents();
  expect(Number(cells[3])).toBe(Number(vitals.samples[middle].spo2Pct.toFixed(1)));
  for (const c of cells.slice(0, 5)) expect(Number.isFinite(Number(c))).toBe(true);
  await expect(plot.getByTestId('vitals-events-table').locator('tbody tr')).toHaveCount(vitals.marks.length);

  await plot.scrollIntoViewIfNeeded();
  await page.getByTestId('debrief-timeline').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS_DIR}/vital-traces.png` });
  await plot.screenshot({ path: `${SHOTS_DIR}/vital-traces-plot.png` });
});
