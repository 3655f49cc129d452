import { type AttemptFile, parseAttemptFile } from '../../sim/attempt';
import type { LogEntry, View } from '../../sim/core';
import { isLive } from '../../sim/imaging';
import { createSession, type Session, type SimSnapshot } from '../../sim/session';

/**
 * The watched attempt rebuilt on the instructor's screen: the station's scenario, seed and mode, and
 * its command log replayed as the uploads bring it. The simulator is deterministic, so each command
 * dispatched at its logged tick gives exactly the state the station had at the tick the upload
 * reached (its endTick); the view stands there until the next upload.
 */
export interface LiveReplay {
  readonly file: AttemptFile;
  readonly session: Session;
  /** How many log entries are applied. */
  readonly applied: number;
  /**
   * The last state in which each view's beam was on (the moment before the pedal was released):
   * a monitor renders its image from such a state, and the uploads between which the pedal went
   * down and up would otherwise never show one.
   */
  readonly lastExposure: Readonly<Partial<Record<View, SimSnapshot>>>;
  /**
   * Apply the entries of a `log` event (those from index `from` on) and step to its endTick.
   * Throws when they do not follow on (from is not the count applied, a tick already passed, a
   * command the simulator refuses): the caller starts again from the stored file.
   */
  append(from: number, entries: readonly LogEntry[], endTick: number): void;
}

const VIEWS: readonly View[] = ['AP', 'lateral'];

/** Validate the stored attempt file (network input) and replay it to its endTick. */
export function startLiveReplay(data: unknown): LiveReplay {
  const file = parseAttemptFile(data);
  const session = createSession(file.scenario, file.seed, { mode: file.mode });
  const lastExposure: Partial<Record<View, SimSnapshot>> = {};
  let applied = 0;
  const noteExposure = () => {
    const snap = session.snapshot();
    for (const view of VIEWS) if (isLive(snap, view)) lastExposure[view] = snap;
  };
  const live: LiveReplay = {
    file,
    session,
    lastExposure,
    get applied() {
      return applied;
    },
    append(from, entries, endTick) {
      if (from !== applied) throw new Error(`the stream sent entries from ${from}, but ${applied} are applied`);
      for (const [i, entry] of entries.entries()) {
        if (entry.tick < session.tick)
          throw new Error(`entry ${from + i} is at tick ${entry.tick}, but the replay is at ${session.tick}`);
        session.stepTicks(entry.tick - session.tick);
        if (entry.command.type === 'fluoro.expose' && !entry.command.on) noteExposure();
        const result = session.dispatch(entry.command);
        if (!result.accepted)
          throw new Error(`entry ${from + i} (${entry.command.type}) was refused on replay: ${result.reason}`);
        applied += 1;
      }
      if (endTick > session.tick) session.stepTicks(endTick - session.tick);
      noteExposure();
    },
  };
  live.append(0, file.log, file.endTick);
  return live;
}
