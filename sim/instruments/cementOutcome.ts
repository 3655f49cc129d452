import type { LeakLocation } from '../core/events';
import type { CementView } from './cementView';

/**
 * What the cement did, for scoring and the debrief ("Outcomes for scoring"): a pure
 * function of the final cement view.
 *
 * - Fill: volume in the body and its share of the body (docs/clinical-sources.md: ~30 % restores
 *   stiffness, > ~40 % is linked to new fractures).
 * - Distribution: across the midline, against both endplates (the bipedicular-like fill a unipedicular
 *   injection aims for).
 * - Leaks by location and volume; whether each was seen on an image, and how long cement kept going
 *   in after the first leak that was seen (PROMPT_STOP_S: "within a few seconds", assumed 5 s).
 * - Embolism risk from the venous volume (assumed bands: pulmonary cement embolism is seen on imaging
 *   in 2-26 % and is rarely symptomatic, Krueger 2009; any venous cement can embolise, larger volumes
 *   more so).
 */
export const PROMPT_STOP_S = 5;

/** Venous volume bands for the embolism risk, mL (assumed). */
export const EMBOLISM_BANDS_ML = { low: 0, moderate: 0.1, high: 0.5 } as const;

export type EmbolismRisk = 'none' | 'low' | 'moderate' | 'high';

export interface CementOutcome {
  readonly fillMl: number;
  readonly fillFraction: number;
  readonly crossesMidline: boolean;
  readonly touchesBothEndplates: boolean;
  readonly leakedMl: number;
  readonly leaks: readonly { readonly location: LeakLocation; readonly volumeMl: number; readonly seen: boolean }[];
  /** Seconds cement kept flowing after the first leak seen on an image; null when no leak was seen. */
  readonly pushedOnAfterLeakS: number | null;
  /** Injection stopped within PROMPT_STOP_S of the first seen leak; null when no leak was seen. */
  readonly stoppedPromptly: boolean | null;
  /** Leaks no image showed while cement still flowed (the trainee could not have reacted). */
  readonly unseenLeaks: number;
  readonly venousMl: number;
  readonly embolismRisk: EmbolismRisk;
}

export function cementOutcome(c: CementView, ticksPerS: number): CementOutcome {
  const d = c.distribution;
  const seenTicks = c.leaks.map((l) => l.seenTick).filter((t): t is number => t !== null && t !== undefined);
  const firstSeen = seenTicks.length ? Math.min(...seenTicks) : null;
  // Per side when the view carries it (mergeCementViews keeps each side's own clock); else from the one batch.
  const pushedOn =
    c.flowAfterSeenLeakTicks !== undefined
      ? c.flowAfterSeenLeakTicks === null
        ? null
        : c.flowAfterSeenLeakTicks / ticksPerS
      : firstSeen === null
        ? null
        : Math.max(0, ((c.lastFlowTick ?? firstSeen) - firstSeen) / ticksPerS);
  const venousMl = c.leaks.filter((l) => l.location === 'venous').reduce((s, l) => s + l.volumeMl, 0);
  const embolismRisk: EmbolismRisk =
    venousMl <= EMBOLISM_BANDS_ML.low
      ? 'none'
      : venousMl < EMBOLISM_BANDS_ML.moderate
        ? 'low'
        : venousMl < EMBOLISM_BANDS_ML.high
          ? 'moderate'
          : 'high';
  return {
    fillMl: c.inBodyMl,
    fillFraction: d.fillFraction,
    crossesMidline: d.crossesMidline,
    touchesBothEndplates: d.touchesSuperiorEndplate && d.touchesInferiorEndplate,
    leakedMl: c.leakedMl,
    leaks: c.leaks.map((l) => ({
      location: l.location,
      volumeMl: l.volumeMl,
      seen: l.seenTick !== null && l.seenTick !== undefined,
    })),
    pushedOnAfterLeakS: pushedOn,
    stoppedPromptly: pushedOn === null ? null : pushedOn <= PROMPT_STOP_S,
    unseenLeaks: c.leaks.filter((l) => l.seenTick === null || l.seenTick === undefined).length,
    venousMl,
    embolismRisk,
  };
}
