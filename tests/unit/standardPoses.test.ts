import { describe, expect, it } from 'vitest';
import scenarioJson from '../../levels/l1-osteoporotic-wedge.json';
import { parseScenario } from '../../levels/scenarioSchema';
import { standardPoses } from '../../src/render/standardPoses';
import { createSession } from '../../sim/session';

/** What the monitors project in the background before the pedal is pressed (src/render/standardPoses.ts). */
describe('poses projected before the first press', () => {
  const snapshot = createSession(parseScenario(scenarioJson, 'levels/l1-osteoporotic-wedge.json'), 42).snapshot();

  it('are the pose a press would take now, then the standard view centred on the target', () => {
    for (const view of ['AP', 'lateral'] as const) {
      const poses = standardPoses(snapshot, view);
      expect(poses.map((p) => p.view)).toEqual([view, view]);
      // Seed 42 starts the C-arm off the target's level (the trainee localises it).
      expect(poses[0].isocentre).not.toEqual(poses[1].isocentre);
      expect([poses[1].orbitDeg, poses[1].tiltDeg]).toEqual([0, 0]);
    }
    const centred = { ...snapshot, carm: { ...snapshot.carm, panMm: 0 } };
    expect(standardPoses(centred, 'AP')).toHaveLength(1);
  });

  it('keep the standard view while the arm is adjusted, so it is not projected again', () => {
    const adjusted = { ...snapshot, carm: { ...snapshot.carm, view: 'AP' as const, orbitDeg: 3, tiltDeg: -2 } };
    const [now, standard] = standardPoses(adjusted, 'AP');
    expect([now.orbitDeg, now.tiltDeg]).toEqual([3, -2]);
    expect(standard).toEqual(standardPoses(snapshot, 'AP')[1]);
  });
});
