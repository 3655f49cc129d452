import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { parseScenario } from '../../levels/scenarioSchema';
import { idealTrajectory } from '../../sim/anatomy';
import type { Command } from '../../sim/core';
import { planSchema, playPlan } from '../../sim/plan';
import { CASE_REVIEW_ITEMS, PRE_OP_ITEMS } from '../../sim/procedure';
import {
  aimAt,
  localisingPans,
  num,
  phaseHeader,
  setUpCArm,
  shot,
  stepOn,
  swing,
  tap,
  tickChecklist,
  type View,
} from './playHelpers';

/**
 * A whole kyphoplasty in exam mode, keyboard only, as a trainee sits it: steered by what an exam
 * shows (the checklist ticked, the angles set, the mallet taps, what the hand felt, the manometer,
 * the syringe's volume, the cement's clock and tack test, the dose panel, the phase strip) and by a
 * fixed sequence of keys known to be good for this patient. It never reads what an exam hides
 * (tissue at the tip, depth, progress, breaches, the cement's phase, "step complete" or
 * data-can-advance): src/procedure/examVisibility.ts.
 */

/** The access keys known to be good for one patient (scenario + seed), found by rehearsing them in Node. */
export interface ExamAccessPlan {
  /** Trocar angles to set with the arrow keys (whole degrees: one press is one degree). */
  readonly medialDeg: number;
  readonly caudalDeg: number;
  /** Hand pushes (Shift+W) until the hand feels bone. */
  readonly pushes: number;
  /** Mallet taps (Y) from there until the machine accepts the next step (tip past the posterior wall). */
  readonly taps: number;
}

/** The working channel's exchange, one J each in the browser (the textbook plan's order). */
const EXCHANGE_ORDER = [
  'stylet.remove',
  'guidePin.insert',
  'needle.remove',
  'introducer.insert',
  'guidePin.remove',
] as const;

/** A textbook plan's steps before the skin entry (checklists, positioning, C-arm set-up). */
function planUpToEntry(path: string) {
  const plan = planSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const cut = plan.steps.findIndex((s) => 'do' in s && s.do.type === 'needle.entry');
  if (cut < 0) throw new Error(`${path} never sets a skin entry`);
  return { ...plan, steps: plan.steps.slice(0, cut) };
}

export interface RehearsalOptions {
  /** The textbook plan whose steps up to the skin entry bring the case to access. */
  readonly plan: string;
  /** The drill the play runs through the introducer (kyphoplasty), checked to make the channel; null for none. */
  readonly drillMm: number | null;
}

/**
 * Rehearse the access on this patient in the engine, as a trainee practises a case before its exam
 * (the same scenario and seed give the same patient in Node and in the browser): the textbook
 * plan's steps up to the skin entry, then the very commands the browser play's keys send (left
 * entry, local, the ideal angles rounded to whole degrees by one-degree presses, 10 mm pushes until
 * the hand feels bone, taps). The taps are counted to the first one after which the machine accepts
 * the next step, and a drill the play then runs must make the working channel; else this throws,
 * naming what failed, before any browser is driven.
 */
