import { describe, expect, it } from 'vitest';
import scenarioJson from '../../levels/l1-osteoporotic-wedge.json';
import { parseScenario } from '../../levels/scenarioSchema';
import { standardPoses } from '../../src/render/standardPoses';
import { createSession } from '../../sim/session';

/** What the monitors project in the background before the pedal is pressed (src/render/standardPoses.ts). */
describe('poses projected before the first press', () => {
  const snapshot = createSession(parseScenario(scenarioJson, 'levels/l1-osteoporotic-wedge.json'), 42).snapshot();

  it('are the pose a press would take now, then the same view centred on the target', () => {
    for (const view of ['AP', 'lateral'] as const) {
      const poses = standardPoses(snapshot, view);
      expect(poses[0].view).toBe(view);
      expect(poses.at(-1)?.view).toBe(view);
      // Seed 42 starts the C-arm off the target's level (the trainee localises it).
      expect(poses).toHaveLength(2);
      expect(poses[0].isocentre).not.toEqual(poses[1].isocentre);
    }
    const centred = { ...snapshot, carm: { ...snapshot.carm, panMm: 0 } };
    expect(standardPoses(centred, 'AP')).toHaveLength(1);
  });
});
