import { readFileSync } from 'node:fs';
import { expect, type Locator, test, type Page } from '@playwright/test';
import { parseScenario } from '../../levels/scenarioSchema';
import { type Plan, type PlanStep, planSchema } from '../../sim/plan';
import { copyToDocs, phaseHeader, SHOTS_DIR, shot, swing, type View } from './playHelpers';
import { rehearsedAttempt } from './rehearsedAttempt';
import { inProgressRecord, seedRecordDb } from './seedRecord';

/**
 * The procedure screen's layout on a 1366 x 768 lab laptop and on a 1920 x 1080 screen: the L1
 * kyphoplasty case resumed from the record at the access, balloon and cement phases (the textbook
 * plan played in Node up to there, as twoLevels.spec.ts does), one image taken and stored in each
 * view so both monitors hold a picture. At each size and phase: each X-ray monitor is at least
 * 480 px wide (larger at 1920), AP on the left of lateral whichever view the C-arm is at, the live
 * monitor marked in words; the phase's own action buttons and the whole of its panel (readouts,
 * tables, the balloon's syringe) lie inside the viewport with neither the page nor the side panel
 * scrolled; the patient monitor shows all its rows; nothing in the side panel overflows sideways. Screenshots
 * go to test-results/layout-<size>-<phase>.png, and to docs/images/ with UPDATE_DOCS_IMAGES=1.
 */

const SEED = 42;
const SCENARIO_ID = 'l1-osteoporotic-wedge';
const scenario = parseScenario(JSON.parse(readFileSync(`levels/${SCENARIO_ID}.json`, 'utf8')), SCENARIO_ID);
const textbook = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));

/** The textbook plan's steps up to (not including) the first step matching, plus any extra steps. */
function planUpTo(match: (s: PlanStep) => boolean, extra: readonly PlanStep[] = []): Plan {
  const cut = textbook.steps.findIndex(match);
  if (cut < 0) throw new Error('the textbook plan has no such step');
  return { ...textbook, steps: [...textbook.steps.slice(0, cut), ...extra] };
}

interface PhaseCase {
  readonly phase: 'access' | 'workingChannel' | 'balloon' | 'cement';
  /** The case's name where a phase is checked twice (its test's and screenshot's name). */
  readonly name?: string;
  /** Its screenshots are the README's (docs/images/layout-<size>-<phase>.png). */
  readonly inReadme?: boolean;
  readonly plan: () => Plan;
  /** The action buttons the phase is worked with (data-testid). */
  readonly actions: readonly string[];
}

const PHASES: readonly PhaseCase[] = [
  {
    phase: 'access',
    inReadme: true,
    // The entry set and the skin numbed: the trocar is aimed and pushed next.
    plan: () => planUpTo((s) => 'aimIdeal' in s),
    actions: ['action-aim.medialPlus', 'action-needle.advance2', 'action-needle.tap', 'action-fluoro.pedal'],
  },
  {
    phase: 'workingChannel',
    // Past the posterior wall, the instruments exchanged over the pin: the drill comes next. The
    // working cannula's panel at its longest (instruments, depth, feel).
    plan: () => planUpTo((s) => 'do' in s && s.do.type === 'channel.drill'),
    actions: ['action-channel.drill10', 'action-channel.drill20', 'action-fluoro.pedal'],
  },
  {
    phase: 'balloon',
    inReadme: true,
    // The balloon in and inflated to the endplate: the syringe's steps and the hold come next.
    plan: () => planUpTo((s) => 'repeat' in s && s.repeat.type === 'balloon.inflate' && 'balloonVolumeMl' in s.until),
    actions: [
      'control-balloon.inflate',
      'control-balloon.inflateFine',
      'control-balloon.hold',
      'control-balloon.deflate',
      'action-fluoro.pedal',
    ],
  },
  {
    phase: 'balloon',
    name: 'balloon-deflated',
    // Deflated, not yet removed: the panel at its tallest, the heights at three stages.
    plan: () => planUpTo((s) => 'do' in s && s.do.type === 'balloon.remove'),
    actions: ['control-balloon.remove', 'control-balloon.inflate', 'action-fluoro.pedal'],
  },
  {
    phase: 'cement',
    inReadme: true,
    // Mixed, doughy and the first 1.5 mL in: pushes, the tack test and stop come next.
    plan: () =>
      planUpTo(
        (s) => 'repeat' in s && s.repeat.type === 'cement.inject',
        [
          { do: { type: 'cement.inject', mL: 0.5 } },
          { waitS: 3 },
          { do: { type: 'cement.inject', mL: 0.5 } },
          { waitS: 3 },
          { do: { type: 'cement.inject', mL: 0.5 } },
          { waitS: 3 },
        ],
      ),
    actions: ['action-cement.inject05', 'action-cement.tackTest', 'action-cement.stop', 'action-fluoro.pedal'],
  },
];

