import { describe, expect, it } from 'vitest';
import { cementOutcome, PROMPT_STOP_S } from '../../sim/instruments/cementOutcome';
import type { CementView, Leak } from '../../sim/instruments/cementView';

const TPS = 60;

function view(
  leaks: Leak[],
  lastFlowTick: number | null,
  distribution: Partial<CementView['distribution']> = {},
): CementView {
  const leaked = leaks.reduce((s, l) => s + l.volumeMl, 0);
  return {
    phase: 'working',
    sinceMixS: 400,
    viscosityPaS: 1500,
    injectedMl: 4.5 + leaked,
    inBodyMl: 4,
    leakedMl: leaked,
    inCannulaMl: 0.5,
    pendingMl: 0,
    injectionPressureKPa: 0,
    peakInjectionPressureKPa: 1500,
    peakBodyPressureKPa: 100,
    maxUnimagedMl: 0.5,
    leaks,
    deposits: [],
    cannulaStuck: false,
    delivery: { device: 'boneFiller', loadedMl: 0, batchLeftMl: 4, devicesUsed: 3 },
    lastTack: null,
    distribution: {
      fillFraction: 0.2,
      crossesMidline: true,
      touchesSuperiorEndplate: true,
      touchesInferiorEndplate: false,
      ...distribution,
    },
    lastFlowTick,
  };
}

const leak = (location: Leak['location'], volumeMl: number, firstTick: number, seenTick: number | null): Leak => ({
  location,
  volumeMl,
  firstTick,
  seenTick,
  via: [],
});

describe('cement outcome', () => {
  it('times the push after the first leak seen on an image, not after the leak itself', () => {
    const prompt = cementOutcome(view([leak('intradiscal', 0.1, 1000, 1300)], 1300 + 2 * TPS), TPS);
    expect(prompt.pushedOnAfterLeakS).toBeCloseTo(2, 9);
    expect(prompt.stoppedPromptly).toBe(true);
    const late = cementOutcome(view([leak('intradiscal', 0.1, 1000, 1300)], 1300 + (PROMPT_STOP_S + 3) * TPS), TPS);
    expect(late.stoppedPromptly).toBe(false);
    expect(late.pushedOnAfterLeakS).toBeCloseTo(PROMPT_STOP_S + 3, 9);
  });

  it('a leak no image showed cannot be reacted to: it is counted as unseen and timing is not judged', () => {
    const o = cementOutcome(view([leak('paravertebral', 0.2, 1000, null)], 5000), TPS);
    expect(o.unseenLeaks).toBe(1);
    expect(o.stoppedPromptly).toBeNull();
    expect(o.pushedOnAfterLeakS).toBeNull();
  });

  it('grades the embolism risk by venous volume and reports fill and distribution', () => {
    expect(cementOutcome(view([], 10), TPS).embolismRisk).toBe('none');
    expect(cementOutcome(view([leak('venous', 0.06, 1, 2)], 10), TPS).embolismRisk).toBe('low');
    expect(cementOutcome(view([leak('venous', 0.3, 1, 2)], 10), TPS).embolismRisk).toBe('moderate');
    const high = cementOutcome(view([leak('venous', 0.6, 1, 2), leak('intradiscal', 1, 1, 2)], 10), TPS);
    expect(high.embolismRisk).toBe('high');
    expect(high.venousMl).toBeCloseTo(0.6, 9);
    const d = cementOutcome(view([], 10, { touchesInferiorEndplate: true }), TPS);
    expect(d.touchesBothEndplates).toBe(true);
    expect(d.crossesMidline).toBe(true);
    expect(d.fillMl).toBe(4);
    expect(d.fillFraction).toBeCloseTo(0.2, 9);
  });
});
