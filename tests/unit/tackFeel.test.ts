import { describe, expect, it } from 'vitest';
import { cementPhaseAt, cementTimeline, cementViscosityPaS } from '../../sim/instruments/cementPhaseClock';
import { TACK_FEEL_MEANING, TACK_FEEL_TEXT, tackFeel } from '../../sim/instruments/tackFeel';
import type { CementPhase, TackFeel } from '../../sim/core/events';

const FEEL_OF_PHASE: Readonly<Record<Exclude<CementPhase, 'unmixed'>, TackFeel>> = {
  liquid: 'wet',
  sticky: 'sticky',
  working: 'doughy',
  setting: 'stiff',
  set: 'hard',
};

/** The feel every second from mixing to 20 min after, with the phase at that second. */
function feelsOverClock(settings: {
  roomTempC: number;
  preChilled: boolean;
}): { s: number; phase: CementPhase; feel: TackFeel }[] {
  const t = cementTimeline(settings);
  const out: { s: number; phase: CementPhase; feel: TackFeel }[] = [];
  for (let s = 0; s <= 20 * 60; s++) {
    const phase = cementPhaseAt(t, s);
    if (phase === 'unmixed') throw new Error('mixed at 0 s');
    out.push({ s, phase, feel: tackFeel(phase, cementViscosityPaS(t, s)) });
  }
  return out;
}

/** The feels in the order they first appear. */
const order = (xs: readonly { feel: TackFeel }[]): TackFeel[] =>
  xs.map((x) => x.feel).filter((f, i, a) => i === 0 || a[i - 1] !== f);

describe('tack test', () => {
  it('at 22 C reaches wet, sticky, doughy, stiff and hard in that order, each in its own phase', () => {
    const feels = feelsOverClock({ roomTempC: 22, preChilled: false });
    expect(order(feels)).toEqual(['wet', 'sticky', 'doughy', 'stiff', 'hard']);
    for (const x of feels)
      expect(x.feel, `${x.s} s, ${x.phase}`).toBe(FEEL_OF_PHASE[x.phase as Exclude<CementPhase, 'unmixed'>]);
    // Dough (no longer sticks to the glove) at the end of the 5.1 min liquid interval (BMC Musculoskelet Disord 2012).
    const dough = feels.find((x) => x.feel === 'doughy')!.s;
    expect(dough).toBe(Math.ceil(5.1 * 60));
  });

  it('pre-chilled cement stays sticky longer: dough at ~9.4 min instead of ~5.1', () => {
    const room = feelsOverClock({ roomTempC: 22, preChilled: false });
    const chilled = feelsOverClock({ roomTempC: 22, preChilled: true });
    expect(order(chilled).slice(0, 3)).toEqual(['wet', 'sticky', 'doughy']);
    const at = (xs: typeof room, f: TackFeel) => xs.find((x) => x.feel === f)!.s;
    expect(at(chilled, 'doughy') / 60).toBeCloseTo(9.4, 1);
    for (const f of ['sticky', 'doughy', 'stiff'] as const) expect(at(chilled, f)).toBeGreaterThan(at(room, f));
  });

  it('set cement is hard whatever the viscosity says; thresholds are the clock anchors', () => {
    expect(tackFeel('set', 50)).toBe('hard');
    expect(tackFeel('liquid', 399)).toBe('wet');
    expect(tackFeel('sticky', 400)).toBe('sticky');
    expect(tackFeel('working', 999.9)).toBe('sticky');
    expect(tackFeel('working', 1000)).toBe('doughy');
    expect(tackFeel('setting', 3000)).toBe('stiff');
    expect(tackFeel('setting', 1e5)).toBe('hard');
  });

  it('has a sentence for every feel, and only practice sentences name the readiness', () => {
    for (const f of ['wet', 'sticky', 'doughy', 'stiff', 'hard'] as const) {
      expect(TACK_FEEL_TEXT[f].length).toBeGreaterThan(5);
      expect(TACK_FEEL_TEXT[f]).not.toMatch(/ready|liquid|working|setting|set\b/i);
      expect(TACK_FEEL_MEANING[f].length).toBeGreaterThan(5);
    }
  });
});