const SIZES = [
  { name: '1366', width: 1366, height: 768, minMonitorPx: 480 },
  { name: '1920', width: 1920, height: 1080, minMonitorPx: 640 },
] as const;

async function resumeAt(page: Page, c: PhaseCase): Promise<void> {
  const { file, simTimeS } = rehearsedAttempt(scenario, SEED, c.plan());
  await seedRecordDb(
    page,
    inProgressRecord({ id: `layout-${c.phase}`, trainee: 'Dr Layout', scenario, file, simTimeS, seed: SEED }),
  );
  await page.goto(`/?seed=${SEED}`);
  await expect(page.getByTestId('resume-offer')).toHaveAttribute('data-record-id', `layout-${c.phase}`);
  await page.keyboard.press('r');
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', c.phase, { timeout: 60_000 });
  for (const view of ['AP', 'lateral'] as const)
    await expect(page.getByTestId(`xray-${view}`)).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  // Time x4: a single-plane swing is 20 s of sim time.
  for (const speed of ['time ×2', 'time ×4']) {
    await page.keyboard.press('f');
    await expect(page.getByTestId('time-speed')).toHaveText(speed);
  }
}

/** AP is the left monitor and lateral the right, and the live one (the view the arm is at) says so. */
async function expectMonitorOrder(page: Page, liveView: View): Promise<void> {
  const ap = (await page.getByTestId('xray-AP').boundingBox())!;
  const lat = (await page.getByTestId('xray-lateral').boundingBox())!;
  expect(ap.x + ap.width).toBeLessThanOrEqual(lat.x);
  const other: View = liveView === 'AP' ? 'lateral' : 'AP';
  await expect(page.getByTestId(`xray-${liveView}`)).toHaveAttribute('data-role', 'live');
  await expect(page.getByTestId(`xray-${liveView}-status`)).toContainText('LIVE');
  await expect(page.getByTestId(`xray-${other}-status`)).not.toContainText('LIVE');
}

interface Measured {
  readonly monitors: Record<View, { width: number; height: number }>;
  readonly page: { scrollHeight: number; innerHeight: number; scrollWidth: number; innerWidth: number };
  readonly panel: { scrollHeight: number; clientHeight: number; width: number };
  /** Elements of the side panel wider than it (overflowing sideways), by tag and class. */
  readonly overflowing: readonly string[];
}

