import type { Scenario } from '../../levels/scenarioSchema';
import type { Command } from '../core/commands';
import { COMPLICATION_SEVERITIES } from '../core/events';
import { reportedNrs } from '../patient/recoveryPain';
import type { Session } from '../session/sessionTypes';
import type { TrainingMode } from '../core/trainingMode';
import type { SimSnapshot } from '../session/snapshot';
import { createSession } from '../session/session';
import { createRng } from '../math/rng';
import { idealTargetFrom, idealTrajectory, trajectoryAngles } from '../anatomy/idealTrajectory';
import { extrapedicularTrajectory, routeSkinEntryOffsets } from '../anatomy/extrapedicularTrajectory';
import { normalize, sub } from '../math/vec3';
import { anteriorRestoration } from '../instruments/vertebralHeight';
import type { AccessRoute } from '../../levels/scenarioSchema';
import type { Plan, PlanCondition, PlanStep } from './planSchema';
import { runTrueView } from './trueViewStep';
import { runLocalise } from './localiseStep';
import { runDock } from './dockStep';
import { measureCommand } from './measureStep';
import { drillToCommand } from './drillToStep';
import { varyPlan } from './planVariation';
import { dockedOffCourse } from './pedicleCourse';

/** Thrown by runPlan when a plan cannot be carried out; names the step and why. */
export class PlanError extends Error {}

/** Where a plan stopped before its end: the step (its index, nested as "12.then.0") and why. */
export interface PlanStop {
  readonly step: string;
  readonly reason: string;
}

/** A plan run: the session as the plan left it, and where and why it stopped early (absent when it ran to the end). */
export interface PlanRun {
  readonly session: Session;
  readonly stoppedAt?: PlanStop;
}

export interface PlanOptions {
  readonly mode?: TrainingMode;
  /** Apply the plan's natural per-patient variation (plan.variation), drawn from the seed; default true. */
  readonly variation?: boolean;
  /**
   * Names the operator in the variation's fork of the seed, so two plans run on the same patient
   * vary independently (the reference sets pass each plan's file name); default none.
   */
  readonly variationKey?: string;
}

/** What a condition reads besides the snapshot: where the current phase began and the latest push. */
export interface ConditionContext {
  /** Tick of the latest accepted phase.next (0 before any). */
  readonly phaseTick: number;
  /** Tick of the latest accepted cement.inject in the current phase or side (bipedicular), or null before any. */
  readonly lastPushTick: number | null;
  /** The case's fracture findings as the case review shows them (absent: none shown). */
  readonly fracture?: Scenario['fracture'];
  /** The case's indication as the case review shows it (absent: operate). */
  readonly indication?: Scenario['indication'];
  /** The case's cavity device (absent: the balloon). */
  readonly cavityDevice?: Scenario['equipment']['cavityDevice'];
  /** The patient's allergies, ASA class and anticoagulant as the case shows them (absent: none listed, not stated, none). */
  readonly patient?: Pick<Scenario['patient'], 'allergies' | 'asaClass' | 'anticoagulant'>;
}

/**
 * Whether a condition holds in this snapshot. Event conditions count from the start of the current
 * phase by default (context.phaseTick; a bare number is taken as that tick, as before); since:
 * 'start' counts every event, since: 'lastPush' only those from the latest cement.inject on
 * (none before any push).
 */
