/**
 * The session fuzzer: random command sequences through a whole session, each a pure function of
 * a fuzz seed, with the invariants checked after every step (docs/fuzzing.md).
 *
 * A sequence is a list of actions on a fresh session (dispatch, advance, stepTicks). Two kinds:
 * - random: valid commands (mostly of the types the machine allows now), invalid ones (wrong
 *   types, non-finite and huge numbers, unknown types, missing and extra fields, prototype keys)
 *   and odd time steps;
 * - plan: the scenario's textbook plan run by sim/plan's runner, perturbed (numbers jittered,
 *   steps dropped, random commands inserted), then its log re-driven step by step and followed by
 *   a random tail, so balloon and cement phases are exercised too.
 */
import { readFileSync } from 'node:fs';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/index';

type Rng = ReturnType<typeof createRng>;
import { COMMAND_TYPES, type Command, DECLINE_REASONS, PREOP_IMAGE_PX, type TrainingMode } from '../../sim/core/index';
import { type Session, type SimSnapshot, createSession } from '../../sim/session/index';
import { parseAttemptFile, replay, toAttemptFile } from '../../sim/attempt/index';
import { type Plan, type PlanStep, planSchema, playPlan } from '../../sim/plan/index';
import { scoreAttempt } from '../../sim/scoring/index';
import { massBalanceProblem, type Violation, walkNumbers } from './snapshotChecks';

export const SCENARIO_FILES = [
  'levels/l1-osteoporotic-wedge.json',
  'levels/l1-myeloma-posterior-wall-defect.json',
  'levels/l2-osteoporotic-wedge-bipedicular.json',
  'levels/t12-biconcave-vertebroplasty.json',
] as const;

export type FuzzAction =
  /** mustRefuse: a schema-invalid command slipped into a plan's log; accepting it is a failure. */
  | { readonly op: 'dispatch'; readonly command: unknown; readonly mustRefuse?: boolean }
  | { readonly op: 'advance'; readonly dtS: number }
  | { readonly op: 'stepTicks'; readonly n: number };

/** How big a sequence is: `short` for the unit test, `long` for `npm run fuzz`. */
export type FuzzProfile = 'short' | 'long';

export interface FuzzSequence {
  readonly fuzzSeed: number;
  readonly profile: FuzzProfile;
  readonly kind: 'random' | 'plan';
  readonly scenarioFile: string;
  readonly simSeed: number;
  readonly mode: TrainingMode;
  readonly actions: readonly FuzzAction[];
  /** For plan sequences: how many leading actions re-drive the plan's log, and its final snapshot (JSON). */
  readonly planPrefix?: { readonly actions: number; readonly snapshotJson: string };
}

export interface FuzzStats {
  sequences: number;
  dispatched: number;
  accepted: number;
  refused: number;
  ticks: number;
  checks: number;
  /** Sequences in which a balloon held contrast, and in which cement was injected: how deep the fuzzing got. */
  withBalloon: number;
  withCement: number;
  /** The phase each sequence ended in. */
  finalPhases: Record<string, number>;
}

export const emptyStats = (): FuzzStats => ({
  sequences: 0,
  dispatched: 0,
  accepted: 0,
  refused: 0,
  ticks: 0,
  checks: 0,
  withBalloon: 0,
  withCement: 0,
  finalPhases: {},
});

export interface FuzzFailure {
  /** Which invariant broke (throw, non-finite, negative, mass-balance, log, prototype, plan-redrive, replay). */
  readonly check: string;
  readonly message: string;
  /** Index of the action after which it broke (actions.length for the end-of-sequence checks). */
  readonly actionIndex: number;
}

const scenarioCache = new Map<string, Scenario>();
export function loadScenario(file: string): Scenario {
  let s = scenarioCache.get(file);
  if (!s) {
    s = parseScenario(JSON.parse(readFileSync(file, 'utf8')), file);
    scenarioCache.set(file, s);
  }
  return s;
}

const planCache = new Map<string, Plan>();
function loadPlan(name: string): Plan {
  let p = planCache.get(name);
  if (!p) {
    p = planSchema.parse(JSON.parse(readFileSync(`levels/plans/${name}.json`, 'utf8')));
    planCache.set(name, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)];
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng.next() * (hi - lo + 1));
const chance = (rng: Rng, p: number): boolean => rng.next() < p;

