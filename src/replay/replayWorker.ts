/// <reference lib="webworker" />
// First, before any schema is built: this worker runs under the page's policy (src/security/csp.ts).
import '../security/zodJitless';
import { createReplayHandlers } from './replayHandlers';
import type { ReplayRequest, ReplayResponse } from './replayProtocol';

/**
 * The debrief's replay worker: replays the attempt for the plots, the expert benchmark and the
 * replay viewer's images off the page's thread, so the debrief stays live while they are made.
 */
const handle = createReplayHandlers();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<ReplayRequest>) => {
  const { id } = e.data;
  try {
    const value = await handle(e.data);
    const grey = (value as { grey?: Uint8Array }).grey;
    const reply: ReplayResponse = { id, ok: true, value };
    scope.postMessage(reply, grey ? [grey.buffer] : []);
  } catch (err) {
    const reply: ReplayResponse = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
    scope.postMessage(reply);
  }
};
