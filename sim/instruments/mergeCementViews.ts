import type { CementView, Leak } from './cementView';

/**
 * One cement view for the whole vertebra from the batches of each side: volumes add up (so the
 * books still balance: injected = in body + leaked + in cannula), leaks at the same location
 * merge, and the clock, viscosity and pressure are those of the batch in use (`active`).
 */
export function mergeCementViews(active: CementView, others: readonly CementView[]): CementView {
  if (others.length === 0) return active;
  const all = [active, ...others];
  const sum = (f: (v: CementView) => number) => all.reduce((s, v) => s + f(v), 0);
  const leaks = new Map<Leak['location'], Leak>();
  for (const leak of all.flatMap((v) => v.leaks)) {
    const prev = leaks.get(leak.location);
    leaks.set(
      leak.location,
      prev
        ? {
            location: leak.location,
            volumeMl: prev.volumeMl + leak.volumeMl,
            firstTick: Math.min(prev.firstTick, leak.firstTick),
            seenTick: earliest(prev.seenTick, leak.seenTick),
            via: [...new Set([...prev.via, ...leak.via])].sort(),
          }
        : leak,
    );
  }
  return {
    ...active,
    injectedMl: sum((v) => v.injectedMl),
    inBodyMl: sum((v) => v.inBodyMl),
    leakedMl: sum((v) => v.leakedMl),
    inCannulaMl: sum((v) => v.inCannulaMl),
    leaks: [...leaks.values()].sort((a, b) => a.firstTick - b.firstTick),
    deposits: all.flatMap((v) => v.deposits),
    cannulaStuck: all.some((v) => v.cannulaStuck),
    peakInjectionPressureKPa: Math.max(...all.map((v) => v.peakInjectionPressureKPa)),
    peakBodyPressureKPa: Math.max(...all.map((v) => v.peakBodyPressureKPa)),
    maxUnimagedMl: Math.max(...all.map((v) => v.maxUnimagedMl)),
    distribution: mergeDistribution(all),
    // Each side's own leak-reaction clock (its cement after its leak), the longest of them: the
    // planned injection of the other side after a leak on this one is not pushing on.
    flowAfterSeenLeakTicks: all.reduce<number | null>(
      (t, v) =>
        v.flowAfterSeenLeakTicks === null || v.flowAfterSeenLeakTicks === undefined
          ? t
          : Math.max(t ?? v.flowAfterSeenLeakTicks, v.flowAfterSeenLeakTicks),
      null,
    ),
    lastFlowTick: all.reduce<number | null>(
      (t, v) => (v.lastFlowTick === null ? t : Math.max(t ?? v.lastFlowTick, v.lastFlowTick)),
      null,
    ),
  };
}

const earliest = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);

/** Both sides' cement together: fractions add; midline and endplates are reached if either side reaches them. */
function mergeDistribution(all: readonly CementView[]): CementView['distribution'] {
  return {
    fillFraction: all.reduce((s, v) => s + v.distribution.fillFraction, 0),
    crossesMidline: all.some((v) => v.distribution.crossesMidline) || all.filter((v) => v.inBodyMl > 0).length > 1,
    touchesSuperiorEndplate: all.some((v) => v.distribution.touchesSuperiorEndplate),
    touchesInferiorEndplate: all.some((v) => v.distribution.touchesInferiorEndplate),
    posteriorReach: Math.max(...all.map((v) => v.distribution.posteriorReach ?? 0)),
  };
}