export function rehearseExamAccess(scenarioId: string, seed: number, options: RehearsalOptions): ExamAccessPlan {
  const scenario = parseScenario(JSON.parse(readFileSync(`levels/${scenarioId}.json`, 'utf8')));
  const run = playPlan(scenario, seed, planUpToEntry(options.plan), { mode: 'exam' });
  if (run.stoppedAt) throw new Error(`rehearsal: plan step ${run.stoppedAt.step}: ${run.stoppedAt.reason}`);
  const s = run.session;
  const send = (command: Command) => {
    const r = s.dispatch(command);
    if (!r.accepted) throw new Error(`rehearsal: ${command.type} refused: ${r.reason}`);
  };
  const felt = (pattern: RegExp) => s.snapshot().events.some((e) => pattern.test(e.event.type));
  send({ type: 'needle.entry', side: 'left', lateralMm: 0, cranialMm: 0 });
  send({ type: 'local.anaesthetic' });
  const ideal = idealTrajectory(s.snapshot().anatomy, 'left');
  const medialDeg = Math.round(ideal.medialDeg);
  const caudalDeg = Math.round(ideal.caudalDeg);
  send({ type: 'needle.aim', medialDeg, caudalDeg });
  let pushes = 0;
  for (; pushes < 20 && !felt(/^needle\.(docked|stalled)$/); pushes++) {
    send({ type: 'needle.advance', mm: 10 });
    s.advance(6);
  }
  if (!felt(/^needle\.(docked|stalled)$/)) throw new Error('rehearsal: the hand never felt bone');
  let taps = 0;
  for (; taps < 60 && !s.snapshot().allowed.includes('phase.next'); taps++) {
    send({ type: 'needle.tap' });
    s.advance(1);
  }
  send({ type: 'phase.next' });
  if (options.drillMm !== null) {
    for (const step of EXCHANGE_ORDER) send({ type: 'instrument.exchange', step });
    send({ type: 'channel.drill', mm: options.drillMm });
    for (let i = 0; i < 120 && !felt(/^channel\.(ready|short)$/); i++) s.advance(1);
    if (!felt(/^channel\.ready$/))
      throw new Error(`rehearsal: a ${options.drillMm} mm drill does not make the working channel`);
  }
  return { medialDeg, caudalDeg, pushes, taps };
}

/** C-arm keys for one view: tilt presses (Shift+↑ +1 deg, Shift+↓ -1 deg) and orbit presses (Shift+→ / Shift+←). */
export interface ViewKeys {
  readonly tilt: number;
  readonly orbit: number;
}

export interface ExamCArmPlan {
  readonly AP: ViewKeys;
  readonly lateral: ViewKeys;
}

/** An image within this of the true view counts as true (the textbook plan's tolerance; scoring allows more). */
const TRUE_VIEW_TOLERANCE_DEG = 1.5;

/**
 * Rehearse the C-arm set-up on this patient in the engine: the textbook plan's steps into the
 * C-arm set-up, the pans and mark the browser play presses (localisingPans), then for each view one
 * image, whose misalignment a trainee reads off it (doubled endplates, an off-centre spinous process:
 * the image.acquired alignment here), corrected in whole-degree key presses and checked on a second
 * image. Throws, naming the view, when the presses do not give a true view.
 */