const CHECKLIST = ['history', 'imaging', 'candidacy', 'consent', 'labs', 'antibiotics', 'anaesthesia', 'timeOut'];
const EXCHANGE = ['stylet.remove', 'guidePin.insert', 'needle.remove', 'introducer.insert', 'guidePin.remove'];

/** Numbers that break naive code: non-finite, huge, tiny, negative zero. */
const NASTY_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  -0,
  1e-300,
  -1,
  1e9,
];

/** The fields of each command with a value generator: plausible, within the schema's bounds. */
function plausibleFields(rng: Rng, type: Command['type'], snap: SimSnapshot): Record<string, unknown> {
  const side = snap.trocar?.side ?? pick(rng, ['left', 'right'] as const);
  switch (type) {
    case 'checklist.tick':
      return { item: pick(rng, CHECKLIST) };
    // Declining ends the session at case review: rarely, so that most runs go on to the procedure.
    case 'case.decline':
      return chance(rng, 0.1) ? { reason: pick(rng, DECLINE_REASONS) } : { reason: 'none' };
    // Corners on the pre-operative film: mostly inside it, now and then off it (refused by the schema).
    case 'case.measure': {
      const point = () =>
        chance(rng, 0.9)
          ? { x: rng.range(0, PREOP_IMAGE_PX), y: rng.range(0, PREOP_IMAGE_PX) }
          : { x: rng.range(-50, PREOP_IMAGE_PX + 50), y: Number.NaN };
      return {
        corners: {
          anteriorSuperior: point(),
          anteriorInferior: point(),
          posteriorSuperior: point(),
          posteriorInferior: point(),
        },
      };
    }
    case 'patient.position':
      return { position: chance(rng, 0.9) ? 'prone' : 'supine' };
    case 'carm.view':
      return { view: pick(rng, ['AP', 'lateral']) };
    case 'carm.adjust':
      return { dOrbitDeg: rng.range(-10, 10), dTiltDeg: rng.range(-10, 10) };
    case 'fluoro.mode':
      return { mode: pick(rng, ['continuous', 'pulsed15', 'pulsed7.5', 'pulsed4', 'lowDose']) };
    case 'fluoro.expose':
      return { on: !snap.dose || chance(rng, 0.5) };
    case 'carm.collimate':
      return { halfWidthMm: rng.range(0, 200), halfHeightMm: rng.range(0, 200) };
    case 'carm.zoom':
      return { zoom: pick(rng, [1, 1.5, 2]) };
    // Mostly within a bolus's bounds; the total's limit refuses some (sim/patient/midazolam.ts).
    case 'sedation.midazolam':
      return { mg: chance(rng, 0.9) ? rng.range(0.5, 5) : rng.range(0, 20) };
    case 'oxygen.nasal':
      return { lPerMin: chance(rng, 0.9) ? rng.range(0, 6) : rng.range(-2, 12) };
    // Mostly within one dose's bounds; the totals' limits refuse some (sim/patient/fluids.ts, flumazenil.ts).
    case 'patient.fluids':
      return { mL: chance(rng, 0.9) ? rng.range(100, 1000) : rng.range(-100, 3000) };
    case 'sedation.flumazenil':
      return { mg: chance(rng, 0.9) ? rng.range(0.1, 1) : rng.range(-1, 5) };
    case 'needle.entry':
      return { side: pick(rng, ['left', 'right']), lateralMm: rng.range(-20, 20), cranialMm: rng.range(-10, 10) };
    case 'side.select':
      return { side: chance(rng, 0.5) ? side : side === 'left' ? 'right' : 'left' };
    case 'needle.aim':
      return { medialDeg: rng.range(-5, 35), caudalDeg: rng.range(-10, 30) };
    case 'needle.advance':
      return { mm: chance(rng, 0.8) ? rng.range(0, 10) : rng.range(-20, 0) };
    case 'instrument.exchange':
      return { step: snap.nextExchangeStep && chance(rng, 0.8) ? snap.nextExchangeStep : pick(rng, EXCHANGE) };
    case 'channel.drill':
      return { mm: rng.range(0, 40) };
    case 'balloon.inflate':
      return { mL: chance(rng, 0.85) ? rng.range(0, 1.5) : rng.range(-10, 10) };
    case 'cement.inject':
      return { mL: rng.range(0, 2) };
    case 'time.wait':
      return { s: chance(rng, 0.9) ? rng.range(0, 30) : pick(rng, [0, 60, 300, 600, 3600]) };
    case 'discharge.decide':
      return { decision: pick(rng, ['same-day', 'overnight']) };
    case 'antibiotic.choose':
      return { drug: pick(rng, ['cefazolin', 'clindamycin', 'vancomycin']) };
    // Mostly within one dose's bounds; the total's limit refuses some (sim/patient/adrenaline.ts).
    case 'patient.adrenaline':
      return { mg: chance(rng, 0.9) ? rng.range(0.1, 0.5) : rng.range(-1, 2) };
    default:
      return {};
  }
}