export function conditionHolds(snap: SimSnapshot, c: PlanCondition, context: ConditionContext | number = 0): boolean {
  const ctx: ConditionContext = typeof context === 'number' ? { phaseTick: context, lastPushTick: null } : context;
  if ('event' in c) {
    const since = c.since ?? 'phase';
    const from = since === 'start' ? 0 : since === 'phase' ? ctx.phaseTick : ctx.lastPushTick;
    if (from === null) return false;
    return snap.events.some((e) => e.tick >= from && e.event.type === c.event);
  }
  if ('phase' in c) return snap.phase === c.phase;
  if ('cementPhase' in c) return snap.cement.phase === c.cementPhase;
  if ('tackFeel' in c) return snap.cement.lastTack?.feel === c.tackFeel;
  if ('balloonVolumeMl' in c) return (snap.balloon?.volumeMl ?? 0) >= c.balloonVolumeMl;
  if ('balloonPressurePsi' in c) return (snap.balloon?.pressurePsi ?? 0) >= c.balloonPressurePsi;
  if ('heightRegainedPct' in c) return anteriorRestoration(snap.height) * 100 >= c.heightRegainedPct;
  if ('cementDeviceBelowMl' in c) return snap.cement.delivery.loadedMl < c.cementDeviceBelowMl;
  if ('cementInBodyMl' in c) return snap.cement.inBodyMl >= c.cementInBodyMl;
  if ('cementBodyShare' in c) return snap.cement.distribution.fillFraction >= c.cementBodyShare;
  if ('cementLeakSeen' in c) return snap.cement.leaks.some((l) => l.seenTick !== null);
  if ('caseFinding' in c) return ctx.fracture?.[c.caseFinding] === true;
  if ('cavityDevice' in c) return (ctx.cavityDevice ?? 'balloon') === c.cavityDevice;
  if ('caseDecline' in c) return ctx.indication?.decision === 'decline' && ctx.indication.reason === c.caseDecline;
  if ('caseAllergy' in c) return (ctx.patient?.allergies ?? []).some((a) => a.agent === c.caseAllergy);
  if ('caseAsaClassAtLeast' in c) return (ctx.patient?.asaClass ?? 0) >= c.caseAsaClassAtLeast;
  if ('caseAnticoagulant' in c) return ctx.patient?.anticoagulant !== undefined;
  if ('examPainAbove' in c) {
    const pain = snap.patient.neuroExam?.painOnSittingNrs ?? null;
    return pain !== null && reportedNrs(pain) > c.examPainAbove;
  }
  if ('cementPosteriorReachSeen' in c) return posteriorReachSeen(snap, ctx) >= c.cementPosteriorReachSeen;
  if ('complication' in c) {
    const from = COMPLICATION_SEVERITIES.indexOf(c.atLeast ?? 'mild');
    return snap.events.some(
      (e) =>
        e.event.type === 'patient.complication' &&
        e.event.kind === c.complication &&
        COMPLICATION_SEVERITIES.indexOf(e.event.severity) >= from,
    );
  }
  if ('anyOf' in c) return c.anyOf.some((x) => conditionHolds(snap, x, ctx));
  if ('allOf' in c) return c.allOf.every((x) => conditionHolds(snap, x, ctx));
  return !conditionHolds(snap, c.not, ctx);
}

/**
 * How far back the bulk cement reaches on a lateral image taken since the latest push (0 when no
 * lateral image was taken since): what the operator sees, not what the lattice knows between images.
 */
function posteriorReachSeen(snap: SimSnapshot, ctx: ConditionContext): number {
  const from = ctx.lastPushTick;
  if (from === null) return 0;
  const looked = snap.events.some(
    (e) => e.tick >= from && e.event.type === 'image.acquired' && e.event.view === 'lateral',
  );
  return looked ? (snap.cement.distribution.posteriorReach ?? 0) : 0;
}

/**
 * Where the current phase began (the latest accepted phase.next or side.select: a bipedicular cement
 * phase holds both sides' batches, so a side's part of it begins at its side.select) and the latest
 * push since then, from the session's log.
 */
export function contextOf(session: Pick<Session, 'log' | 'scenario'>): ConditionContext {
  let phaseTick: number | null = null;
  let lastPushTick: number | null = null;
  // The latest push counts only within the current phase or side: a bipedicular side's first push
  // is not preceded by the other side's last one (a leak there is not "since the last push" here).
  for (let i = session.log.length - 1; i >= 0 && phaseTick === null; i--) {
    const { tick, command } = session.log[i];
    if (command.type === 'phase.next' || command.type === 'side.select') phaseTick = tick;
    else if (lastPushTick === null && command.type === 'cement.inject') lastPushTick = tick;
  }
  return {
    phaseTick: phaseTick ?? 0,
    lastPushTick,
    fracture: session.scenario.fracture,
    indication: session.scenario.indication,
    cavityDevice: session.scenario.equipment.cavityDevice,
    patient: session.scenario.patient,
  };
}

/** A step the plan cannot carry out: caught by playPlan, which ends the plan there. */
class StepStop extends Error {
  constructor(
    readonly step: string,
    readonly reason: string,
  ) {
    super(`plan step ${step}: ${reason}`);
  }
}

/**
 * Run a plan on a new session and return the session as the plan left it. When a step is refused
 * or a closed-loop step does not reach its goal, the plan ends there and stoppedAt says which step
 * and why; the session keeps everything done so far, so the attempt can be scored as it stands
 * (a novice whose balloon ruptured is scored, not lost).
 */