export function rehearseExamCArm(scenarioId: string, seed: number, planPath: string): ExamCArmPlan {
  const scenario = parseScenario(JSON.parse(readFileSync(`levels/${scenarioId}.json`, 'utf8')));
  const plan = planSchema.parse(JSON.parse(readFileSync(planPath, 'utf8')));
  // The third phase.next of the plan enters the C-arm set-up (case review, pre-op, positioning come first).
  const nexts = plan.steps.flatMap((step, i) => ('do' in step && step.do.type === 'phase.next' ? [i] : []));
  const run = playPlan(scenario, seed, { ...plan, steps: plan.steps.slice(0, nexts[2] + 1) }, { mode: 'exam' });
  if (run.stoppedAt) throw new Error(`rehearsal: plan step ${run.stoppedAt.step}: ${run.stoppedAt.reason}`);
  const s = run.session;
  if (s.snapshot().phase !== 'cArmSetup') throw new Error(`rehearsal: in ${s.snapshot().phase}, not the C-arm set-up`);
  const send = (command: Command) => {
    const r = s.dispatch(command);
    if (!r.accepted) throw new Error(`rehearsal: ${command.type} refused: ${r.reason}`);
  };
  const { far, near } = localisingPans(scenario, seed, 'exam');
  for (let i = 0; i < Math.abs(far); i++) send({ type: 'carm.pan', dCranialMm: Math.sign(far) * 50 });
  for (let i = 0; i < Math.abs(near); i++) send({ type: 'carm.pan', dCranialMm: Math.sign(near) * 5 });
  send({ type: 'level.mark' });
  const look = (view: View) => {
    if (s.snapshot().carm.view !== view) send({ type: 'carm.view', view });
    while (s.snapshot().carm.movingS > 0) s.advance(0.5);
    send({ type: 'fluoro.expose', on: true });
    s.advance(0.5);
    send({ type: 'fluoro.expose', on: false });
    const image = s
      .snapshot()
      .events.filter((e) => e.event.type === 'image.acquired' && e.event.view === view)
      .pop();
    if (image?.event.type !== 'image.acquired' || !image.event.alignment)
      throw new Error(`rehearsal: no ${view} image`);
    return image.event.alignment;
  };
  const keysFor = (view: View): ViewKeys => {
    const a = look(view);
    // Orbit turns the AP and the lateral in opposite senses about the long axis (sim/plan/trueViewStep.ts).
    const keys = {
      tilt: Math.round(-a.craniocaudalDeg),
      orbit: Math.round((view === 'AP' ? -1 : 1) * a.axialDeg) || 0,
    };
    for (let i = 0; i < Math.abs(keys.tilt); i++)
      send({ type: 'carm.adjust', dOrbitDeg: 0, dTiltDeg: Math.sign(keys.tilt) });
    for (let i = 0; i < Math.abs(keys.orbit); i++)
      send({ type: 'carm.adjust', dOrbitDeg: Math.sign(keys.orbit), dTiltDeg: 0 });
    const after = look(view);
    if (Math.max(Math.abs(after.axialDeg), Math.abs(after.craniocaudalDeg)) > TRUE_VIEW_TOLERANCE_DEG)
      throw new Error(`rehearsal: the ${view} is still off the true view after ${JSON.stringify(keys)}`);
    return keys;
  };
  return { AP: keysFor('AP'), lateral: keysFor('lateral') };
}

/** Shutter presses from fully open (115 mm half-field) to the textbook plan's 70 x 80 mm: `[` narrows, `{` lowers, 5 mm each. */
const SHUTTER_NARROW_PRESSES = 9;
const SHUTTER_LOWER_PRESSES = 7;

/** At a view: turn it to its true view by the rehearsed keys, then collimate to the region of interest. */
async function alignAndCollimate(page: Page, keys: ViewKeys): Promise<void> {
  for (let i = 0; i < Math.abs(keys.tilt); i++)
    await page.keyboard.press(keys.tilt > 0 ? 'Shift+ArrowUp' : 'Shift+ArrowDown');
  for (let i = 0; i < Math.abs(keys.orbit); i++)
    await page.keyboard.press(keys.orbit > 0 ? 'Shift+ArrowRight' : 'Shift+ArrowLeft');
  const field = page.getByTestId('carm-field');
  const open = (await field.textContent()) ?? '';
  for (let i = 0; i < SHUTTER_NARROW_PRESSES; i++) await page.keyboard.press('[');
  for (let i = 0; i < SHUTTER_LOWER_PRESSES; i++) await page.keyboard.press('{');
  await expect(field).not.toHaveText(open);
}

/** What the exam play did, for the log and for the spec's checks. */
export interface ExamPlayRecord {
  readonly carm: ExamCArmPlan;
  readonly access: ExamAccessPlan;
  readonly balloonMl: number;
  readonly balloonPeakPsi: number;
  readonly cementInjectedMl: number;
  readonly tackTests: readonly string[];
}

/**
 * The manometer reading at which the inflation stops: nearing the balloon's 300 psi rating, as the
 * textbook plan inflates on toward the maximum volume unless the manometer nears the rating (on this
 * patient 3 mL at about 270 psi; stopping at 200 psi leaves most of the height unregained).
 */
const BALLOON_STOP_PSI = 250;
const BALLOON_MAX_ML = 4;
/** Cement pushed from the devices, the first ~1 mL of which fills the cannula: about 3.5 mL in the body. */
const CEMENT_TARGET_ML = 4.5;

const simTime = async (page: Page) => Number(await page.getByTestId('sim-time').getAttribute('data-time-s'));

