import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../levels/scenarioSchema';
import { segmentationFinding, segmentationOf } from '../../sim/anatomy';
import type { TrainingMode } from '../../sim/core';
import { runPlan, type Plan, type PlanStep } from '../../sim/plan';
import { createSession, type SimSnapshot } from '../../sim/session';
import { CaseScreen } from '../../src/procedure/CaseScreen';
import { describeEvent } from '../../src/procedure/describeEvent';
import { EXAM_EVENT_VISIBILITY, eventVisibility, shownRefusal, shows } from '../../src/procedure/examVisibility';
import { leaveQuestion } from '../../src/procedure/leaveQuestion';
import { ActionBar } from '../../src/procedure/panels/ActionBar';
import { EventsFeed } from '../../src/procedure/panels/EventsFeed';
import { OrPanels } from '../../src/procedure/panels/OrPanels';
import { PhaseHeader } from '../../src/procedure/panels/PhaseHeader';
import { MeasuredFigures } from '../../src/procedure/panels/PreopFilm';
import { shownHint } from '../../src/procedure/practiceHint';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * Exam mode on the procedure screen gives away nothing an image would have to show. A real session
 * is driven through every phase by scripted plans (the expert kyphoplasty and vertebroplasty, and
 * a plan that breaches the medial wall and leaks, so breach lines and leaks exist to be hidden);
 * at the end of each phase (just before the next step is accepted) and at the end, the screen's
 * panels, phase header, action bar and events feed are rendered in exam and in practice mode. The
 * exam text must match none of the clues below; the practice text must show each of them somewhere,
 * so a clue that stops appearing in practice (renamed, moved) fails here instead of passing blind.
 */
const CLUES: readonly (readonly [string, RegExp])[] = [
  ['tissue at the tip', /Tissue at tip/],
  ['breach lines', /No breach|breach \w+ wall|Breach: /],
  ['trocar depth', /Depth\s*-?\d/],
  ['tip progress', /Progress\s*(In the|Docked|Outside)|Tip (in|past) the/],
  ['drilled channel', /Drilled channel|Working channel ready|Channel short/],
  [
    'cement phase',
    /Phase\s*(not mixed|liquid|sticky|working|setting|set)|Cement (liquid|sticky|working|setting|set)\b/,
  ],
  ['cement viscosity', /Viscosity|Pa·s/],
  ['push pressure', /Push pressure/],
  ['cement in body', /In body\s*\d/],
  ['cement reached the body', /Cement reached the vertebral body/],
  ['leak warnings', /Cement leak|Leaked\s*\d|not yet on an image/],
  ['step complete banner', /step complete/],
  ['hints', /Hint\s|Ideal (left|right) trajectory|usual working pressure/],
  ['pressure-volume curve', /Pressure-volume curve/],
  ['balloon cavity', /Cavity\s*\d/],
  ['height regained', /regained|Wedge angle/],
  ['off true view', /Off true view/],
  [
    'tack test meaning',
    /Too early: liquid|Not yet: wait until it stops|Ready to inject|little time left to push|can no longer be pushed/,
  ],
  ['skin mark over the fracture', /Skin marked over/],
  ['stall tissue', /stalled on/],
  ['finding verdicts', /finding-tag/],
];

/** Markup test ids of the readouts exam mode leaves out (a hidden readout must not exist at all). */
const HIDDEN_TEST_IDS = [
  'trocar-tissue',
  'trocar-depth',
  'trocar-milestone',
  'trocar-breaches',
  'cement-phase',
  'cement-viscosity',
  'cement-inbody',
  'cement-leaked',
  'cement-leaks',
  'balloon-cavity',
  'heights',
  'carm-obliquity',
  'hint',
];

interface Case {
  readonly label: string;
  readonly scenario: string;
  readonly plan: string;
  readonly seed: number;
  /** Add a tack test once the cement is working (the expert plans judge it by the clock alone). */
  readonly tackTest?: boolean;
}

