import { useEffect } from 'react';
import type { Session } from '../../../sim/session';
import type { SnapshotStore } from './snapshotStore';

/** Longest wall-clock step fed to the simulation: a stalled tab must not jump minutes of sim time. */
export const MAX_FRAME_DT_S = 0.1;

/**
 * The game loop: every animation frame advances the session by the wall time since the last
 * frame (clamped to MAX_FRAME_DT_S, times the speed factor) and pushes a fresh snapshot to the
 * store, which hands it to the renderers. Nothing here makes React render.
 */
export function useGameLoop(session: Session, store: SnapshotStore, getSpeed: () => number): void {
  useEffect(() => {
    let frame = 0;
    let lastMs: number | null = null;
    let lastTick = session.tick;
    const loop = (nowMs: number) => {
      if (lastMs !== null) {
        const dtS = Math.min((nowMs - lastMs) / 1000, MAX_FRAME_DT_S) * getSpeed();
        session.advance(dtS);
      }
      lastMs = nowMs;
      // Only build a snapshot when the simulation actually stepped.
      if (session.tick !== lastTick) {
        lastTick = session.tick;
        store.push(session.snapshot());
      }
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }, [session, store, getSpeed]);
}
