// First, before any schema is built: this worker runs under the page's policy (src/security/csp.ts).
import '../security/zodJitless';
import type { Anatomy } from '../../sim/anatomy';
import { renderPreopRadiograph } from '../../sim/imaging';

/** Request: the patient and the attempt's seed (structured-cloneable). */
export interface PreopFilmRequest {
  readonly anatomy: Anatomy;
  readonly seed: number;
}

/** Answer: the film's grey levels (sim/imaging PreopRadiograph), transferred. */
export interface PreopFilmResult {
  readonly seed: number;
  readonly grey: Uint8Array;
}

/**
 * Worker entry: the case review's standing lateral takes a second or two of ray casting, so it is
 * developed off the main thread and the case screen stays responsive (keys, the checklist).
 */
self.onmessage = (e: MessageEvent<PreopFilmRequest>) => {
  const { anatomy, seed } = e.data;
  const { grey } = renderPreopRadiograph(anatomy, seed);
  const result: PreopFilmResult = { seed, grey };
  // The project's lib is DOM, not WebWorker: type the worker scope's postMessage by hand.
  (self as unknown as { postMessage(m: unknown, transfer: Transferable[]): void }).postMessage(result, [grey.buffer]);
};
