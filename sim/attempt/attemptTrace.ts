import type { Scenario } from '../../levels/scenarioSchema';
import type { LogEntry, Side, View } from '../core/commands';
import type { BreachWall, CementPhase, LeakLocation } from '../core/events';
import type { Session } from '../session/sessionTypes';
import type { TrainingMode } from '../core/trainingMode';
import type { SimSnapshot } from '../session/snapshot';
import { TICKS_PER_S } from '../core/constants';
import { createSession } from '../session/session';
import { budgetCheck, checkReplayBounds, ReplayError, type ReplayOptions } from './replay';
import type { BalloonView } from '../instruments/balloonView';
import { createVitalRecorder, type VitalSeries } from './vitalSeries';

/** The state of the attempt every `sampleEveryS` of sim time: what the debrief's plots draw. */
export interface TraceSample {
  readonly tick: number;
  readonly timeS: number;
  readonly cementPhase: CementPhase;
  readonly cementInjectedMl: number;
  readonly cementInBodyMl: number;
  readonly cementLeakedMl: number;
  readonly syringePressureKPa: number;
  /** The balloon of the side being worked, while one is in the patient; null otherwise. */
  readonly balloon: { readonly side: Side; readonly volumeMl: number; readonly pressurePsi: number } | null;
}

/** What happened, at the tick it happened: the debrief timeline's marks, in tick order. */
export type TraceEvent =
  | { readonly kind: 'phase'; readonly tick: number; readonly phase: string }
  | { readonly kind: 'cementPhase'; readonly tick: number; readonly phase: CementPhase }
  | { readonly kind: 'image'; readonly tick: number; readonly view: View }
  | { readonly kind: 'stored'; readonly tick: number; readonly view: View }
  | { readonly kind: 'breach'; readonly tick: number; readonly wall: BreachWall; readonly depthMm: number }
  | { readonly kind: 'leak'; readonly tick: number; readonly location: LeakLocation; readonly volumeMl: number }
  | { readonly kind: 'rupture'; readonly tick: number; readonly pressurePsi: number }
  /** The patient flinched in pain and moved (sim/patient/painMovement.ts). */
  | { readonly kind: 'moved'; readonly tick: number; readonly shiftMm: number; readonly pain: number };

/** A balloon's pressure-volume trace, kept for each side it was inflated on (the snapshot shows only the working side's). */
export interface SideBalloonTrace {
  readonly side: Side;
  readonly trace: BalloonView['trace'];
  readonly ruptured: boolean;
}

export interface AttemptTrace {
  readonly sampleEveryS: number;
  readonly endTick: number;
  readonly samples: readonly TraceSample[];
  readonly events: readonly TraceEvent[];
  readonly balloons: readonly SideBalloonTrace[];
  /** The patient's vital signs, alarms, complications and answers (vitalSeries.ts: 1 s, capped by decimation). */
  readonly vitals: VitalSeries;
}

/** Sampling interval of the debrief plots, seconds of sim time. */
export const TRACE_SAMPLE_S = 0.5;

function sampleOf(s: SimSnapshot): TraceSample {
  const b = s.balloon;
  return {
    tick: s.tick,
    timeS: s.timeS,
    cementPhase: s.cement.phase,
    cementInjectedMl: s.cement.injectedMl,
    cementInBodyMl: s.cement.inBodyMl,
    cementLeakedMl: s.cement.leakedMl,
    syringePressureKPa: s.cement.injectionPressureKPa,
    balloon: b?.inserted && s.trocar ? { side: s.trocar.side, volumeMl: b.volumeMl, pressurePsi: b.pressurePsi } : null,
  };
}

/** Domain events the timeline shows, in the trace's own shape; the rest (contacts, stalls, tack tests) are left out. */
function traceEventOf(tick: number, e: Session['events'][number]['event']): TraceEvent | null {
  switch (e.type) {
    case 'image.acquired':
      return { kind: 'image', tick, view: e.view };
    case 'image.stored':
      return { kind: 'stored', tick, view: e.view };
    case 'needle.breach':
      return { kind: 'breach', tick, wall: e.wall, depthMm: e.depthMm };
    case 'cement.leak':
      return { kind: 'leak', tick, location: e.location, volumeMl: e.volumeMl };
    case 'balloon.ruptured':
      return { kind: 'rupture', tick, pressurePsi: e.pressurePsi };
    case 'patient.moved':
      return { kind: 'moved', tick, shiftMm: e.shiftMm, pain: e.pain };
    case 'cement.phaseChanged':
      return { kind: 'cementPhase', tick, phase: e.phase };
    default:
      return null;
  }
}

