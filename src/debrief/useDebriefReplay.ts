import { useEffect, useState } from 'react';
import type { AttemptSession } from '../attempt/attemptTypes';
import type { AttemptTrace } from '../../sim/attempt';
import type { ExpertBenchmark } from '../../sim/attempt';
import { createReplayClient, type ReplayClient } from '../replay/replayClient';
import type { AttemptInput, FilmSummary } from '../replay/replayProtocol';

export type Loading<T> =
  | { readonly status: 'building' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: string };

export interface DebriefReplay {
  readonly trace: Loading<AttemptTrace>;
  readonly expert: Loading<ExpertBenchmark>;
  readonly film: Loading<FilmSummary>;
  /** The worker that holds the film, for its images; null until the film is ready. */
  readonly client: ReplayClient | null;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Everything the debrief re-makes by replaying the attempt (sim is deterministic, so these are
 * exact): the trace for the timeline and plots first, then the expert benchmark on the same patient,
 * then the film for the replay viewer and images. All of it runs in the replay worker, so the
 * report paints at once and stays live while the rest fills in.
 */
export function useDebriefReplay(session: AttemptSession, endTick: number): DebriefReplay {
  const [trace, setTrace] = useState<Loading<AttemptTrace>>({ status: 'building' });
  const [expert, setExpert] = useState<Loading<ExpertBenchmark>>({ status: 'building' });
  const [film, setFilm] = useState<Loading<FilmSummary>>({ status: 'building' });
  const [client, setClient] = useState<ReplayClient | null>(null);

  useEffect(() => {
    let live = true;
    const c = createReplayClient();
    const attempt: AttemptInput = {
      scenario: session.scenario,
      seed: session.seed,
      log: session.log,
      endTick,
      mode: session.mode,
    };
    setTrace({ status: 'building' });
    setExpert({ status: 'building' });
    setFilm({ status: 'building' });
    setClient(null);
    const settle = <T>(p: Promise<T>, set: (v: Loading<T>) => void) =>
      p.then(
        (value) => live && set({ status: 'ready', value }),
        (err) => live && set({ status: 'failed', error: message(err) }),
      );
    // Sent in this order, answered in this order: plots first, then the expert, then the film.
    void settle(c.trace(attempt), setTrace);
    void settle(c.expert(attempt), setExpert);
    void settle(c.film(attempt), (v) => {
      setFilm(v);
      if (v.status === 'ready') setClient(c);
    });
    return () => {
      live = false;
      c.dispose();
    };
  }, [session, endTick]);

  return { trace, expert, film, client };
}