export function playPlan(scenario: Scenario, seed: number, plan: Plan, options: PlanOptions = {}): PlanRun {
  const session = createSession(scenario, seed, { mode: options.mode ?? 'practice' });
  // The plan's variation draws from its own fork of the seed: the world's random stream is untouched.
  const label = options.variationKey ? `plan.variation:${options.variationKey}` : 'plan.variation';
  const played = options.variation === false ? plan : varyPlan(plan, createRng(seed).fork(label));
  try {
    runSteps(session, played.steps, '');
  } catch (e) {
    if (e instanceof StepStop) return { session, stoppedAt: { step: e.step, reason: e.reason } };
    throw e;
  }
  return { session };
}

/**
 * Run a plan on a new session; returns the session at the end of the plan, or throws PlanError
 * naming the step that could not be carried out (for golden tests and calibration, where a plan
 * that stops early is a fault). playPlan keeps the session instead.
 */
export function runPlan(scenario: Scenario, seed: number, plan: Plan, mode: TrainingMode = 'practice'): Session {
  const run = playPlan(scenario, seed, plan, { mode });
  if (run.stoppedAt) throw new PlanError(`plan step ${run.stoppedAt.step}: ${run.stoppedAt.reason}`);
  return run.session;
}

function runSteps(session: Session, steps: readonly PlanStep[], prefix: string): void {
  for (const [i, step] of steps.entries()) runStep(session, step, `${prefix}${i}`);
}

function send(session: Session, command: Command, where: string, optional = false): void {
  const r = session.dispatch(command);
  if (!r.accepted && !optional)
    throw new StepStop(where, `${command.type} refused in phase ${session.snapshot().phase}: ${r.reason}`);
}

/** One fluoroscopy shot: C-arm to the view if needed, pedal down for seconds, pedal up. */
function shot(session: Session, view: 'AP' | 'lateral', seconds: number, where: string): void {
  if (session.snapshot().carm.view !== view) send(session, { type: 'carm.view', view }, where);
  while (session.snapshot().carm.movingS > 0) session.advance(0.5);
  send(session, { type: 'fluoro.expose', on: true }, where);
  session.advance(seconds);
  send(session, { type: 'fluoro.expose', on: false }, where);
}

/** Aim along the textbook trajectory of this patient's anatomy for the current side, with offsets, deg. */
function aimIdeal(
  session: Session,
  route: AccessRoute,
  medialOffsetDeg: number,
  caudalOffsetDeg: number,
  where: string,
): void {
  const snap = session.snapshot();
  if (!snap.trocar) throw new StepStop(where, 'aimIdeal needs a skin entry first');
  const ideal =
    route === 'extrapedicular'
      ? extrapedicularTrajectory(snap.treatedAnatomy, snap.trocar.side)
      : idealTrajectory(snap.treatedAnatomy, snap.trocar.side);
  const medialDeg = ideal.medialDeg + medialOffsetDeg;
  const caudalDeg = ideal.caudalDeg + caudalOffsetDeg;
  send(session, { type: 'needle.aim', medialDeg, caudalDeg }, where);
}

/**
 * Re-aim from where the needle enters the skin at the pedicle's bone entry (its upper-outer
 * quadrant, the textbook docking point): what an operator does after an AP look showed the tip off
 * the pedicle's oval. From a skin entry that is itself off the textbook one, the textbook angles
 * would only run parallel to the pedicle and meet the same wrong bone again.
 */
function aimAtPedicle(session: Session, where: string): void {
  const snap = session.snapshot();
  if (!snap.trocar) throw new StepStop(where, 'a redirect needs a skin entry first');
  const ideal = idealTrajectory(snap.treatedAnatomy, snap.trocar.side);
  const { medialDeg, caudalDeg } = trajectoryAngles(
    snap.trocar.side,
    normalize(sub(ideal.boneEntry, snap.trocar.entry)),
  );
  send(session, { type: 'needle.aim', medialDeg, caudalDeg }, where);
}

/**
 * Re-aim a docked needle whose course would leave the pedicle's core: from where it enters the
 * skin, at the anterior-third target its straight line reaches most centrally through the pedicle
 * (what an operator does after the AP look at docking shows the tip on the oval's margin).
 */
function aimOnCourse(session: Session, where: string): void {
  const snap = session.snapshot();
  if (!snap.trocar) throw new StepStop(where, 'a re-aim needs a skin entry first');
  const target = idealTargetFrom(snap.treatedAnatomy, snap.trocar.side, snap.trocar.entry);
  const { medialDeg, caudalDeg } = trajectoryAngles(snap.trocar.side, normalize(sub(target, snap.trocar.entry)));
  send(session, { type: 'needle.aim', medialDeg, caudalDeg }, where);
}