/** A valid command: of a type the machine allows now most of the time, else any type. */
export function validCommand(rng: Rng, snap: SimSnapshot): Record<string, unknown> {
  const type = snap.allowed.length && chance(rng, 0.75) ? pick(rng, snap.allowed) : pick(rng, COMMAND_TYPES);
  return { type, ...plausibleFields(rng, type, snap) };
}

/**
 * An invalid command (or a value that is not a command at all); each variant names what is wrong.
 * With schemaInvalid, only variants the command schema must refuse: not the nasty numbers (some,
 * like -0 or -1, are within a field's range) and not the inherited type (zod reads inherited
 * properties, and JSON.parse never makes such an object, so a command built that way is accepted).
 */
export function invalidCommand(rng: Rng, snap: SimSnapshot, schemaInvalid = false): unknown {
  const base = validCommand(rng, snap);
  const fields = Object.keys(base).filter((k) => k !== 'type');
  const drawn = int(rng, 0, 11);
  const variant = schemaInvalid && (drawn === 3 || drawn === 9) ? 6 : drawn;
  switch (variant) {
    case 0:
      return pick(rng, [null, undefined, 0, 42, 'phase.next', true, [], [{ type: 'phase.next' }], {}]);
    case 1:
      return {
        ...base,
        type: pick(rng, [
          'needle.fly',
          '',
          'PHASE.NEXT',
          'phase.next ',
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
        ]),
      };
    case 2:
      return { ...base, type: pick(rng, [1, null, true, {}, ['phase.next']]) };
    case 3: {
      // A numeric field set to a nasty number (or any field if none is numeric).
      const key = fields.length ? pick(rng, fields) : 'mm';
      return { ...base, [key]: pick(rng, NASTY_NUMBERS) };
    }
    case 4: {
      // Wrong type for a field.
      const key = fields.length ? pick(rng, fields) : 'item';
      return { ...base, [key]: pick<unknown>(rng, ['1', '', 'NaN', 'Infinity', true, null, [], {}, { valueOf: 1 }]) };
    }
    case 5: {
      // A missing field.
      if (!fields.length) return {};
      const copy: Record<string, unknown> = { ...base };
      delete copy[pick(rng, fields)];
      return copy;
    }
    case 6:
      return { ...base, [pick(rng, ['extra', 'tick', 'score', 'type2', 'accepted'])]: pick(rng, [1, 'x', null, true]) };
    case 7:
      // An own __proto__ key, as JSON.parse makes it from a tampered log.
      return JSON.parse(`{"type":${JSON.stringify(base.type)},"__proto__":{"polluted":true,"type":"phase.next"}}`);
    case 8:
      return { ...base, constructor: { prototype: { polluted: true } } };
    case 9:
      // The type inherited, not own.
      return Object.create({ type: base.type, ...base });
    case 10:
      return { ...base, prototype: { polluted: true }, __defineGetter__: 1 };
    default: {
      // Numbers as strings ("NaN", "1e999").
      const key = fields.length ? pick(rng, fields) : 'mm';
      return { ...base, [key]: pick(rng, ['NaN', 'Infinity', '-Infinity', '1e999', '2']) };
    }
  }
}

/** Time steps for advance(): zero, negative, non-finite, sub-tick and ordinary ones. */
const ODD_DT = [0, -0, -1, -1e9, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-12, 1e-9];
/**
 * advance() runs every fixed step that fits in dtS, so a huge finite dt runs that many ticks (see
 * docs/fuzzing.md: advance(1e12) does not return for hours). The fuzzer's "huge" steps are the
 * largest that stay within a sequence's tick budget.
 */
