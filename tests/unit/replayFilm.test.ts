import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenPath, loadScenario } from './goldenFixtures';
import { filmAttempt } from '../../sim/attempt/replayFilm';
import { replay } from '../../sim/attempt/replay';
import { parseAttemptFile } from '../../sim/attempt/attemptFile';
import { createSession } from '../../sim/session/session';
import type { Command } from '../../sim/core/commands';

/** The golden disc leak (T12 vertebroplasty, seed 3): needle, cement and a leak, under AP and lateral shots. */
const golden = JSON.parse(readFileSync(goldenPath('textbook-vertebroplasty-t12-seed3'), 'utf8'));
const attempt = parseAttemptFile(golden.attempt);
const film = filmAttempt(attempt.scenario, attempt.seed, attempt.log, attempt.endTick, attempt.mode);
const final = replay(attempt.scenario, attempt.seed, attempt.log, attempt.endTick, attempt.mode).snapshot();

describe('replay film', () => {
  it('has one step per logged command and one image per image the attempt took', () => {
    const m = golden.expected.report.metrics;
    expect(film.steps).toHaveLength(attempt.log.length);
    expect(film.frames).toHaveLength(m.shotsAP + m.shotsLateral);
    expect(film.frames.filter((f) => f.view === 'AP')).toHaveLength(m.shotsAP);
    expect(film.steps.at(-1)!.imagesSoFar).toBe(film.frames.length);
  });

  it('ends where the replay ends, and is deterministic', () => {
    expect(film.endTick).toBe(final.tick);
    const last = film.steps.at(-1)!;
    expect(last.cementInBodyMl).toBe(final.cement.inBodyMl);
    expect(last.cementLeakedMl).toBe(final.cement.leakedMl);
    expect(last.fluoroTimeS).toBe(final.dose.fluoroTimeS);
    const again = filmAttempt(attempt.scenario, attempt.seed, attempt.log, attempt.endTick, attempt.mode);
    expect(again.steps).toEqual(film.steps);
    expect(again.frames.map((f) => f.state.tick)).toEqual(film.frames.map((f) => f.state.tick));
  });

  it('images are in tick order, each held after it formed, and steps count them as they come', () => {
    for (let i = 1; i < film.frames.length; i++)
      expect(film.frames[i].tick).toBeGreaterThanOrEqual(film.frames[i - 1].tick);
    for (const f of film.frames) expect(f.state.tick).toBeGreaterThanOrEqual(f.tick);
    for (let i = 1; i < film.steps.length; i++)
      expect(film.steps[i].imagesSoFar).toBeGreaterThanOrEqual(film.steps[i - 1].imagesSoFar);
  });

  it('an image taken while the cement went in holds the cement of its moment', () => {
    const lateral = film.frames.filter((f) => f.view === 'lateral');
    const volumes = lateral.map((f) => f.state.cement.inBodyMl);
    expect(Math.max(...volumes)).toBeGreaterThan(Math.min(...volumes));
    expect(lateral.at(-1)!.state.cement.inBodyMl).toBeCloseTo(final.cement.inBodyMl, 6);
  });

  it('keeps the last frame of a held pedal and marks the image the trainee stored', () => {
    // The golden attempt up to its first exposure (case review, positioning, C-arm in), then our own.
    const scenario = loadScenario('levels/t12-biconcave-vertebroplasty.json');
    const s = createSession(scenario, 3);
    const run = (c: Command) => {
      const r = s.dispatch(c);
      if (!r.accepted) throw new Error(`${c.type} refused: ${r.reason}`);
    };
    for (const e of attempt.log) {
      if (e.command.type === 'fluoro.expose') break;
      s.stepTicks(e.tick - s.tick);
      run(e.command);
    }
    run({ type: 'fluoro.expose', on: true });
    s.stepTicks(20);
    run({ type: 'fluoro.expose', on: false });
    run({ type: 'fluoro.store' });
    s.stepTicks(5);
    const f = filmAttempt(scenario, 3, s.log, s.tick);
    expect(f.frames).toHaveLength(1);
    expect(f.frames[0].stored).toBe(true);
    // Held until the pedal came up: the state is the last exposed tick, not the first.
    expect(f.frames[0].state.tick).toBeGreaterThan(f.frames[0].tick);
    expect(f.frames[0].state.carm.exposing).toBe(true);
  });
});
