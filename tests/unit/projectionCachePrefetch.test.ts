import { describe, expect, it } from 'vitest';
import scenarioJson from '../../levels/l1-osteoporotic-wedge.json';
import { parseScenario } from '../../levels/scenarioSchema';
import { DETECTOR_DIAMETER_MM, NO_LIFT, poseForView } from '../../sim/imaging';
import { createSession } from '../../sim/session';
import { ProjectionCache } from '../../src/render/projectionCache';
import type { ProjectionRequest } from '../../src/render/projectionWorker';

/**
 * The order in which the monitor's cache projects (src/render/projectionCache.ts): a pose wanted
 * now goes before background ones, and a new background list replaces the old. Node has no Web
 * Workers, so the cache runs its main-thread slices (tiny 16 px maps keep this fast).
 */
const snapshot = createSession(parseScenario(scenarioJson, 'levels/l1-osteoporotic-wedge.json'), 42).snapshot();
const request = (key: string, orbitDeg: number): ProjectionRequest => ({
  key,
  anatomy: snapshot.anatomy,
  lift: NO_LIFT,
  pose: poseForView({ ...snapshot, carm: { ...snapshot.carm, view: 'AP', orbitDeg } }, 'AP'),
  sizePx: 16,
  detectorSizeMm: DETECTOR_DIAMETER_MM,
});

function recordingCache(): { cache: ProjectionCache; done: string[]; idle: () => Promise<void> } {
  const done: string[] = [];
  const cache = new ProjectionCache((r) => done.push(r.key));
  const idle = async () => {
    while (cache.busy) await new Promise((r) => setTimeout(r, 5));
  };
  return { cache, done, idle };
}

describe('projection cache: background projections', () => {
  it('projects a pose wanted now before the background ones still waiting', async () => {
    const { cache, done, idle } = recordingCache();
    cache.prefetch([request('a', 0), request('b', 1)]);
    expect(cache.get(request('c', 2))).toBeNull();
    await idle();
    expect(done).toEqual(['a', 'c', 'b']);
    expect(cache.get(request('b', 1))?.key).toBe('b');
    cache.destroy();
  });

  it('drops background poses that a newer list no longer names, and skips cached ones', async () => {
    const { cache, done, idle } = recordingCache();
    cache.prefetch([request('a', 0), request('b', 1)]);
    cache.prefetch([request('a', 0), request('d', 3)]);
    await idle();
    expect(done).toEqual(['a', 'd']);
    cache.prefetch([request('a', 0)]);
    expect(cache.busy).toBe(false);
    cache.destroy();
  });
});