function runStep(session: Session, step: PlanStep, where: string): void {
  if ('do' in step) {
    send(session, step.do, where, step.optional);
    return;
  }
  if ('waitS' in step) {
    session.advance(step.waitS);
    return;
  }
  if ('shot' in step) {
    shot(session, step.shot, step.seconds, where);
    return;
  }
  if ('trueView' in step) {
    runTrueView(session, step, (command) => send(session, command, where));
    return;
  }
  if ('localise' in step) {
    runLocalise(session, step, { send: (c) => send(session, c, where), shot: (v, s) => shot(session, v, s, where) });
    return;
  }
  if ('measure' in step) {
    send(session, measureCommand(session.snapshot().anatomy, step), where);
    return;
  }
  if ('drillTo' in step) {
    const snap = session.snapshot();
    if (!snap.trocar?.cannula) throw new StepStop(where, 'drillTo needs the working cannula in place first');
    const command = drillToCommand(snap.treatedAnatomy, snap.trocar, step);
    if ('reason' in command) throw new StepStop(where, command.reason);
    send(session, command, where);
    return;
  }
  if ('aimIdeal' in step) {
    aimIdeal(session, step.route ?? 'transpedicular', step.medialOffsetDeg ?? 0, step.caudalOffsetDeg ?? 0, where);
    return;
  }
  if ('routeEntry' in step) {
    const anatomy = session.snapshot().treatedAnatomy;
    const at = routeSkinEntryOffsets(anatomy, step.side, step.routeEntry);
    send(
      session,
      {
        type: 'needle.entry',
        side: step.side,
        lateralMm: Math.round((at.lateralMm + (step.lateralMm ?? 0)) * 100) / 100,
        cranialMm: Math.round((at.cranialMm + (step.cranialMm ?? 0)) * 100) / 100,
      },
      where,
    );
    return;
  }
  if ('dock' in step) {
    const outcome = runDock(session, step, {
      send: (c) => send(session, c, where),
      shot: (v, s) => shot(session, v, s, where),
      aimAtPedicle: () => aimAtPedicle(session, where),
      aimOnCourse: () => aimOnCourse(session, where),
      docked: () => conditionHolds(session.snapshot(), { event: 'needle.docked' }, contextOf(session)),
      offCourse: () => {
        const snap = session.snapshot();
        const t = snap.trocar;
        return t !== null && dockedOffCourse(snap.treatedAnatomy, t.side, t.tip, t.direction);
      },
      tipInBone: () => {
        const tissue = session.snapshot().trocar?.tissueAtTip;
        return tissue === 'cortical' || tissue === 'cancellous';
      },
    });
    if (!outcome.docked) throw new StepStop(where, outcome.reason);
    return;
  }
  if ('if' in step) {
    const holds = conditionHolds(session.snapshot(), step.if, contextOf(session));
    if (holds) runSteps(session, step.then, `${where}.then.`);
    else if (step.else) runSteps(session, step.else, `${where}.else.`);
    return;
  }
  // The phase is fixed for the whole closed-loop step (its commands never leave the phase); the
  // latest push moves with each repeat, so the context is read afresh at each check.
  const holds = (c: PlanCondition): boolean => conditionHolds(session.snapshot(), c, contextOf(session));
  if ('repeat' in step) {
    for (let n = 0; n < step.max; n++) {
      if (holds(step.until) || (step.stopIf && holds(step.stopIf))) return;
      if (step.before && holds(step.before.when)) send(session, step.before.do, where);
      send(session, step.repeat, where);
      const watchS = step.watch ? Math.min(step.watch.seconds, step.everyS) : 0;
      session.advance(step.everyS - watchS);
      if (step.watch) shot(session, step.watch.view, watchS, where);
    }
    if (holds(step.until) || (step.stopIf && holds(step.stopIf))) return;
    throw new StepStop(where, `${JSON.stringify(step.until)} not reached after ${step.max} x ${step.repeat.type}`);
  }
  for (let t = 0; t < step.maxS; t += step.stepS) {
    if (holds(step.waitUntil)) return;
    session.advance(step.stepS);
  }
  if (!holds(step.waitUntil))
    throw new StepStop(where, `${JSON.stringify(step.waitUntil)} not reached within ${step.maxS} s`);
}
