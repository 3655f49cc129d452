// First, before any schema is built: this worker runs under the page's policy (src/security/csp.ts).
import '../security/zodJitless';
import type { Anatomy, EndplateLift } from '../../sim/anatomy';
import type { CArmPose } from '../../sim/imaging';
import { projectRows } from '../../sim/imaging';
import { projectLiftDeltaRows } from '../../sim/imaging';

/** Request to project the static anatomy for one pose (everything structured-cloneable). */
export interface ProjectionRequest {
  readonly key: string;
  readonly anatomy: Anatomy;
  readonly lift: EndplateLift;
  readonly pose: CArmPose;
  readonly sizePx: number;
  readonly detectorSizeMm: number;
  /**
   * What to project: the static anatomy (the default; with NO_LIFT, the endplate as fractured) or
   * the lift's delta over the slab around the lifted endplate (liftDelta.ts).
   */
  readonly part?: 'static' | 'liftDelta';
}

/** One worker's share of a request: rows [rowStart, rowEnd). */
export interface BandRequest extends ProjectionRequest {
  readonly rowStart: number;
  readonly rowEnd: number;
}

/** A worker's answer: the band's line integrals. */
export interface BandResult {
  readonly key: string;
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly band: Float32Array;
}

/**
 * Each message brings its own copy of the anatomy (structured clone); keep the first copy while the
 * content is the same, so the attenuation field built for it (staticProjection.ts,
 * attenuationFieldFor) is reused from one C-arm move to the next.
 */
let known: { json: string; anatomy: Anatomy } | null = null;
function sameAnatomy(a: Anatomy): Anatomy {
  const json = JSON.stringify(a);
  if (known?.json !== json) known = { json, anatomy: a };
  return known.anatomy;
}

/** Worker entry: project a band of rows off the main thread and transfer it back. */
self.onmessage = (e: MessageEvent<BandRequest>) => {
  const r = e.data;
  const project = r.part === 'liftDelta' ? projectLiftDeltaRows : projectRows;
  const band = project(sameAnatomy(r.anatomy), r.lift, r.pose, r.sizePx, r.detectorSizeMm, r.rowStart, r.rowEnd);
  const result: BandResult = { key: r.key, rowStart: r.rowStart, rowEnd: r.rowEnd, band };
  // The project's lib is DOM, not WebWorker: type the worker scope's postMessage by hand.
  (self as unknown as { postMessage(m: unknown, transfer: Transferable[]): void }).postMessage(result, [band.buffer]);
};