/**
 * Push by hand, 10 mm at a time (Shift+W), until the hand feels bone: the events feed says the
 * trocar docked, or that the push stalled (an exam words both without the tissue). An exam shows no
 * depth, so each push is given six sim seconds to run out.
 */
async function pushUntilFelt(page: Page): Promise<number> {
  const feed = page.getByTestId('events-feed');
  const felt = async () => /Trocar docked on bone|Hand push stalled/.test((await feed.textContent()) ?? '');
  let pushes = 0;
  for (; pushes < 20 && !(await felt()); pushes++) {
    const before = await simTime(page);
    await page.keyboard.press('Shift+W');
    await expect
      .poll(async () => (await felt()) || (await simTime(page)) >= before + 6, { timeout: 30_000 })
      .toBe(true);
  }
  await expect(feed).toContainText(/Trocar docked on bone|Hand push stalled/);
  return pushes;
}

/** Tack test (Shift+C): returns the panel's new line (time since mixing and the feel). */
export async function tackTest(page: Page): Promise<string> {
  const tack = page.getByTestId('cement-tack');
  const before = (await tack.textContent()) ?? '';
  await page.keyboard.press('Shift+C');
  await expect(tack).not.toHaveText(before);
  return (await tack.textContent()) ?? '';
}

/**
 * Play a unipedicular kyphoplasty in exam mode from case review to the discharge decision (the
 * caller presses the last Enter: what the app shows then depends on the attempt). The page must be
 * on the procedure screen of `scenarioId` with `seed`, in exam mode, at case review.
 */
