import type { CementPhase, TackFeel } from '../core/events';

/**
 * The tack test: a surgeon judges PMMA by the time since mixing and by touching it with a gloved
 * fingertip. Cement is ready to inject when it no longer sticks to the glove and holds a peak (the
 * "dough time" of ISO 5833 is defined this way: the mixture no longer adheres to an unpowdered
 * surgical glove; PMMA and Kyphon cement handling instructions use the same glove test).
 *
 * The feel is read from the low-shear viscosity at thresholds placed on the phase clock's anchors
 * (cementPhaseClock.ts, assumed values): below 400 Pa s the cement is still liquid (glossy, runs);
 * 400-1000 Pa s it is sticky (the sticky / waiting phase); from 1000 Pa s, the start of the working
 * phase, it no longer sticks (dough time, assumed to coincide with 1000 Pa s); from 3000 Pa s, the end
 * of working, it is stiff and warm (setting, exothermic); from 1e5 Pa s, and once the clock says set,
 * it is hard. So the same thresholds follow the clock at any room temperature or when pre-chilled.
 */
export const TACK_THRESHOLDS_PAS = {
  sticky: 400,
  doughy: 1000,
  stiff: 3000,
  hard: 1e5,
} as const;

/** Reached within rounding: at an anchor the log-linear clock may land a hair under the threshold. */
const reached = (viscosityPaS: number, thresholdPaS: number): boolean => viscosityPaS >= thresholdPaS * (1 - 1e-9);

/** How the cement feels to a gloved finger now (the cement must be mixed). */
export function tackFeel(phase: Exclude<CementPhase, 'unmixed'>, viscosityPaS: number): TackFeel {
  // Polymerisation is complete once the clock says set, whatever the interpolated viscosity.
  if (phase === 'set' || reached(viscosityPaS, TACK_THRESHOLDS_PAS.hard)) return 'hard';
  if (reached(viscosityPaS, TACK_THRESHOLDS_PAS.stiff)) return 'stiff';
  if (reached(viscosityPaS, TACK_THRESHOLDS_PAS.doughy)) return 'doughy';
  if (reached(viscosityPaS, TACK_THRESHOLDS_PAS.sticky)) return 'sticky';
  return 'wet';
}

/** Each feel as the glove feels it (events feed and cement panel, exam mode too: it names no phase). */
export const TACK_FEEL_TEXT: Readonly<Record<TackFeel, string>> = {
  wet: 'wet and glossy, it runs and strings off the spatula.',
  sticky: 'sticky, it clings to the glove and pulls into strings.',
  doughy: 'doughy, it no longer sticks to the glove and holds a peak.',
  stiff: 'stiff and warm, it barely dents under the finger.',
  hard: 'hard, it no longer dents.',
};

/** What a feel means for the injection (practice mode only: exam mode leaves the judgement to the trainee). */
export const TACK_FEEL_MEANING: Readonly<Record<TackFeel, string>> = {
  wet: 'Too early: liquid cement leaks.',
  sticky: 'Not yet: wait until it stops sticking.',
  doughy: 'Ready to inject.',
  stiff: 'Setting: little time left to push.',
  hard: 'Set: it can no longer be pushed.',
};
