import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenPath } from './goldenFixtures';
import { filmAttempt } from '../../sim/attempt/replayFilm';
import { parseAttemptFile } from '../../sim/attempt/attemptFile';
import { FilmImager } from '../../src/replay/filmImager';
import { REVEAL_VIEWBOX } from '../../src/replay/revealOverlay';

/** The golden disc leak (T12 vertebroplasty, seed 3): its last lateral image shows the cement and the leak. */
const attempt = parseAttemptFile(
  JSON.parse(readFileSync(goldenPath('textbook-vertebroplasty-t12-seed3'), 'utf8')).attempt,
);
const film = filmAttempt(attempt.scenario, attempt.seed, attempt.log, attempt.endTick, attempt.mode);
const imager = new FilmImager(film.anatomy, ['left'], 160, 128);
const lastLateral = film.frames.filter((f) => f.view === 'lateral').at(-1)!;
const firstLateral = film.frames.find((f) => f.view === 'lateral')!;
const image = imager.render(lastLateral);

type Box = { x0: number; y0: number; x1: number; y1: number };
function boxOf(path: string): Box {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const m of path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)) {
    xs.push(Number(m[1]));
    ys.push(Number(m[2]));
  }
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}
const inside = (b: Box, x: number, y: number, margin = 0) =>
  x >= b.x0 - margin && x <= b.x1 + margin && y >= b.y0 - margin && y <= b.y1 + margin;

/** Mean grey of an image's pixels (default: the last lateral) whose centres fall in a box of the reveal viewBox. */
function meanIn(b: Box, of: { sizePx: number; grey: ArrayLike<number> } = image): number {
  const n = of.sizePx;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!inside(b, ((x + 0.5) / n) * REVEAL_VIEWBOX, ((y + 0.5) / n) * REVEAL_VIEWBOX)) continue;
      sum += of.grey[y * n + x];
      count++;
    }
  }
  return sum / count;
}

describe('film imager and reveal overlay', () => {
  it('re-makes the same pixels for the same image (noise seeded by the tick)', () => {
    const again = new FilmImager(film.anatomy, ['left'], 160, 128).render(lastLateral);
    expect(again.grey).toEqual(image.grey);
    expect(imager.render(firstLateral).grey).not.toEqual(image.grey);
  });

  it('outlines the body and pedicles, with the cement inside the body and darker than the rest of the image', () => {
    const r = image.reveal;
    const body = boxOf(r.body);
    const cement = boxOf(r.cement);
    // A lateral body of T12 is ~30 mm deep in a 230 mm field: well over 60 units of the 1000 viewBox.
    expect(body.x1 - body.x0).toBeGreaterThan(60);
    expect(r.pedicles.length).toBeGreaterThan(20);
    expect(inside(body, cement.x0, cement.y0, 15) && inside(body, cement.x1, cement.y1, 15)).toBe(true);
    const all = meanIn({ x0: 0, y0: 0, x1: REVEAL_VIEWBOX, y1: REVEAL_VIEWBOX });
    // The cement darkens its outline's box: against the same box on the first lateral image (before
    // any cement) by more than 25 grey levels (about 42 today), and it stays darker than the image's
    // mean. Not black: the display rolls off at the dense end (detectorPass.ts, rollOffDense).
    expect(meanIn(cement)).toBeLessThan(meanIn(cement, imager.render(firstLateral)) - 25);
    expect(meanIn(cement)).toBeLessThan(all);
  });

  it('outlines the disc leak outside the body, and only once it is a reported leak', () => {
    expect(lastLateral.state.cement.leaks.map((l) => l.location)).toContain('intradiscal');
    expect(image.reveal.leaks.length).toBeGreaterThan(20);
    const beforeCement = film.frames.find((f) => f.view === 'lateral' && f.state.cement.injectedMl === 0)!;
    const early = imager.render(beforeCement).reveal;
    expect(early.cement).toBe('');
    expect(early.leaks).toBe('');
  });

  it('draws the ideal trajectory of the side used, its target inside the body outline', () => {
    const [t] = image.reveal.trajectories;
    expect(t.side).toBe('left');
    expect(t.path).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    expect(inside(boxOf(image.reveal.body), t.target![0], t.target![1])).toBe(true);
  });
});