export async function playExamKyphoplasty(page: Page, scenarioId: string, seed: number): Promise<ExamPlayRecord> {
  const plan = 'levels/plans/textbook-kyphoplasty.json';
  const carm = rehearseExamCArm(scenarioId, seed, plan);
  const access = rehearseExamAccess(scenarioId, seed, { plan, drillMm: 20 });
  await expect(page.getByTestId('procedure')).toHaveAttribute('data-mode', 'exam');
  await expect(phaseHeader(page)).toHaveAttribute('data-phase', 'caseReview', { timeout: 30_000 });
  await tickChecklist(page, CASE_REVIEW_ITEMS);
  await stepOn(page, 'preOp');
  await tickChecklist(page, PRE_OP_ITEMS);
  await stepOn(page, 'positioning');
  await page.keyboard.press('p');
  await stepOn(page, 'cArmSetup');
  await setUpCArm(page, scenarioId, 'exam', seed, (view) => alignAndCollimate(page, carm[view]));
  await stepOn(page, 'access');

  // Access: left entry, local, the rehearsed angles, push by hand to bone, the rehearsed taps
  // under alternating AP and lateral shots, then both views before the next step.
  await page.keyboard.press('e');
  await expect(page.getByTestId('trocar-side')).toHaveText('left');
  await page.keyboard.press('n');
  await aimAt(page, access.medialDeg, access.caudalDeg);
  await expect.poll(async () => Math.abs((await num(page, 'trocar-caudal')) - access.caudalDeg)).toBeLessThan(0.05);
  await shot(page, 'lateral');
  expect(await pushUntilFelt(page)).toBe(access.pushes);
  for (let i = 0; i < access.taps; i++) {
    await tap(page);
    if (i % 2 === 1) await shot(page, i % 4 === 1 ? 'AP' : 'lateral');
  }
  await shot(page, 'AP');
  await shot(page, 'lateral');
  await stepOn(page, 'workingChannel');

  // Working channel: the exchange in its real order (one J each), then a 20 mm drill under lateral control.
  const stack = page.getByTestId('trocar-instruments');
  for (const expected of ['needle', 'needle+pin', 'pin', 'cannula+pin', 'cannula']) {
    await page.keyboard.press('j');
    await expect(stack).toHaveAttribute('data-stack', expected);
  }
  await swing(page, 'lateral');
  await page.keyboard.press('Shift+D');
  await expect(page.getByTestId('events-feed')).toContainText('Drill stopped', { timeout: 60_000 });
  await shot(page, 'lateral');
  await stepOn(page, 'balloon');

  // Balloon: insert, inflate 0.25 mL at a time until the manometer reaches the stop pressure or the
  // volume the maximum, images, deflate, remove.
  await page.keyboard.press('b');
  await shot(page, 'lateral');
  for (let i = 0; i < 24; i++) {
    if ((await num(page, 'balloon-pressure')) >= BALLOON_STOP_PSI) break;
    const before = await num(page, 'balloon-volume');
    if (before >= BALLOON_MAX_ML) break;
    await page.keyboard.press('=');
    await expect.poll(() => num(page, 'balloon-volume')).toBeGreaterThan(before);
  }
  const balloonMl = await num(page, 'balloon-volume');
  const balloonPeakPsi = await num(page, 'balloon-peak');
  await shot(page, 'lateral');
  await shot(page, 'AP');
  await page.keyboard.press('x');
  await expect.poll(() => num(page, 'balloon-volume'), { timeout: 60_000 }).toBe(0);
  await page.keyboard.press('r');
  await stepOn(page, 'cement');

  // Cement: mix, wait in 30 s steps with a tack test after each until the glove says doughy, then
  // inject 0.5 mL at a time under continuous lateral fluoroscopy, loading the next bone filler when
  // the one in hand cannot give 0.5 mL, to the planned volume.
  await page.keyboard.press('c');
  await expect(page.getByTestId('cement-clock')).toBeVisible();
  const tackTests: string[] = [];
  for (let i = 0; i < 40; i++) {
    const before = await simTime(page);
    await page.keyboard.press('t');
    await expect.poll(() => simTime(page)).toBeGreaterThanOrEqual(before + 30);
    const feel = await tackTest(page);
    tackTests.push(feel);
    if (feel.includes('doughy')) break;
  }
  expect(tackTests.at(-1)).toContain('doughy');
  await swing(page, 'lateral');
  await page.keyboard.down('Space');
  for (let i = 0; i < 14 && (await num(page, 'cement-injected')) < CEMENT_TARGET_ML - 0.01; i++) {
    if ((await num(page, 'cement-device-ml')) < 0.5) {
      const used = await num(page, 'cement-devices-used');
      await page.keyboard.press('Shift+R');
      await expect.poll(() => num(page, 'cement-devices-used')).toBe(used + 1);
    }
    const before = await num(page, 'cement-injected');
    await page.keyboard.press('v');
    await expect.poll(() => num(page, 'cement-injected'), { timeout: 60_000 }).toBeGreaterThanOrEqual(before + 0.49);
  }
  await page.keyboard.up('Space');
  await page.keyboard.press('z');
  const cementInjectedMl = await num(page, 'cement-injected');
  await shot(page, 'lateral');
  await shot(page, 'AP');
  await stepOn(page, 'instrumentRemoval');

  await page.keyboard.press('u');
  await stepOn(page, 'finalImages');
  await shot(page, 'AP');
  await shot(page, 'lateral');
  await stepOn(page, 'recovery');
  await recoveryCare(page);
  await page.keyboard.press('h');
  return { carm, access, balloonMl, balloonPeakPsi, cementInjectedMl, tackTests };
}

/**
 * What recovery asks before the discharge decision (sim/scoring/recoveryCare.ts), by keyboard: the
 * legs examined (Shift+E), the routine counselling through its dialog (;, Space ticks, Tab moves on,
 * Enter counsels) and an hour observed (' waits 10 min).
 */
export async function recoveryCare(page: Page): Promise<void> {
  await page.keyboard.press('Shift+E');
  await page.keyboard.press(';');
  const counsel = page.getByRole('dialog', { name: 'Counsel the patient' });
  await expect(counsel).toBeVisible();
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect(counsel).toBeHidden();
  for (let i = 0; i < 6; i++) await page.keyboard.press("'");
}