const CASES: readonly Case[] = [
  {
    label: 'expert kyphoplasty',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'levels/plans/textbook-kyphoplasty.json',
    seed: 42,
    tackTest: true,
  },
  {
    label: 'expert vertebroplasty',
    scenario: 'levels/t12-biconcave-vertebroplasty.json',
    plan: 'levels/plans/textbook-vertebroplasty.json',
    seed: 3,
  },
  {
    label: 'medial breach and leak',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'tests/fixtures/plans/medial-breach-kyphoplasty.json',
    seed: 42,
  },
];

/** Besides each phase's end, a snapshot every this many commands. */
const MID_PHASE_EVERY = 20;

/**
 * The snapshots a trainee sees at the end of each phase (just before the next step is accepted),
 * every MID_PHASE_EVERY commands and at the end, in one mode: the plan's log (played once)
 * replayed in a session of that mode.
 */
function phaseEnds(
  scenario: Scenario,
  log: readonly { tick: number; command: never }[],
  seed: number,
  mode: TrainingMode,
) {
  const session = createSession(scenario, seed, { mode });
  const out: SimSnapshot[] = [];
  log.forEach((entry, i) => {
    session.stepTicks(entry.tick - session.tick);
    const command = entry.command as Parameters<typeof session.dispatch>[0];
    // Each phase's end, and every MID_PHASE_EVERY-th command on the way (a leak being pushed, a tip in the pedicle).
    if (command.type === 'phase.next' || i % MID_PHASE_EVERY === MID_PHASE_EVERY - 1) out.push(session.snapshot());
    const result = session.dispatch(command);
    if (!result.accepted) throw new Error(`${mode}: ${command.type} at ${entry.tick} refused: ${result.reason}`);
  });
  out.push(session.snapshot());
  return out;
}

/** The plan with a tack test right after its wait for the working phase. */
function withTackTest(plan: Plan): Plan {
  const at = plan.steps.findIndex((s) => 'waitUntil' in s && 'cementPhase' in s.waitUntil);
  if (at < 0) throw new Error('the plan never waits for the cement');
  const steps = [...plan.steps];
  steps.splice(at + 1, 0, { do: { type: 'cement.tackTest' } } as PlanStep);
  return { ...plan, steps };
}

const noop = () => {};

/** Everything of the procedure screen but the X-ray monitors, as it renders for this snapshot. */
function screen(scenario: Scenario, snap: SimSnapshot, mode: TrainingMode): string {
  const entry = { side: 'left' as const, lateralMm: 0, cranialMm: 0 };
  const inCase = snap.phase === 'caseReview' || snap.phase === 'preOp';
  const parts: ReactElement[] = [
    createElement(PhaseHeader, {
      phase: snap.phase,
      mode,
      hint: shownHint(mode, snap, entry.side),
      canAdvance: snap.allowed.includes('phase.next'),
      stateValue: snap.stateValue,
    }),
    inCase
      ? createElement(CaseScreen, {
          scenario,
          segmentationFinding: segmentationFinding(segmentationOf(snap.anatomy), scenario.level),
          mode,
          checklist: snap.checklist,
          canTick: true,
          onTick: noop,
          canDecline: snap.allowed.includes('case.decline'),
          onDecline: noop,
          anatomy: snap.anatomy,
          seed: snap.seed,
          canMeasure: snap.allowed.includes('case.measure'),
          onMeasure: noop,
        })
      : createElement(OrPanels, { snapshot: snap, scenario, mode, entry, onAction: noop }),
    createElement(EventsFeed, { events: snap.events, mode }),
    createElement(ActionBar, {
      snapshot: snap,
      pedalKey: 'Space',
      exposing: false,
      onAction: noop,
      onPedal: noop,
      mode,
    }),
  ];
  return parts.map((p) => renderToStaticMarkup(p)).join('\n');
}

