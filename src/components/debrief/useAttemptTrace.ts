import { useEffect, useState } from 'react';
import type { Session } from '../../../sim/sessionTypes';
import { traceAttempt, type AttemptTrace } from '../../../sim/attemptTrace';

export type TraceState = { readonly status: 'building' } | { readonly status: 'ready'; readonly trace: AttemptTrace } | { readonly status: 'failed'; readonly error: string };

/**
 * The attempt's trace for the timeline and plots, built by replaying it (a second or more of work)
 * after the score has painted, so the debrief opens at once and fills in.
 */
export function useAttemptTrace(session: Session, endTick: number): TraceState {
  const [state, setState] = useState<TraceState>({ status: 'building' });
  useEffect(() => {
    let cancelled = false;
    setState({ status: 'building' });
    // Two frames: the first paints the report, the second starts the replay.
    const handle = requestAnimationFrame(() =>
      setTimeout(() => {
        if (cancelled) return;
        try {
          const trace = traceAttempt(session.scenario, session.seed, session.log, endTick, session.mode);
          if (!cancelled) setState({ status: 'ready', trace });
        } catch (err) {
          if (!cancelled) setState({ status: 'failed', error: err instanceof Error ? err.message : String(err) });
        }
      }, 0),
    );
    return () => {
      cancelled = true;
      cancelAnimationFrame(handle);
    };
  }, [session, endTick]);
  return state;
}
