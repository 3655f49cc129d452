import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { createSession } from '../../sim/session';

const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));

/**
 * The help, the settings and the leave question stop the clock by making the game loop advance the
 * session by 0 s (src/procedure/ProcedureScreen.tsx, useGameLoop.ts). Here the same frames are fed
 * with and without a long pause in the middle: the command log (its ticks) and the snapshot are the
 * same, so a paused interval is never elapsed sim time, nor a gap a score could see.
 */
describe('a dialog pause', () => {
  const play = (pauseFrames: number) => {
    const s = createSession(scenario, 7);
    const frame = 1 / 60;
    for (let i = 0; i < 120; i++) s.advance(frame);
    s.dispatch({ type: 'checklist.tick', item: 'history' });
    // The dialog is open: every frame advances 0 s (speed 0), however long the wall clock runs.
    for (let i = 0; i < pauseFrames; i++) s.advance(0 * frame);
    s.dispatch({ type: 'checklist.tick', item: 'imaging' });
    for (let i = 0; i < 120; i++) s.advance(frame);
    return { log: JSON.stringify(s.log), tick: s.tick, timeS: s.snapshot().timeS };
  };

  it('leaves the command log, its ticks and the sim time as they would have been', () => {
    const straight = play(0);
    const paused = play(60 * 120);
    expect(paused).toEqual(straight);
    expect(straight.timeS).toBeGreaterThan(3.9);
  });
});
