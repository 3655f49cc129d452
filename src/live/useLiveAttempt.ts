import { useEffect, useState } from 'react';
import { liveEndEventSchema, liveLogEventSchema, liveStreamUrl } from '../labClient/liveApi';
import { createSnapshotStore, type SnapshotStore } from '../procedure/loop/snapshotStore';
import type { SimSnapshot } from '../../sim/session';
import { type LiveReplay, startLiveReplay } from './liveReplay';

export type LiveState =
  | { readonly status: 'connecting' }
  | {
      readonly status: 'live' | 'ended';
      readonly replay: LiveReplay;
      /** The state at the last upload, for the panels. */
      readonly store: SnapshotStore;
      /** What the monitors render: the last exposure of each view, then the state at the last upload. */
      readonly monitorStore: SnapshotStore;
      readonly at: number;
    }
  | { readonly status: 'failed'; readonly error: string };

export interface LiveView {
  readonly state: LiveState;
  /** How the attempt ended (finished, abandoned), once the stream said so. */
  readonly endStatus: string | null;
  /** Wall time of the last upload seen (ms since the epoch), for "updated 3 s ago". */
  readonly lastUpdateMs: number | null;
}

/**
 * How long after an update the monitors are fed again every frame: the renderer makes an image only
 * once the projection of its pose is ready (a worker computes it), which the first frame may not see.
 */
const REFRESH_MS = 15_000;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** An event's data as JSON, or undefined when it is not JSON (the schema then refuses it). */
function jsonOf(e: Event): unknown {
  try {
    return JSON.parse((e as MessageEvent<string>).data);
  } catch {
    return undefined;
  }
}

/**
 * Follow an attempt's live stream (GET /api/attempts/:id/live) with an EventSource and replay
 * what it sends: the stored file on connect (validated and replayed), then each `log` event's new
 * entries. A reconnect (the EventSource's own, after a network drop) sends the file again and the
 * replay starts over from it, so a missed event can never leave the view out of step. The stream
 * closes on `end`; an entry that does not follow on closes it with the reason.
 */
export function useLiveAttempt(attemptId: string): LiveView {
  const [state, setState] = useState<LiveState>({ status: 'connecting' });
  const [endStatus, setEndStatus] = useState<string | null>(null);
  const [lastUpdateMs, setLastUpdateMs] = useState<number | null>(null);

  useEffect(() => {
    setState({ status: 'connecting' });
    setEndStatus(null);
    let replay: LiveReplay | null = null;
    let store: SnapshotStore | null = null;
    let monitorStore: SnapshotStore | null = null;
    let received = false;
    let frame = 0;
    let refreshUntil = 0;
    let current: SimSnapshot | null = null;
    // Each frame: the last exposed state of each view (its image), then the current state (what the monitors hold now).
    const refresh = (nowMs: number) => {
      frame = 0;
      if (!replay || !monitorStore) return;
      for (const exposed of Object.values(replay.lastExposure)) if (exposed) monitorStore.push(exposed);
      if (current) monitorStore.push(current);
      if (nowMs < refreshUntil) frame = requestAnimationFrame(refresh);
    };
    const source = new EventSource(liveStreamUrl(attemptId));
    const publish = (status: 'live' | 'ended') => {
      if (!replay || !store || !monitorStore) return;
      current = replay.session.snapshot();
      store.push(current);
      store.publishNow();
      setState({ status, replay, store, monitorStore, at: replay.applied * 1_000_000 + replay.session.tick });
      setLastUpdateMs(Date.now());
      refreshUntil = performance.now() + REFRESH_MS;
      if (!frame) frame = requestAnimationFrame(refresh);
    };
    const fail = (error: string) => {
      source.close();
      setState({ status: 'failed', error });
    };

    source.addEventListener('attempt', (e) => {
      try {
        replay = startLiveReplay(JSON.parse((e as MessageEvent<string>).data));
        store = createSnapshotStore(replay.session.snapshot());
        // Never published to React: only the monitors' frame listeners read it.
        monitorStore = createSnapshotStore(replay.session.snapshot(), Number.POSITIVE_INFINITY);
        received = true;
        publish('live');
      } catch (err) {
        fail(`The attempt from the lab server cannot be shown: ${message(err)}`);
      }
    });
    source.addEventListener('log', (e) => {
      if (!replay) return;
      const parsed = liveLogEventSchema.safeParse(jsonOf(e));
      if (!parsed.success) return fail('The lab server sent a log update this app does not read.');
      try {
        replay.append(parsed.data.from, parsed.data.entries, parsed.data.endTick);
        publish('live');
      } catch (err) {
        fail(`The live log does not follow on: ${message(err)}`);
      }
    });
    source.addEventListener('end', (e) => {
      const parsed = liveEndEventSchema.safeParse(jsonOf(e));
      source.close();
      setEndStatus(parsed.success ? parsed.data.status : 'ended');
      publish('ended');
    });
    source.addEventListener('error', () => {
      // CLOSED: the server refused the stream (no access, too many open); otherwise the browser reconnects.
      if (source.readyState === EventSource.CLOSED && !received)
        fail(
          'The lab server refused the live stream: sign in as the instructor of this trainee (on the menu), or close another live view if you watch many at once.',
        );
    });
    return () => {
      source.close();
      cancelAnimationFrame(frame);
    };
  }, [attemptId]);

  return { state, endStatus, lastUpdateMs };
}
