import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { parseScenario } from '../../levels/scenarioSchema';
import { planSchema } from '../../sim/plan';
import { CASE_REVIEW_ITEMS, PRE_OP_ITEMS } from '../../sim/procedure';
import { nextPhase, num, phaseHeader, SHOTS_DIR, tickChecklist } from './playHelpers';
import { rehearsedAttempt } from './rehearsedAttempt';
import { seedRecordDb } from './seedRecord';

/**
 * Complications of the patient model managed from the keyboard, read off the patient monitor:
 *
 * - Anaphylaxis: the L1 wedge case with a cefazolin allergy, imported through the scenario editor
 *   as a user would and published; the case review names the allergy; the pre-op antibiotics tick
 *   (6) gives cefazolin; time on (Shift+T) until the monitor alarms; adrenaline (Shift+A), help
 *   (Shift+H), oxygen (Shift+O) and fluids (Shift+F) show on the monitor, and the SpO2 and the
 *   systolic come back. Choosing clindamycin (9) before the tick gives no reaction.
 * - Cement embolism: a vertebroplasty attempt on liquid cement (seed 42), played headless up to the
 *   first push and resumed from the record; the cement is pushed on through the leaks (Shift+R,
 *   Shift+V) until the feed names the embolism and the SpO2 alarms; stop (Z), oxygen, help and fluids
 *   show on the monitor, and oxygen and fluids win back part of the SpO2 and the systolic (the cement
 *   stays in the lungs: no full recovery is modelled).
 *
 * Screenshots of the monitor: test-results/complication-*.png.
 */

const ALLERGIC_ID = 'e2e-l1-cefazolin-allergy';
const ALLERGIC_TITLE = 'L1 wedge, allergic to cefazolin';

/** The shipped L1 wedge case as a file, with a cefazolin anaphylaxis in its patient and its own id and title. */
function allergicScenarioFile(): Buffer {
  const raw = JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8'));
  raw.id = ALLERGIC_ID;
  raw.title = ALLERGIC_TITLE;
  raw.patient = { ...raw.patient, allergies: [{ agent: 'cefazolin', reaction: 'anaphylaxis' }] };
  return Buffer.from(JSON.stringify(raw, null, 2));
}

const monitor = (page: Page) => page.getByTestId('patient-monitor');
const alarms = (page: Page) => page.getByTestId('patient-alarms');
const feed = (page: Page) => page.getByTestId('events-feed');

