import type { Anatomy, EndplateLift } from '../../sim/anatomy/types';
import type { CArmPose } from '../../sim/imaging/carmPose';
import { StaticProjectionJob } from './staticProjection';

/** Request to project the static anatomy for one pose (everything structured-cloneable). */
export interface ProjectionRequest {
  readonly key: string;
  readonly anatomy: Anatomy;
  readonly lift: EndplateLift;
  readonly pose: CArmPose;
  readonly sizePx: number;
  readonly detectorSizeMm: number;
}

/** Worker entry: project the anatomy off the main thread and transfer the map back. */
self.onmessage = (e: MessageEvent<ProjectionRequest>) => {
  const r = e.data;
  const job = new StaticProjectionJob(r.key, r.anatomy, r.lift, r.pose, r.sizePx, r.detectorSizeMm);
  job.run(r.sizePx);
  const result = job.result();
  // The project's lib is DOM, not WebWorker: type the worker scope's postMessage by hand.
  (self as unknown as { postMessage(m: unknown, transfer: Transferable[]): void }).postMessage(result, [result.map.buffer]);
};
