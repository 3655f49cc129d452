import type { Scenario } from '../../levels/scenarioSchema';
import type { Command } from '../core/commands';
import type { Session } from '../session/sessionTypes';
import type { TrainingMode } from '../core/trainingMode';
import type { SimSnapshot } from '../session/snapshot';
import { createSession } from '../session/session';
import { idealTrajectory } from '../anatomy/idealTrajectory';
import type { Plan, PlanCondition, PlanStep } from './planSchema';
import { runTrueView } from './trueViewStep';
import { runLocalise } from './localiseStep';

/** Thrown when a plan cannot be carried out; names the step and why. */
export class PlanError extends Error {}

/** Whether a condition holds in this snapshot; events count only from sinceTick on. */
export function conditionHolds(snap: SimSnapshot, c: PlanCondition, sinceTick = 0): boolean {
  if ('event' in c) return snap.events.some((e) => e.tick >= sinceTick && e.event.type === c.event);
  if ('phase' in c) return snap.phase === c.phase;
  if ('cementPhase' in c) return snap.cement.phase === c.cementPhase;
  if ('balloonVolumeMl' in c) return (snap.balloon?.volumeMl ?? 0) >= c.balloonVolumeMl;
  if ('cementDeviceBelowMl' in c) return snap.cement.delivery.loadedMl < c.cementDeviceBelowMl;
  return snap.cement.inBodyMl >= c.cementInBodyMl;
}

/** Tick of the latest accepted phase.next (0 before any): where the current phase began. */
function lastPhaseChangeTick(session: Session): number {
  for (let i = session.log.length - 1; i >= 0; i--)
    if (session.log[i].command.type === 'phase.next') return session.log[i].tick;
  return 0;
}

/** Run a plan on a new session; returns the session at the end of the plan. */
export function runPlan(scenario: Scenario, seed: number, plan: Plan, mode: TrainingMode = 'practice'): Session {
  const session = createSession(scenario, seed, { mode });
  for (const [i, step] of plan.steps.entries()) runStep(session, step, i);
  return session;
}

function send(session: Session, command: Command, where: string, optional = false): void {
  const r = session.dispatch(command);
  if (!r.accepted && !optional)
    throw new PlanError(`${where}: ${command.type} refused in phase ${session.snapshot().phase}: ${r.reason}`);
}

/** One fluoroscopy shot: C-arm to the view if needed, pedal down for seconds, pedal up. */
function shot(session: Session, view: 'AP' | 'lateral', seconds: number, where: string): void {
  if (session.snapshot().carm.view !== view) send(session, { type: 'carm.view', view }, where);
  while (session.snapshot().carm.movingS > 0) session.advance(0.5);
  send(session, { type: 'fluoro.expose', on: true }, where);
  session.advance(seconds);
  send(session, { type: 'fluoro.expose', on: false }, where);
}

function runStep(session: Session, step: PlanStep, i: number): void {
  const where = `plan step ${i}`;
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
  if ('aimIdeal' in step) {
    const snap = session.snapshot();
    if (!snap.trocar) throw new PlanError(`${where}: aimIdeal needs a skin entry first`);
    const ideal = idealTrajectory(snap.anatomy, snap.trocar.side);
    const medialDeg = ideal.medialDeg + (step.medialOffsetDeg ?? 0);
    const caudalDeg = ideal.caudalDeg + (step.caudalOffsetDeg ?? 0);
    send(session, { type: 'needle.aim', medialDeg, caudalDeg }, where);
    return;
  }
  // Events count from the start of the current phase, so a fact from the first side of a
  // bipedicular procedure does not satisfy the same wait on the second side.
  const since = lastPhaseChangeTick(session);
  if ('repeat' in step) {
    for (let n = 0; n < step.max; n++) {
      const snap = session.snapshot();
      if (conditionHolds(snap, step.until, since) || (step.stopIf && conditionHolds(snap, step.stopIf, since))) return;
      if (step.before && conditionHolds(snap, step.before.when, since)) send(session, step.before.do, where);
      send(session, step.repeat, where);
      const watchS = step.watch ? Math.min(step.watch.seconds, step.everyS) : 0;
      session.advance(step.everyS - watchS);
      if (step.watch) shot(session, step.watch.view, watchS, where);
    }
    const end = session.snapshot();
    if (conditionHolds(end, step.until, since) || (step.stopIf && conditionHolds(end, step.stopIf, since))) return;
    throw new PlanError(`${where}: ${JSON.stringify(step.until)} not reached after ${step.max} x ${step.repeat.type}`);
  }
  for (let t = 0; t < step.maxS; t += step.stepS) {
    if (conditionHolds(session.snapshot(), step.waitUntil, since)) return;
    session.advance(step.stepS);
  }
  if (!conditionHolds(session.snapshot(), step.waitUntil, since))
    throw new PlanError(`${where}: ${JSON.stringify(step.waitUntil)} not reached within ${step.maxS} s`);
}