/**
 * Replay an attempt (as sim/attempt/replay.ts does: same scenario, seed, log and end tick) and record it for
 * the debrief: a sample every `sampleEveryS` of sim time, the timeline's events with their ticks, the
 * procedure phases as they were entered, each side's balloon pressure-volume trace, and the patient's
 * vital signs with their alarms, complications and the answers given (vitalSeries.ts). A logged
 * `time.wait` is dispatched as a zero wait and its ticks stepped here, so the samples cover the wait;
 * the machine treats every wait alike and the world ignores it, so the end state is the replay's.
 */
export function traceAttempt(
  scenario: Scenario,
  seed: number,
  log: readonly LogEntry[],
  endTick: number,
  mode: TrainingMode = 'practice',
  sampleEveryS: number = TRACE_SAMPLE_S,
  options: ReplayOptions = {},
): AttemptTrace {
  checkReplayBounds(log, endTick);
  const checkBudget = budgetCheck(options.shouldContinue, endTick);
  const session = createSession(scenario, seed, { mode });
  const sampleTicks = Math.max(1, Math.round(sampleEveryS * TICKS_PER_S));
  const samples: TraceSample[] = [];
  const events: TraceEvent[] = [];
  const balloons = new Map<Side, SideBalloonTrace>();
  let phase = '';
  let seenEvents = 0;
  const vitals = createVitalRecorder();

  // A phase changes on a command or on a domain event; between those only the sample ticks need a snapshot.
  const observe = (afterCommand: boolean): void => {
    const fresh = session.events.length > seenEvents;
    const sampleDue =
      session.tick % sampleTicks === 0 && (samples.length === 0 || samples[samples.length - 1].tick !== session.tick);
    const vitalDue = vitals.due(session.tick);
    if (!fresh && !sampleDue && !vitalDue && !afterCommand) return;
    const snap = session.snapshot();
    for (const { tick, event } of session.events.slice(seenEvents)) {
      const e = traceEventOf(tick, event);
      if (e) events.push(e);
      vitals.event(tick, event);
    }
    seenEvents = session.events.length;
    if (snap.phase !== phase) {
      phase = snap.phase;
      events.push({ kind: 'phase', tick: snap.tick, phase });
    }
    if (snap.balloon?.inserted && snap.trocar && snap.balloon.trace.length > 0) {
      balloons.set(snap.trocar.side, {
        side: snap.trocar.side,
        trace: snap.balloon.trace,
        ruptured: snap.balloon.ruptured,
      });
    }
    if (sampleDue) samples.push(sampleOf(snap));
    if (vitalDue) vitals.sample(snap.tick, snap.timeS, snap.patient);
  };
  const stepTo = (tick: number): void => {
    while (session.tick < tick) {
      checkBudget(session.tick);
      const before = session.tick;
      session.stepTicks(1);
      if (session.tick === before) return; // the procedure is over: its clock has stopped
      observe(false);
    }
  };

  observe(true);
  log.forEach((entry, i) => {
    if (entry.tick < session.tick)
      throw new ReplayError(`log entry ${i} is at tick ${entry.tick}, but the replay is already at ${session.tick}`);
    stepTo(entry.tick);
    const command = entry.command.type === 'time.wait' ? { type: 'time.wait' as const, s: 0 } : entry.command;
    const result = session.dispatch(command);
    if (!result.accepted)
      throw new ReplayError(
        `log entry ${i} (${entry.command.type} at tick ${entry.tick}) was refused on replay: ${result.reason}`,
      );
    vitals.command(entry.tick, entry.command);
    observe(true);
  });
  stepTo(endTick);
  const final = session.snapshot();
  if (samples[samples.length - 1]?.tick !== final.tick) samples.push(sampleOf(final));
  return {
    sampleEveryS: sampleTicks / TICKS_PER_S,
    endTick: final.tick,
    samples,
    events,
    balloons: [...balloons.values()],
    vitals: vitals.finish(final.tick, final.timeS, final.patient),
  };
}
