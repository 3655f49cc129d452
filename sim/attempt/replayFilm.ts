import type { Scenario } from '../../levels/scenarioSchema';
import type { Command, LogEntry, View } from '../core/commands';
import type { Session } from '../session/sessionTypes';
import type { TrainingMode } from '../core/trainingMode';
import type { SimSnapshot } from '../session/snapshot';
import { createSession } from '../session/session';
import { budgetCheck, checkReplayBounds, ReplayError, type ReplayOptions } from './replay';

/**
 * What an image shows: the parts of the snapshot the imaging chain reads (C-arm, lift, steel,
 * balloon, cement). The anatomy is the film's, shared by every frame.
 */
export type FrameState = Pick<
  SimSnapshot,
  'tick' | 'timeS' | 'carm' | 'height' | 'trocar' | 'trocars' | 'balloon' | 'cement'
>;

/**
 * One image the trainee took: an exposure that formed an image (`image.acquired`), in the state of
 * its last frame, the one the monitor held after the pedal came up (last image hold).
 */
export interface FilmFrame {
  readonly index: number;
  /** Tick the exposure formed its first image. */
  readonly tick: number;
  readonly timeS: number;
  readonly view: View;
  /** Whether the trainee stored this image (K) while it was on the monitor. */
  readonly stored: boolean;
  readonly state: FrameState;
}

/** The state after one logged command: what the replay viewer shows beside the images. */
export interface FilmStep {
  readonly index: number;
  readonly tick: number;
  readonly timeS: number;
  readonly command: Command;
  readonly phase: string;
  /** Images taken up to and including this step (frames[0..imagesSoFar)). */
  readonly imagesSoFar: number;
  readonly tipDepthMm: number | null;
  readonly tipSide: string | null;
  readonly milestone: string | null;
  readonly breaches: number;
  readonly balloonMl: number | null;
  readonly balloonPsi: number | null;
  readonly cementInjectedMl: number;
  readonly cementInBodyMl: number;
  readonly cementLeakedMl: number;
  readonly cementPhase: string;
  readonly fluoroTimeS: number;
  readonly shots: number;
  readonly dapGyCm2: number;
}

export interface ReplayFilm {
  readonly anatomy: SimSnapshot['anatomy'];
  readonly endTick: number;
  readonly steps: readonly FilmStep[];
  readonly frames: readonly FilmFrame[];
}

function frameState(s: SimSnapshot): FrameState {
  return {
    tick: s.tick,
    timeS: s.timeS,
    carm: s.carm,
    height: s.height,
    trocar: s.trocar,
    trocars: s.trocars,
    balloon: s.balloon,
    cement: s.cement,
  };
}

function stepOf(index: number, entry: LogEntry, s: SimSnapshot, imagesSoFar: number): FilmStep {
  const t = s.trocar;
  const inBalloon = s.balloon?.inserted ? s.balloon : null;
  return {
    index,
    tick: entry.tick,
    timeS: s.timeS,
    command: entry.command,
    phase: s.phase,
    imagesSoFar,
    tipDepthMm: t ? t.depthMm : null,
    tipSide: t ? t.side : null,
    milestone: t ? (t.removed ? 'removed' : t.milestone) : null,
    breaches: s.trocars.reduce((n, tr) => n + tr.breaches.length, 0),
    balloonMl: inBalloon ? inBalloon.volumeMl : null,
    balloonPsi: inBalloon ? inBalloon.pressurePsi : null,
    cementInjectedMl: s.cement.injectedMl,
    cementInBodyMl: s.cement.inBodyMl,
    cementLeakedMl: s.cement.leakedMl,
    cementPhase: s.cement.phase,
    fluoroTimeS: s.dose.fluoroTimeS,
    shots: s.dose.shots.AP + s.dose.shots.lateral,
    dapGyCm2: s.dose.dapGyCm2,
  };
}

/**
 * Replay an attempt exactly (same scenario, seed, log and end tick as sim/attempt/replay.ts) and keep, for
 * the debrief's replay viewer, the state after every command and every image the trainee took in
 * the state its monitor held. An exposure's held state is refreshed before each command while the
 * pedal is down, and the exposure closes when the pedal comes up, the view changes or the C-arm
 * moves; between commands nothing the image shows moves except by commands, so this is the last
 * frame. A logged `time.wait` is stepped here as attemptTrace.ts does, with the same end state.
 */
export function filmAttempt(
  scenario: Scenario,
  seed: number,
  log: readonly LogEntry[],
  endTick: number,
  mode: TrainingMode = 'practice',
  options: ReplayOptions = {},
): ReplayFilm {
  checkReplayBounds(log, endTick);
  const checkBudget = budgetCheck(options.shouldContinue, endTick);
  const session: Session = createSession(scenario, seed, { mode });
  const steps: FilmStep[] = [];
  const frames: { tick: number; timeS: number; view: View; stored: boolean; state: FrameState }[] = [];
  let open: (typeof frames)[number] | null = null;
  let seenEvents = 0;

  // New events since the last look: open a frame on an acquisition, mark it on a store.
  const look = (): void => {
    const fresh = session.events.slice(seenEvents);
    seenEvents = session.events.length;
    for (const { tick, event } of fresh) {
      if (event.type === 'image.acquired') {
        const snap = session.snapshot();
        open = { tick, timeS: snap.timeS, view: event.view, stored: false, state: frameState(snap) };
        frames.push(open);
      } else if (event.type === 'image.stored') {
        // The store keeps the image on the monitor of that view: the last one taken in it.
        for (let i = frames.length - 1; i >= 0; i--) {
          if (frames[i].view === event.view) {
            frames[i].stored = true;
            break;
          }
        }
      }
    }
  };
  const refreshOpen = (): void => {
    if (!open) return;
    const snap = session.snapshot();
    if (snap.carm.exposing && snap.carm.view === open.view && snap.carm.movingS === 0) open.state = frameState(snap);
    else open = null;
  };
  const stepTo = (tick: number): void => {
    while (session.tick < tick) {
      checkBudget(session.tick);
      const before = session.tick;
      session.stepTicks(1);
      if (session.tick === before) return; // the procedure is over: its clock has stopped
      if (session.events.length > seenEvents) look();
    }
  };

  look();
  log.forEach((entry, i) => {
    if (entry.tick < session.tick)
      throw new ReplayError(`log entry ${i} is at tick ${entry.tick}, but the replay is already at ${session.tick}`);
    stepTo(entry.tick);
    refreshOpen();
    const command = entry.command.type === 'time.wait' ? { type: 'time.wait' as const, s: 0 } : entry.command;
    const result = session.dispatch(command);
    if (!result.accepted)
      throw new ReplayError(
        `log entry ${i} (${entry.command.type} at tick ${entry.tick}) was refused on replay: ${result.reason}`,
      );
    look();
    const snap = session.snapshot();
    if (open && !(snap.carm.exposing && snap.carm.view === open.view)) open = null;
    steps.push(stepOf(i, entry, snap, frames.length));
  });
  stepTo(endTick);
  refreshOpen();
  const final = session.snapshot();
  return {
    anatomy: final.anatomy,
    endTick: final.tick,
    steps,
    frames: frames.map((f, index) => ({ index, ...f })),
  };
}