/**
 * The text of rendered markup as a trainee gets it: what is shown, what a screen reader reads
 * (aria-label), and a marker for the findings' verdict tags; tags become spaces.
 */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*aria-label="([^"]*)"[^>]*>/g, ' $1 ')
    .replace(/<span class="finding-tag/g, ' finding-tag $&')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

interface Rendered {
  readonly label: string;
  readonly phase: string;
  readonly exam: string;
  readonly examHtml: string;
  readonly practice: string;
  readonly practiceHtml: string;
  readonly examAllowsNext: boolean;
}

const rendered: Rendered[] = [];

beforeAll(() => {
  for (const c of CASES) {
    const scenario = loadScenario(c.scenario);
    const plan = c.tackTest ? withTackTest(loadPlan(c.plan)) : loadPlan(c.plan);
    const log = runPlan(scenario, c.seed, plan, 'practice').log as never;
    const exam = phaseEnds(scenario, log, c.seed, 'exam');
    const practice = phaseEnds(scenario, log, c.seed, 'practice');
    expect(exam.map((s) => s.phase)).toEqual(practice.map((s) => s.phase));
    exam.forEach((snap, i) => {
      const examHtml = screen(scenario, snap, 'exam');
      const practiceHtml = screen(scenario, practice[i], 'practice');
      rendered.push({
        label: c.label,
        phase: snap.phase,
        exam: textOf(examHtml),
        examHtml,
        practice: textOf(practiceHtml),
        practiceHtml,
        examAllowsNext: snap.allowed.includes('phase.next'),
      });
    });
  }
}, 60_000);

describe('exam mode on the procedure screen', () => {
  it('drives every phase of each plan', () => {
    for (const c of CASES) {
      const phases = new Set(rendered.filter((r) => r.label === c.label).map((r) => r.phase));
      for (const p of ['caseReview', 'preOp', 'positioning', 'cArmSetup', 'access', 'workingChannel', 'cement'])
        expect(phases, `${c.label}: ${p}`).toContain(p);
      expect(phases, c.label).toContain('recovery');
    }
    expect(rendered.some((r) => r.phase === 'balloon')).toBe(true);
  });

  it.each(CLUES)('never shows %s in an exam, and practice does show it', (name, pattern) => {
    for (const r of rendered) {
      const hit = r.exam.match(pattern);
      expect(hit?.[0], `${r.label}, end of ${r.phase}: exam shows ${name}`).toBeUndefined();
    }
    expect(
      rendered.some((r) => pattern.test(r.practice)),
      `practice never shows ${name}: the clue pattern no longer matches what it guards`,
    ).toBe(true);
  });

  it('renders none of the hidden readouts in an exam', () => {
    for (const r of rendered)
      for (const id of HIDDEN_TEST_IDS)
        expect(r.examHtml, `${r.label}, end of ${r.phase}`).not.toContain(`data-testid="${id}"`);
  });

  it("puts neither the machine's sub-state nor 'step complete' in an exam's page, and both in practice", () => {
    for (const r of rendered) {
      expect(r.examHtml, `${r.label}, end of ${r.phase}`).not.toMatch(/data-state=|data-can-advance=/);
      expect(r.practiceHtml, `${r.label}, end of ${r.phase}`).toMatch(/data-state="[a-zA-Z.]+"/);
      expect(r.practiceHtml, `${r.label}, end of ${r.phase}`).toMatch(/data-can-advance="(true|false)"/);
    }
    // The sub-states that name a fact of the patient do occur in practice (the rule guards something).
    const states = rendered.map((r) => r.practiceHtml.match(/data-state="([^"]*)"/)?.[1]);
    expect(states).toContain('access.trocarInBody');
    expect(states).toContain('workingChannel.channelReady');
  });

  it('still shows what the hands and the meters know', () => {
    const all = rendered.map((r) => r.exam).join('\n');
    for (const shown of [
      /Medial\s*-?\d/,
      /Mallet taps/,
      /Tack test: /,
      /Injected\s*\d/,
      /Fluoro time/,
      /psi/,
      /Trocar docked on bone/,
    ])
      expect(all).toMatch(shown);
  });

  it('offers the next step throughout an exam (its button appearing would say the step is complete)', () => {
    for (const r of rendered.filter((x) => x.phase !== 'debrief' && !x.examAllowsNext))
      expect(r.examHtml, `${r.label}, end of ${r.phase}`).toContain('data-testid="action-phase.next"');
  });
});

describe('examVisibility rules', () => {
  it('hides every practice-only item in an exam and shows it in practice', () => {
    expect(shows('exam', 'trocar.tissueAtTip')).toBe(false);
    expect(shows('practice', 'trocar.tissueAtTip')).toBe(true);
    expect(shows('exam', 'trocar.angles')).toBe(true);
  });

  it('shows the film, the MRI/CT report and the trainee’s own measurement in an exam, but not the true wedge', () => {
    const caseReview = rendered.find((r) => r.phase === 'caseReview');
    expect(caseReview?.examHtml).toContain('data-testid="preop-film"');
    expect(caseReview?.examHtml).toContain('data-testid="preop-report"');
    expect(caseReview?.exam).toMatch(/STIR marrow oedema/);
    const figures = { anteriorMm: 20, posteriorMm: 28, wedgeDeg: 12.3, heightLossPct: 29 };
    const truth = { anteriorMm: 19, posteriorMm: 28, wedgeDeg: 14.1, heightLossPct: 32 };
    const line = (mode: TrainingMode) => renderToStaticMarkup(createElement(MeasuredFigures, { figures, truth, mode }));
    expect(line('exam')).toMatch(/wedge 12\.3/);
    expect(line('exam')).not.toMatch(/14\.1|film-truth/);
    expect(line('practice')).toMatch(/true: wedge 14\.1/);
  });

  it('places every event type, and words an exam event without what only the simulator knows', () => {
    expect(eventVisibility('exam', 'needle.breach')).toBe('hidden');
    expect(eventVisibility('practice', 'needle.breach')).toBe('full');
    expect(describeEvent({ type: 'needle.stalled', tissue: 'cortical' }, 'exam')?.text).not.toMatch(/cortical/);
    expect(describeEvent({ type: 'needle.stalled', tissue: 'cortical' }, 'practice')?.text).toMatch(/cortical/);
    expect(describeEvent({ type: 'channel.short', channelMm: 30, moreMm: 5 }, 'exam')?.text).toBe('Drill stopped');
    // The room sees the patient flinch; how far, why and what to do are practice's to say.
    const moved = { type: 'patient.moved', from: 'left', shiftMm: 4.5, pain: 7 } as const;
    expect(describeEvent(moved, 'exam')?.text).toBe('The patient flinched and moved on the table');
    expect(describeEvent(moved, 'practice')?.text).toMatch(/7\/10.*4.5 mm away from the left needle.*local/);
    for (const type of Object.keys(EXAM_EVENT_VISIBILITY))
      expect(['always', 'practice', 'neutral', 'never']).toContain(
        EXAM_EVENT_VISIBILITY[type as keyof typeof EXAM_EVENT_VISIBILITY],
      );
  });

  it('refuses a step in plain words in an exam, with the reason in practice', () => {
    const reason = 'Advance the trocar past the posterior wall of the vertebral body first.';
    expect(shownRefusal('exam', 'phase.next', reason, 'Next step is not possible now.')).toBe(
      'Next step is not possible now.',
    );
    expect(shownRefusal('practice', 'phase.next', reason, 'x')).toBe(reason);
    expect(shownRefusal('exam', 'balloon.inflate', 'Insert the left balloon first.', 'x')).toBe(
      'Insert the left balloon first.',
    );
  });

  it('asks before an exam attempt is left, saying it is recorded as abandoned and counts', () => {
    expect(leaveQuestion('exam', true)).toMatch(/abandoned and sent to the lab server.*counts as an attempt/);
    expect(leaveQuestion('exam', false)).not.toMatch(/lab server/);
    expect(leaveQuestion('practice', false)).toMatch(/abandoned/);
  });
});