function randomDt(rng: Rng, ticksLeft: number): number {
  const r = rng.next();
  if (r < 0.25) return pick(rng, ODD_DT);
  if (r < 0.85) return pick(rng, [1 / 60, 1 / 30, 0.1, 0.25, 0.5, 1, 2, 5]) * (chance(rng, 0.2) ? 1.000001 : 1);
  return Math.max(0, Math.min(600, ticksLeft / 60 - 1));
}

/** A random action: a valid or invalid command, a time.wait, an advance or a stepTicks. */
function randomAction(rng: Rng, snap: SimSnapshot, ticksLeft: number): FuzzAction {
  const r = rng.next();
  if (r < 0.45) {
    const command = validCommand(rng, snap);
    if (command.type === 'time.wait' && typeof command.s === 'number' && command.s * 60 > ticksLeft) {
      return { op: 'dispatch', command: { ...command, s: Math.max(0, Math.floor(ticksLeft / 60) - 1) } };
    }
    return { op: 'dispatch', command };
  }
  if (r < 0.7) return { op: 'dispatch', command: invalidCommand(rng, snap) };
  if (r < 0.75) {
    const s = pick(rng, [0, 0.5, 3, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e9, 3601, '5', null]);
    const bounded = typeof s === 'number' && s > ticksLeft / 60 && s <= 3600 ? 0 : s;
    return { op: 'dispatch', command: { type: 'time.wait', s: bounded } };
  }
  if (r < 0.93) return { op: 'advance', dtS: randomDt(rng, ticksLeft) };
  return { op: 'stepTicks', n: pick(rng, [0, -3, Number.NaN, 0.5, 1, 2, 30, 60]) };
}

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

/** A perturbed copy of a plan: numbers jittered, a few steps dropped, random commands inserted; every command optional. */
export function perturbPlan(rng: Rng, plan: Plan, snap: SimSnapshot): Plan {
  const jitter = (x: number): number => (chance(rng, 0.3) ? x * (1 + rng.normal(0, 0.15)) : x);
  const steps: PlanStep[] = [];
  for (const step of plan.steps) {
    if (chance(rng, 0.03)) continue;
    if (chance(rng, 0.04)) steps.push({ do: validCommand(rng, snap) as Command, optional: true });
    if ('do' in step) {
      const c: Record<string, unknown> = { ...step.do };
      for (const [k, v] of Object.entries(c)) if (typeof v === 'number') c[k] = jitter(v);
      steps.push({ do: c as Command, optional: true });
    } else if ('waitS' in step) {
      steps.push({ waitS: Math.max(0.1, jitter(step.waitS)) });
    } else if ('aimIdeal' in step) {
      steps.push({
        ...step,
        medialOffsetDeg: (step.medialOffsetDeg ?? 0) + (chance(rng, 0.3) ? rng.normal(0, 2) : 0),
        caudalOffsetDeg: (step.caudalOffsetDeg ?? 0) + (chance(rng, 0.3) ? rng.normal(0, 2) : 0),
      });
    } else {
      steps.push(step);
    }
  }
  return { ...plan, steps };
}

/** Run a plan; when a step fails (a closed-loop step not reaching its goal), keep the session as the plan left it. */
function runPlanTolerant(scenario: Scenario, seed: number, plan: Plan, mode: TrainingMode): Session {
  return playPlan(scenario, seed, plan, { mode }).session;
}

/**
 * The actions that re-drive a session's log on `target` (a fresh session of the same scenario,
 * seed and mode), applying them as it goes: reach each command's tick, dispatch it (a time.wait
 * runs its ticks inside the dispatch), then reach the end tick.
 */
