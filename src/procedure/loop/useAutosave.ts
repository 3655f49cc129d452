import { useCallback, useEffect, useRef, useState } from 'react';
import { scoreAttempt } from '../../../sim/scoring';
import type { Session } from '../../../sim/session';
import type { SimSnapshot } from '../../../sim/session';
import type { SnapshotStore } from './snapshotStore';
import { abandonAttempt, putAttempt } from '../../record/attemptStore';
import { createAutosaver, type Autosaver } from '../../record/createAutosaver';
import type { AttemptStatus, AttemptSummary } from '../../record/attemptRecord';
import { recordFromSession } from '../../record/recordFromSession';
import type { RecordMeta } from '../../record/recordMeta';
import { summarizeReport } from '../../record/summarizeReport';
import { holdAttemptLock } from '../../record/attemptLock';
import { queueUpload } from '../../labClient/labSession';

/** Save at least this often while the sim clock runs, even without a command (the issue asks for at most 5 s lost). */
export const AUTOSAVE_INTERVAL_MS = 5_000;

/** Why the last save of the attempt failed (shown to the trainee at once, not logged). */
export interface SaveFailure {
  /** The error's name: QuotaExceededError, InvalidStateError, UnknownError... */
  readonly name: string;
  readonly message: string;
}

/** A save error as the trainee's warning shows it. */
export function saveFailureOf(err: unknown): SaveFailure {
  if (err instanceof Error || (typeof DOMException !== 'undefined' && err instanceof DOMException))
    return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

export interface AutosaveControls {
  /** Set while the attempt is not being saved (the last write failed); null once a write succeeds. */
  readonly failure: SaveFailure | null;
  /** Another tab took the attempt over: this tab no longer writes it (and should stop playing it). */
  readonly takenOver: boolean;
  /** Save the attempt as finished, with its recomputed summary, after any pending save. */
  finish(final: SimSnapshot): void;
  /** Keep the attempt but mark it abandoned (the trainee left it). */
  abandon(): void;
}

/**
 * Autosave of the attempt being played: a save after every accepted command (seen as a longer
 * log when the snapshot store publishes) and every AUTOSAVE_INTERVAL_MS while time passes, and
 * when the page is hidden. Writes are async and coalesced (createAutosaver), off the game loop.
 * Without `meta` nothing is saved.
 */
export function useAutosave(session: Session, store: SnapshotStore, meta: RecordMeta | undefined): AutosaveControls {
  const saver = useRef<Autosaver | null>(null);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [takenOver, setTakenOver] = useState(false);
  // Once another tab holds the attempt, this tab writes nothing more of it: not a save, not the
  // finished or abandoned status (that tab is the one writer now).
  const lost = useRef(false);
  // Each write lands in this browser first; a lab user's attempt is then queued for the lab server
  // (src/labClient: an upload that cannot go now waits in the browser and goes later).
  const write = useCallback(
    async (status: AttemptStatus, summary?: AttemptSummary) => {
      if (!meta || lost.current) return;
      const record = recordFromSession(session, meta, status, Date.now(), summary);
      await putAttempt(record);
      void queueUpload(record);
    },
    [session, meta],
  );

  useEffect(() => {
    if (!meta) return;
    // A failed write is the trainee's business at once (the procedure screen says so and offers
    // the attempt file); every save writes the whole log, so the next one that succeeds clears it.
    const s = createAutosaver(
      () => write('in-progress').then(() => setFailure(null)),
      (err) => setFailure(saveFailureOf(err)),
    );
    saver.current = s;
    // This tab is the attempt's one writer while it plays it (src/record/attemptLock.ts).
    let leaving = false;
    const lock = holdAttemptLock(meta.id, () => {
      if (leaving) return;
      lost.current = true;
      s.close();
      setFailure(null);
      setTakenOver(true);
    });
    let savedLog = -1;
    let savedTick = -1;
    const check = (onTime: boolean) => {
      if (session.log.length === savedLog && (!onTime || session.tick === savedTick)) return;
      savedLog = session.log.length;
      savedTick = session.tick;
      s.request();
    };
    check(true);
    const unsubscribe = store.subscribe(() => check(false));
    const timer = window.setInterval(() => check(true), AUTOSAVE_INTERVAL_MS);
    const onHide = () => document.visibilityState === 'hidden' && check(true);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      unsubscribe();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onHide);
      leaving = true;
      s.close();
      if (saver.current === s) saver.current = null;
      // Keep the lock until the last queued write (finished, abandoned) has landed.
      void s.idle().then(() => lock.release());
    };
  }, [session, store, meta, write]);

  return {
    failure,
    takenOver,
    finish: useCallback(
      (final: SimSnapshot) => {
        void saver.current?.finish(() => {
          let summary: AttemptSummary | undefined;
          // An unreleased assignment's score is the lab server's to show, once released.
          if (meta?.scoresWithheld) return write('finished');
          try {
            summary = summarizeReport(scoreAttempt(session.scenario, session.log, final));
          } catch (err) {
            // The record keeps the replayable file; the debrief shows the scoring error.
            console.warn('Scoring for the record failed:', err);
          }
          return write('finished', summary);
        });
      },
      [session, write, meta],
    ),
    abandon: useCallback(() => {
      if (meta)
        void saver.current?.finish(async () => {
          const abandoned = await abandonAttempt(meta.id, Date.now());
          if (abandoned) void queueUpload(abandoned);
        });
    }, [meta]),
  };
}