/** The monitor's numbers: HR, systolic, SpO2, RR. */
async function vitals(page: Page) {
  const bp = (await page.getByTestId('vital-bp').textContent()) ?? '';
  return {
    hr: await num(page, 'vital-hr'),
    systolic: Number(/(\d+)\s*\//.exec(bp)?.[1] ?? Number.NaN),
    spo2: await num(page, 'vital-spo2'),
    rr: await num(page, 'vital-rr'),
  };
}

/** Press a waiting key (T: 30 s, Shift+T: 120 s) and wait until the sim clock has taken the jump. */
async function waitKey(page: Page, key: 't' | 'Shift+T'): Promise<void> {
  const clock = page.getByTestId('sim-time');
  const before = Number(await clock.getAttribute('data-time-s'));
  await page.keyboard.press(key);
  const jump = key === 't' ? 30 : 120;
  await expect.poll(async () => Number(await clock.getAttribute('data-time-s'))).toBeGreaterThanOrEqual(before + jump);
}

/** Import the allergic case in the editor, publish it, start it from the menu, and reach the case review. */
async function openAllergicCase(page: Page): Promise<void> {
  await page.goto('/?seed=1');
  await expect(page.getByTestId('scenario-item').first()).toBeVisible();
  await page.keyboard.press('e');
  await expect(page.getByTestId('editor')).toBeVisible();
  await page.getByTestId('editor-import').setInputFiles({
    name: 'l1-cefazolin-allergy.json',
    mimeType: 'application/json',
    buffer: allergicScenarioFile(),
  });
  await expect(page.getByTestId('editor-message')).toContainText('Imported l1-cefazolin-allergy.json');
  await expect(page.getByTestId('editor-publish')).toBeEnabled();
  await page.getByTestId('editor-publish').click();
  await expect(page.getByTestId('editor-message')).toContainText(`Published ${ALLERGIC_ID} v1`);
  await page.keyboard.press('Escape');
  const mine = page.locator(`[data-testid="scenario-item"][data-scenario-id="${ALLERGIC_ID}"]`);
  await expect(mine).toBeVisible();
  for (let i = 0; i < 40 && (await mine.getAttribute('data-selected')) !== 'true'; i++)
    await page.keyboard.press('ArrowUp');
  await expect(mine).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await expect(page.getByTestId('procedure')).toContainText(ALLERGIC_TITLE);
  await expect(page.getByTestId('case-allergies')).toHaveText('Allergies: cefazolin (anaphylaxis)');
  await tickChecklist(page, CASE_REVIEW_ITEMS);
  await nextPhase(page, 'preOp');
}

test('anaphylaxis to cefazolin: alarms after the antibiotic, adrenaline, help, oxygen and fluids bring it back', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await openAllergicCase(page);
  // Keys 4-8 tick the pre-op list; 6 gives the antibiotic, cefazolin by default.
  await tickChecklist(page, PRE_OP_ITEMS);
  await expect(page.getByTestId('checklist-antibiotic')).toContainText(/cefazolin/i);
  // On the table (the monitor is on from positioning): no sign yet, the onset is two minutes on.
  await nextPhase(page, 'positioning');
  await expect(page.getByTestId('vital-allergy')).toHaveCount(0);
  const rest = await vitals(page);
  expect(rest.spo2).toBeGreaterThanOrEqual(93);
  expect(rest.systolic).toBeGreaterThanOrEqual(120);

  // Time on, two minutes a press, until the monitor alarms on the SpO2 (the chest and circulation signs).
  await expect(async () => {
    await waitKey(page, 'Shift+T');
    await expect(alarms(page)).toContainText('SpO2 low', { timeout: 1_500 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('vital-allergy')).toBeVisible();
  await expect(page.getByTestId('vital-spo2')).toContainText('LOW');
  await expect(feed(page)).toContainText('Suspected anaphylaxis (moderate)');
  const worst = await vitals(page);
  expect(worst.spo2).toBeLessThan(90);
  expect(worst.systolic).toBeLessThan(rest.systolic - 10);
  expect(worst.hr).toBeGreaterThan(rest.hr + 15);
  await monitor(page).screenshot({ path: `${SHOTS_DIR}/complication-anaphylaxis-before.png` });

  // The answers, each on the monitor as it is given.
  await page.keyboard.press('Shift+A');
  await expect(page.getByTestId('vital-adrenaline')).toHaveText(/^0\.5 mg IM/);
  await page.keyboard.press('Shift+H');
  await expect(page.getByTestId('vital-help')).toHaveText('called');
  await page.keyboard.press('Shift+O');
  await expect(page.getByTestId('vital-oxygen')).toHaveText('2 L/min');
  await page.keyboard.press('Shift+F');
  await expect(page.getByTestId('vital-fluids')).toHaveText(/^500 mL/);

  // Six minutes on: the SpO2 and the systolic are back over the alarm limits, and no alarm stands.
  for (let i = 0; i < 3; i++) await waitKey(page, 'Shift+T');
  await expect(alarms(page)).toHaveText('No alarms', { timeout: 10_000 });
  const after = await vitals(page);
  console.log(`anaphylaxis: ${JSON.stringify({ rest, worst, after })}`);
  expect(after.spo2).toBeGreaterThanOrEqual(93);
  expect(after.spo2).toBeGreaterThan(worst.spo2 + 4);
  expect(after.systolic).toBeGreaterThanOrEqual(120);
  expect(after.systolic).toBeGreaterThan(worst.systolic + 15);
  expect(after.hr).toBeLessThan(worst.hr);
  await monitor(page).screenshot({ path: `${SHOTS_DIR}/complication-anaphylaxis-after.png` });
});

test('anaphylaxis avoided: clindamycin chosen (9) before the antibiotic tick gives no reaction', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await openAllergicCase(page);
  await page.keyboard.press('9');
  await expect(page.getByTestId('checklist-antibiotic')).toContainText(/clindamycin/i);
  await tickChecklist(page, PRE_OP_ITEMS);
  await expect(page.getByTestId('checklist-antibiotic')).toContainText(/clindamycin/i);
  await nextPhase(page, 'positioning');
  const rest = await vitals(page);
  // Eight minutes on (the cefazolin reaction is severe by seven): nothing.
  for (let i = 0; i < 4; i++) await waitKey(page, 'Shift+T');
  await expect(alarms(page)).toHaveText('No alarms');
  await expect(page.getByTestId('vital-allergy')).toHaveCount(0);
  await expect(feed(page)).not.toContainText('anaphylaxis');
  const after = await vitals(page);
  console.log(`clindamycin: ${JSON.stringify({ rest, after })}`);
  expect(Math.abs(after.spo2 - rest.spo2)).toBeLessThanOrEqual(1);
  expect(Math.abs(after.systolic - rest.systolic)).toBeLessThanOrEqual(5);
  await monitor(page).screenshot({ path: `${SHOTS_DIR}/complication-clindamycin.png` });
});

const EMBOLISM_SEED = 42;
const vertebroplasty = parseScenario(
  JSON.parse(readFileSync('levels/t12-biconcave-vertebroplasty.json', 'utf8')),
  't12-biconcave-vertebroplasty',
);

/** The liquid-cement vertebroplasty played in Node up to its first push (cement mixed 20 s before, in its liquid phase). */
function beforeTheLiquidPush() {
  const plan = planSchema.parse(
    JSON.parse(readFileSync('tests/fixtures/plans/liquid-cement-vertebroplasty.json', 'utf8')),
  );
  const push = plan.steps.findIndex((s) => 'repeat' in s && s.repeat.type === 'cement.inject');
  return rehearsedAttempt(vertebroplasty, EMBOLISM_SEED, { ...plan, steps: plan.steps.slice(0, push) });
}

test('cement embolism: liquid cement pushed on through the leaks, the SpO2 alarms, stop, oxygen, help and fluids', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  const { file, simTimeS } = beforeTheLiquidPush();
  await seedRecordDb(page, {
    id: 'liquid-cement-attempt',
    trainee: 'Dr Liquid',
    scenarioId: vertebroplasty.id,
    scenarioTitle: vertebroplasty.title,
    seed: EMBOLISM_SEED,
    mode: 'practice',
    status: 'in-progress',
    source: 'played',
    startedAt: Date.UTC(2026, 0, 7, 8, 0),
    updatedAt: Date.UTC(2026, 0, 7, 8, 20),
    simTimeS,
    file,
  });
  await page.goto(`/?seed=${EMBOLISM_SEED}`);
  await expect(page.getByTestId('resume-offer')).toHaveAttribute('data-record-id', 'liquid-cement-attempt');
  await page.keyboard.press('r');
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', 'cement', { timeout: 60_000 });
  await expect(page.getByTestId('cement-phase')).toContainText('liquid');
  const rest = await vitals(page);
  await expect(alarms(page)).toHaveText('No alarms');

  // Push on through the leaks, a syringe loaded (Shift+R) whenever the one in hand is short, until the
  // feed names the embolism or the batch is used up.
  const named = feed(page).getByText(/Suspected cement pulmonary embolism \((moderate|severe)\)/);
  for (let i = 0; i < 20 && (await named.count()) === 0; i++) {
    if ((await num(page, 'cement-device-ml')) < 0.5) {
      if ((await num(page, 'cement-batch-ml')) < 0.5) break;
      const used = await num(page, 'cement-devices-used');
      await page.keyboard.press('Shift+R');
      await expect.poll(() => num(page, 'cement-devices-used')).toBe(used + 1);
    }
    const injected = await num(page, 'cement-injected');
    await page.keyboard.press('Shift+V');
    await expect.poll(() => num(page, 'cement-injected'), { timeout: 30_000 }).toBeGreaterThan(injected);
  }
  // The pushes queue up and flow at the pace of the plunger: wait until the batch has gone in, most of it out by the leaks.
  await expect.poll(() => num(page, 'cement-injected'), { timeout: 90_000 }).toBeGreaterThanOrEqual(9.9);
  expect(await num(page, 'cement-leaked')).toBeGreaterThan(3);
  // Stop the injection (Z); the cement in the veins still reaches the lungs: time on (T, 30 s) until
  // the feed names the embolism and the monitor alarms on the SpO2.
  await page.keyboard.press('z');
  await expect(async () => {
    await waitKey(page, 't');
    await expect(named.first()).toBeVisible({ timeout: 1_000 });
    await expect(alarms(page)).toContainText('SpO2 low', { timeout: 1_500 });
  }).toPass({ timeout: 60_000 });
  // Two minutes on, the cement in transit has reached the lungs and the signs have settled.
  await waitKey(page, 'Shift+T');
  const venous = /venous: ([\d.]+) mL/.exec((await page.getByTestId('cement-panel').textContent()) ?? '')?.[1];
  expect(Number(venous)).toBeGreaterThan(0.5);
  const worst = await vitals(page);
  expect(worst.spo2).toBeLessThan(90);
  expect(worst.spo2).toBeLessThan(rest.spo2 - 5);
  expect(worst.hr).toBeGreaterThan(rest.hr + 10);
  expect(worst.systolic).toBeLessThan(rest.systolic - 10);
  await expect(page.getByTestId('vital-spo2')).toContainText('LOW');
  await monitor(page).screenshot({ path: `${SHOTS_DIR}/complication-embolism-before.png` });

  await page.keyboard.press('Shift+O');
  await expect(page.getByTestId('vital-oxygen')).toHaveText('2 L/min');
  await page.keyboard.press('Shift+H');
  await expect(page.getByTestId('vital-help')).toHaveText('called');
  await page.keyboard.press('Shift+F');
  await expect(page.getByTestId('vital-fluids')).toHaveText(/^500 mL/);
  await waitKey(page, 'Shift+T');
  // Oxygen wins back the dead-space share of the fall, the fluids part of the pressure.
  const after = await vitals(page);
  console.log(`embolism: ${JSON.stringify({ venousMl: venous, rest, worst, after })}`);
  expect(after.spo2).toBeGreaterThan(worst.spo2 + 2);
  expect(after.systolic).toBeGreaterThan(worst.systolic + 5);
  await monitor(page).screenshot({ path: `${SHOTS_DIR}/complication-embolism-after.png` });
});