export function redriveLog(source: Session, target: Session, rng?: Rng): FuzzAction[] {
  const out: FuzzAction[] = [];
  const push = (a: FuzzAction): void => {
    out.push(a);
    applyAction(target, a);
  };
  for (const e of source.log) {
    if (e.tick > target.tick) push({ op: 'stepTicks', n: e.tick - target.tick });
    // Schema-invalid commands slipped in between must change nothing: the re-drive still ends on
    // the plan's snapshot (the plan-redrive check) and each must be refused (mustRefuse).
    if (rng && chance(rng, 0.15)) {
      push({ op: 'dispatch', command: invalidCommand(rng, target.snapshot(), true), mustRefuse: true });
    }
    push({ op: 'dispatch', command: e.command });
  }
  if (source.tick > target.tick) push({ op: 'stepTicks', n: source.tick - target.tick });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sequence generation
// ---------------------------------------------------------------------------------------------

/**
 * Sequence sizes. The short profile (the unit test) alternates kinds by blocks of four seeds so a
 * few seeds cover both kinds on every scenario, and cuts plans at a random step, except on the
 * fastest scenario (T12 vertebroplasty), whose whole plan runs so the unit test reaches cement.
 * The long profile cuts plans in their last 60 %, so its random tails land in the balloon and
 * cement phases more often than after the debrief.
 */
const PROFILE = {
  short: { randomActions: [40, 120], tailActions: [10, 40], tickBudget: 6_000, planCut: true },
  long: { randomActions: [100, 600], tailActions: [20, 150], tickBudget: 40_000, planCut: true },
} as const;
const FULL_PLAN_IN_SHORT_PROFILE = 'levels/t12-biconcave-vertebroplasty.json';

/**
 * The sequence for a fuzz seed. Random actions are generated against a live session (the valid
 * commands follow the machine's allowed types), so generation runs the session once.
 */
export function generateSequence(fuzzSeed: number, profile: FuzzProfile): FuzzSequence {
  const rng = createRng(fuzzSeed);
  const p = PROFILE[profile];
  const scenarioFile = SCENARIO_FILES[fuzzSeed % SCENARIO_FILES.length];
  const scenario = loadScenario(scenarioFile);
  const simSeed = Math.floor(rng.next() * 2 ** 32);
  const mode: TrainingMode = chance(rng, 0.25) ? 'exam' : 'practice';
  const planDraw = chance(rng, 0.5);
  const kind = (profile === 'short' ? Math.floor(fuzzSeed / 4) % 2 === 1 : planDraw) ? 'plan' : 'random';
  const actions: FuzzAction[] = [];
  let session: Session;
  let planPrefix: FuzzSequence['planPrefix'];
  if (kind === 'plan') {
    const plan = loadPlan(scenario.scoring.expertPlan ?? 'textbook-kyphoplasty');
    const perturbed = perturbPlan(rng.fork('plan'), plan, createSession(scenario, simSeed, { mode }).snapshot());
    const cut =
      p.planCut && scenarioFile !== FULL_PLAN_IN_SHORT_PROFILE
        ? {
            ...perturbed,
            steps: perturbed.steps.slice(
              0,
              int(rng, profile === 'long' ? Math.floor(perturbed.steps.length * 0.4) : 10, perturbed.steps.length),
            ),
          }
        : perturbed;
    const planned = runPlanTolerant(scenario, simSeed, cut, mode);
    session = createSession(scenario, simSeed, { mode });
    actions.push(...redriveLog(planned, session, rng.fork('slip')));
    planPrefix = { actions: actions.length, snapshotJson: JSON.stringify(planned.snapshot()) };
  } else {
    session = createSession(scenario, simSeed, { mode });
  }
  const tailRng = rng.fork('tail');
  const [lo, hi] = kind === 'plan' ? p.tailActions : p.randomActions;
  const n = int(tailRng, lo, hi);
  const startTick = session.tick;
  for (let i = 0; i < n; i++) {
    const ticksLeft = Math.max(0, p.tickBudget - (session.tick - startTick));
    const action = randomAction(tailRng, session.snapshot(), ticksLeft);
    actions.push(action);
    try {
      applyAction(session, action);
    } catch {
      // The checked run reports it; generation just stops here.
      break;
    }
  }
  return { fuzzSeed, profile, kind, scenarioFile, simSeed, mode, actions, planPrefix };
}

function applyAction(session: Session, a: FuzzAction): { accepted?: boolean; reason?: string } {
  if (a.op === 'dispatch') return session.dispatch(a.command as Command);
  if (a.op === 'advance') session.advance(a.dtS);
  else session.stepTicks(a.n);
  return {};
}

// ---------------------------------------------------------------------------------------------
// The checked run
// ---------------------------------------------------------------------------------------------

/** Largest stepTicks run between two checks when re-driving a log. */
const CHECK_EVERY_TICKS = 60;

/** Run actions on a fresh session, checking every invariant after each; returns the first failure or null. */
export function runChecked(
  scenario: Scenario,
  simSeed: number,
  mode: TrainingMode,
  actions: readonly FuzzAction[],
  stats: FuzzStats = emptyStats(),
  planPrefix?: FuzzSequence['planPrefix'],
): FuzzFailure | null {
  const session = createSession(scenario, simSeed, { mode });
  let checkedEvents = 0;
  let anatomyChecked: unknown = null;
  let treatedChecked: unknown = null;
  let lastTick = 0;
  let balloon = false;
  const checkNow = (actionIndex: number): FuzzFailure | null => {
    const snap = session.snapshot();
    if ((snap.balloon?.volumeMl ?? 0) > 0) balloon = true;
    const violations: Violation[] = [];
    const skip = new Set(['anatomy', 'treatedAnatomy', 'events']);
    walkNumbers(snap, violations, '', new Set(), skip);
    if (snap.anatomy !== anatomyChecked) {
      walkNumbers(snap.anatomy, violations, 'anatomy');
      anatomyChecked = snap.anatomy;
    }
    // The second level's view of the anatomy (a two-level case), walked once it exists, as the anatomy is.
    if (snap.treatedAnatomy !== snap.anatomy && snap.treatedAnatomy !== treatedChecked) {
      walkNumbers(snap.treatedAnatomy, violations, 'anatomy');
      treatedChecked = snap.treatedAnatomy;
    }
    for (; checkedEvents < snap.events.length; checkedEvents++)
      walkNumbers(snap.events[checkedEvents], violations, 'events[]');
    stats.checks++;
    if (violations.length) {
      const v = violations[0];
      return { check: v.problem, message: `${v.path} = ${String(v.value)}`, actionIndex };
    }
    stats.checks++;
    const mb = massBalanceProblem(snap.cement);
    if (mb) return { check: 'mass-balance', message: mb, actionIndex };
    stats.checks++;
    if (snap.tick !== session.tick || session.tick < lastTick) {
      return { check: 'tick', message: `tick went from ${lastTick} to ${session.tick}`, actionIndex };
    }
    lastTick = session.tick;
    stats.checks++;
    if (({} as Record<string, unknown>).polluted !== undefined) {
      return { check: 'prototype', message: 'Object.prototype was polluted', actionIndex };
    }
    return null;
  };
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    const before = { tick: session.tick, log: session.log.length };
    try {
      if (a.op === 'stepTicks' && a.n > CHECK_EVERY_TICKS) {
        for (let left = a.n; left > 0; left -= CHECK_EVERY_TICKS) {
          session.stepTicks(Math.min(left, CHECK_EVERY_TICKS));
          const f = checkNow(i);
          if (f) return f;
        }
      } else if (a.op === 'dispatch') {
        const r = session.dispatch(a.command as Command);
        stats.dispatched++;
        if (r.accepted) stats.accepted++;
        else stats.refused++;
        stats.checks++;
        if (a.mustRefuse && r.accepted) {
          return { check: 'invalid-accepted', message: `accepted ${encodeActions([a])}`, actionIndex: i };
        }
        const grew = session.log.length - before.log;
        if (r.accepted !== (grew === 1) || (!r.accepted && grew !== 0)) {
          return { check: 'log', message: `accepted=${r.accepted} but the log grew by ${grew}`, actionIndex: i };
        }
        if (!r.accepted && !(typeof r.reason === 'string' && r.reason.length > 0)) {
          return { check: 'log', message: 'a refusal without a reason', actionIndex: i };
        }
      } else {
        applyAction(session, a);
      }
    } catch (e) {
      return { check: 'throw', message: (e as Error)?.stack ?? String(e), actionIndex: i };
    }
    stats.ticks += session.tick - before.tick;
    const f = checkNow(i);
    if (f) return f;
    if (planPrefix && i + 1 === planPrefix.actions) {
      stats.checks++;
      if (JSON.stringify(session.snapshot()) !== planPrefix.snapshotJson) {
        return {
          check: 'plan-redrive',
          message: 'the plan runner and a re-drive of its log disagree on the snapshot',
          actionIndex: i,
        };
      }
    }
  }
  const final = session.snapshot();
  if (balloon) stats.withBalloon++;
  if (final.cement.injectedMl > 0) stats.withCement++;
  stats.finalPhases[final.phase] = (stats.finalPhases[final.phase] ?? 0) + 1;
  return replayIdentity(session, stats, actions.length);
}