async function measure(page: Page): Promise<Measured> {
  const monitors = {} as Record<View, { width: number; height: number }>;
  for (const view of ['AP', 'lateral'] as const) {
    const box = (await page.getByTestId(`xray-${view}-screen`).boundingBox())!;
    monitors[view] = { width: Math.round(box.width), height: Math.round(box.height) };
  }
  const rest = await page.evaluate(() => {
    const se = document.scrollingElement!;
    const panel = document.querySelector<HTMLElement>('[data-testid="or-panels"]')!;
    const pr = panel.getBoundingClientRect();
    const overflowing: string[] = [];
    for (const el of panel.querySelectorAll<HTMLElement>('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const clipped = r.left < pr.left - 0.5 || r.right > pr.right + 0.5 || el.scrollWidth > el.clientWidth + 1;
      if (clipped && getComputedStyle(el).overflowX !== 'auto')
        overflowing.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.width)} px)`);
    }
    return {
      page: {
        scrollHeight: se.scrollHeight,
        innerHeight: window.innerHeight,
        scrollWidth: se.scrollWidth,
        innerWidth: window.innerWidth,
      },
      panel: { scrollHeight: panel.scrollHeight, clientHeight: panel.clientHeight, width: Math.round(pr.width) },
      overflowing,
    };
  });
  return { monitors, ...rest };
}

/** The box of an element lies wholly inside the viewport (no scrolling needed to see or click it). */
async function expectOnScreen(
  page: Page,
  target: string | Locator,
  width: number,
  height: number,
  name = String(target),
): Promise<void> {
  const el = typeof target === 'string' ? page.getByTestId(target) : target;
  const testId = name;
  await expect(el, testId).toBeVisible();
  const box = (await el.boundingBox())!;
  expect(box.x, `${testId} left`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${testId} top`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${testId} right`).toBeLessThanOrEqual(width);
  expect(box.y + box.height, `${testId} bottom`).toBeLessThanOrEqual(height);
}

for (const size of SIZES) {
  for (const c of PHASES) {
    test(`layout ${size.width}x${size.height}, ${c.name ?? c.phase}: monitors ≥ ${size.minMonitorPx} px, AP left, actions on screen unscrolled`, async ({
      page,
    }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await resumeAt(page, c);
      // The plans leave the C-arm at lateral: an AP, then a lateral, each stored, so both monitors hold one.
      await shot(page, 'AP');
      await expectMonitorOrder(page, 'AP');
      await shot(page, 'lateral');
      await expectMonitorOrder(page, 'lateral');

      // The picture first, so that a failing check below can be looked at.
      const path = `${SHOTS_DIR}/layout-${size.name}-${c.name ?? c.phase}.png`;
      await page.screenshot({ path });
      const m = await measure(page);
      console.log(`layout ${size.name} ${c.name ?? c.phase}: ${JSON.stringify(m)}`);
      for (const view of ['AP', 'lateral'] as const) {
        expect(m.monitors[view].width, `${view} monitor width`).toBeGreaterThanOrEqual(size.minMonitorPx);
        // Square images: the monitor keeps the detector's aspect.
        expect(Math.abs(m.monitors[view].width - m.monitors[view].height)).toBeLessThanOrEqual(1);
      }
      expect(m.page.scrollHeight, 'page scroll height').toBeLessThanOrEqual(m.page.innerHeight);
      expect(m.page.scrollWidth, 'page scroll width').toBeLessThanOrEqual(m.page.innerWidth);
      expect(m.overflowing, 'side panel elements overflowing sideways').toEqual([]);
      const panelScroll = await page.getByTestId('or-panels').evaluate((el) => el.scrollTop);
      expect(panelScroll).toBe(0);
      for (const id of c.actions) await expectOnScreen(page, id, size.width, size.height);
      // The next step, where the step is complete (practice offers it only then).
      if ((await page.getByTestId('action-phase.next').count()) > 0)
        await expectOnScreen(page, 'action-phase.next', size.width, size.height);
      // The whole of the step's panel is on screen: its readouts, its tables and its buttons.
      const stepPanel = page.getByTestId(
        `${c.phase === 'access' || c.phase === 'workingChannel' ? 'trocar' : c.phase}-panel`,
      );
      await expectOnScreen(page, stepPanel, size.width, size.height, 'the step panel');
      // The patient monitor under the X-ray monitors shows every row it has, none cut off.
      const vitals = page.getByTestId('patient-monitor');
      await expectOnScreen(page, vitals, size.width, size.height, 'the patient monitor');
      const cut = await vitals.evaluate((el) => el.scrollHeight - el.clientHeight);
      expect(cut, 'patient monitor rows cut off (px)').toBeLessThanOrEqual(1);

      if (c.inReadme) copyToDocs(path, `layout-${size.name}-${c.phase}.png`);
    });
  }
}

test('layout: the monitors grow with the screen (1920 x 1080 wider than 1366 x 768)', async ({ page }) => {
  test.setTimeout(180_000);
  const widths: number[] = [];
  await resumeAt(page, PHASES[0]);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await swing(page, 'lateral');
    widths.push((await page.getByTestId('xray-AP-screen').boundingBox())!.width);
  }
  expect(widths[1]).toBeGreaterThan(widths[0] * 1.25);
});
