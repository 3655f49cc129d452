import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import { add, scale } from '../../sim/math/vec3';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { idealTrajectory, trajectoryDirection } from '../../sim/anatomy/idealTrajectory';
import { posteriorWallLineZ } from '../../sim/anatomy/landmarks';
import { channelReadiness } from '../../sim/instruments/trocarChannel';
import { createSession } from '../../sim/session/session';
import type { Plan } from '../../sim/plan/planSchema';
import { runPlan } from '../../sim/plan/runPlan';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const l1 = parseScenario(read('../../levels/l1-osteoporotic-wedge.json'));
const textbook = read('../../levels/plans/textbook-kyphoplasty.json') as Plan;

/** The cannula docked as the textbook says: on the ideal track, 1.5 mm in front of the posterior wall line. */
function docked(level: Scenario['level'], seed: number) {
  const anatomy = buildAnatomy(parseScenario({ ...l1, level }), createRng(seed));
  const ideal = idealTrajectory(anatomy, 'left');
  const dir = trajectoryDirection('left', ideal.medialDeg, ideal.caudalDeg);
  const v = anatomy.vertebrae[anatomy.targetIndex];
  // Walk back from the target along the track to the docking depth.
  const back = (posteriorWallLineZ(v) - 1.5 - ideal.target.z) / dir.z;
  return { anatomy, tip: add(ideal.target, scale(dir, back)), dir };
}

describe('channel ready means the channel reaches the target depth', () => {
  it('the textbook 20 mm channel is ready at every level; a 10 mm one is short, and says by how much', () => {
    for (const level of ['T5', 'T8', 'T12', 'L1', 'L3', 'L5'] as const)
      for (const seed of [1, 2]) {
        const { anatomy, tip, dir } = docked(level, seed);
        expect(channelReadiness(anatomy, tip, dir, 20, 15), `${level} seed ${seed}`).toEqual({
          ready: true,
          moreMm: 0,
        });
        const short = channelReadiness(anatomy, tip, dir, 10, 15);
        expect(short.ready, `${level} seed ${seed}`).toBe(false);
        // Drilling on by what it asks for makes it ready.
        expect(short.moreMm).toBeGreaterThan(0);
        expect(channelReadiness(anatomy, tip, dir, 10 + short.moreMm + 1e-6, 15).ready).toBe(true);
      }
  });

  it('a cannula docked deep needs less: a channel into the anterior third is ready even if shorter than the balloon', () => {
    const { anatomy, tip, dir } = docked('L1', 1);
    const v = anatomy.vertebrae[anatomy.targetIndex];
    // 12 mm deeper than the textbook docking: 10 mm more reaches the anterior third.
    const deep = add(tip, scale(dir, 12));
    const r = channelReadiness(anatomy, deep, dir, 10, 20);
    expect(deep.z + dir.z * 10).toBeLessThan(v.centre.z - v.bodyDepthMm / 6);
    expect(r.ready).toBe(true);
    // Into the anterior half but shorter than the balloon and short of the anterior third: not yet.
    const mid = add(tip, scale(dir, 4));
    expect(channelReadiness(anatomy, mid, dir, 12, 15).ready).toBe(false);
  });

  it('practice mode: a 10 mm channel is announced short, not ready, and the machine waits for the drill', () => {
    const session = createSession(l1, 42, { mode: 'practice' });
    // The textbook plan up to the open osteo-introducer (its steps before the drill).
    const upToDrill = textbook.steps.findIndex((s) => 'do' in s && s.do.type === 'channel.drill');
    const partial = runPlan(l1, 42, { ...textbook, steps: textbook.steps.slice(0, upToDrill) }, 'practice');
    expect(session.tick).toBe(0);
    expect(partial.dispatch({ type: 'channel.drill', mm: 10 }).accepted).toBe(true);
    partial.advance(20);
    const types = partial.events.map((e) => e.event.type);
    expect(types).not.toContain('channel.ready');
    const short = partial.events.find((e) => e.event.type === 'channel.short')?.event;
    expect(short).toMatchObject({ type: 'channel.short', channelMm: 10 });
    expect(partial.dispatch({ type: 'phase.next' }).accepted).toBe(false);
    // Drilled on to the textbook 20 mm, the channel is ready and the procedure goes on to the balloon.
    expect(partial.dispatch({ type: 'channel.drill', mm: 10 }).accepted).toBe(true);
    partial.advance(20);
    expect(partial.events.map((e) => e.event.type)).toContain('channel.ready');
    expect(partial.dispatch({ type: 'phase.next' }).accepted).toBe(true);
    expect(partial.snapshot().phase).toBe('balloon');
  });
});