/** Save the session as an attempt file (through JSON), parse it, replay it: the same snapshot and score. */
export function replayIdentity(session: Session, stats: FuzzStats, actionIndex: number): FuzzFailure | null {
  stats.checks++;
  try {
    const file = parseAttemptFile(JSON.parse(JSON.stringify(toAttemptFile(session, 'fuzz'))));
    const again = replay(file.scenario, file.seed, file.log, file.endTick, file.mode);
    const a = JSON.stringify(session.snapshot());
    const b = JSON.stringify(again.snapshot());
    if (a !== b) {
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      return {
        check: 'replay',
        message: `replayed snapshot differs at char ${at}: ${a.slice(Math.max(0, at - 80), at + 80)} vs ${b.slice(Math.max(0, at - 80), at + 80)}`,
        actionIndex,
      };
    }
    const sa = JSON.stringify(scoreAttempt(session.scenario, session.log, session.snapshot()));
    const sb = JSON.stringify(scoreAttempt(file.scenario, again.log, again.snapshot()));
    if (sa !== sb) return { check: 'replay', message: 'replayed score differs', actionIndex };
  } catch (e) {
    return { check: 'replay', message: `replay threw: ${(e as Error)?.message ?? String(e)}`, actionIndex };
  }
  return null;
}

/** Generate and check one sequence. */
export function fuzzOne(
  fuzzSeed: number,
  profile: FuzzProfile,
  stats: FuzzStats = emptyStats(),
): { sequence: FuzzSequence; failure: FuzzFailure | null } {
  let sequence: FuzzSequence;
  try {
    sequence = generateSequence(fuzzSeed, profile);
  } catch (e) {
    const failure = { check: 'generate', message: (e as Error)?.stack ?? String(e), actionIndex: 0 };
    return {
      sequence: {
        fuzzSeed,
        profile,
        kind: 'random',
        scenarioFile: SCENARIO_FILES[0],
        simSeed: 0,
        mode: 'practice',
        actions: [],
      },
      failure,
    };
  }
  stats.sequences++;
  const scenario = loadScenario(sequence.scenarioFile);
  const failure = runChecked(scenario, sequence.simSeed, sequence.mode, sequence.actions, stats, sequence.planPrefix);
  return { sequence, failure };
}

// ---------------------------------------------------------------------------------------------
// Minimisation and the failure file
// ---------------------------------------------------------------------------------------------

/**
 * Shrink a failing action list (delta debugging: drop chunks, halving their size) while the same
 * check still fails, within a time budget.
 */
export function minimise(
  sequence: FuzzSequence,
  failure: FuzzFailure,
  budgetMs: number,
  now: () => number,
): FuzzAction[] {
  const scenario = loadScenario(sequence.scenarioFile);
  const fails = (actions: readonly FuzzAction[]): boolean =>
    runChecked(scenario, sequence.simSeed, sequence.mode, actions)?.check === failure.check;
  let actions = sequence.actions.slice(0, failure.actionIndex + 1);
  if (!fails(actions)) actions = sequence.actions.slice();
  const deadline = now() + budgetMs;
  let chunk = Math.max(1, Math.floor(actions.length / 2));
  while (chunk >= 1 && now() < deadline) {
    let removed = false;
    for (let start = 0; start < actions.length && now() < deadline; ) {
      const candidate = [...actions.slice(0, start), ...actions.slice(start + chunk)];
      if (candidate.length < actions.length && fails(candidate)) {
        actions = candidate;
        removed = true;
      } else {
        start += chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return actions;
}

/** JSON with non-finite numbers, -0 and undefined spelt out, so a failing log can be written and read back exactly. */
export function encodeActions(actions: readonly FuzzAction[]): string {
  return JSON.stringify(
    actions,
    (_k, v) => {
      if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))
        return { $number: String(v === 0 ? '-0' : v) };
      if (v === undefined) return { $undefined: true };
      return v;
    },
    1,
  );
}

export function decodeActions(text: string): FuzzAction[] {
  return JSON.parse(text, (_k, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (typeof v.$number === 'string' && Object.keys(v).length === 1)
        return v.$number === '-0' ? -0 : Number(v.$number);
      if (v.$undefined === true && Object.keys(v).length === 1) return undefined;
    }
    return v;
  });
}
