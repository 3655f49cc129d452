import type { DomainId } from './types';

/**
 * Every weight and point value of the rubric in one place. sim/scoring/README.md gives the figure
 * each one rests on (published norms, the model's own calibrated leak odds, the reference sets);
 * change them there first.
 */

/** Domain weights in the total (they are normalised, so vertebroplasty's zero height weight drops out). */
export const DOMAIN_WEIGHTS: Readonly<Record<DomainId, number>> = {
  leakage: 0.2,
  misplacement: 0.2,
  height: 0.1,
  radiation: 0.15,
  cement: 0.1,
  process: 0.1,
  imaging: 0.15,
  // Counted only in an attempt with a complication that needed an answer (complicationScore.ts):
  // then as much as radiation or imaging, since a complication left unanswered harms the patient.
  complications: 0.15,
};

/**
 * Points a serious error takes off the total: 12, about five standard deviations of the expert
 * reference totals (sd 2-3 around a mean of 98), so one serious error puts an otherwise expert
 * attempt below the contrasting-groups marks (90-94), while errors scored inside a domain cost a
 * few points of the total each. It was chosen first as more than half the margin between the expert
 * median and the first rubric's pass score of 70 (README: "Serious errors").
 */
export const SERIOUS_POINTS = 12;

/**
 * Cement errors weigh by the leak risk they carry: points = CEMENT_POINTS_PER_LOG_ODDS x ln(odds
 * ratio of a leak). 10 points per unit of log-odds puts the published low-viscosity odds ratio
 * (3.3) at 12 points, one serious error; the model's own odds (below) set each error's weight.
 */
export const CEMENT_POINTS_PER_LOG_ODDS = 10;

/**
 * Leak odds ratios the cement model itself shows, per procedure (npm run calibrate:cement prints
 * them as its RUBRIC rows; README "Cement weights"): liquid-phase cement (pushed 60 s after mixing,
 * ~75 Pa s) against working-phase dough (~1100 Pa s), a trainee's error and a thinner cement than any
 * low-viscosity product, so its odds are above the published low- against high-viscosity 3.3; blind pushes (1.5 mL between images) against 0.5 mL watched pushes (any leak
 * for kyphoplasty, a leak of 0.1 mL or more for vertebroplasty, where small leaks are common
 * either way); overfill (6.5 mL against 4 mL in a lumbar kyphoplasty; no vertebroplasty figure, so
 * the kyphoplasty one stands for both). Kyphoplasty figures re-measured on 2026-12-04 (40 patients,
 * textbook plan at 3 mL into a cavity that keeps half its volume once the balloon is out): liquid
 * 24/40 vs 6/40 (OR 7.9), blind any leak OR 3.6, 6.5 mL 16/20 vs 6/40 (OR 20).
 */
export const CEMENT_LEAK_ODDS = {
  kyphoplasty: { liquidPhase: 7.9, blindPush: 3.6, overfill: 20 },
  vertebroplasty: { liquidPhase: 14, blindPush: 2.2, overfill: 12 },
} as const;
/** No single cement error costs more than two serious errors: beyond that the leak itself is scored (leakage domain, critical canal leak). */
export const CEMENT_POINTS_CAP = 2 * SERIOUS_POINTS;

/** Cement pushed between two images beyond this is a blind push (0.5-1 mL increments under lateral control, doubled). */
export const BLIND_PUSH_ML = 2;
/** Cement in the body beyond the top of the volume window by more than this is overfill, mL. */
export const OVERFILL_MARGIN_ML = 1;

/** Radiation: published norms used when a scenario has no expert reference (Kopparapu 2021: KP 5.7 +/- 2.0 min, VP 4.9 +/- 3.3 min). */
export const FLUORO_NORM_S = { kyphoplasty: { mean: 342, sd: 120 }, vertebroplasty: { mean: 294, sd: 198 } } as const;
/** Trainees performing use about 2.5x the fluoroscopy of experts (Soucy 2024): up to 1.5x the expert is free; 2.5x costs 25 points. */
export const FLUORO_FREE_RATIO = 1.5;
export const FLUORO_POINTS_PER_RATIO = 25;
/** A single pedal press longer than this is continuous screening, s (assumed: no step of the procedure needs it). */
export const CONTINUOUS_SCREENING_S = 30;
/** Shutters this open on average (mean exposed field / full field) count as uncollimated (collimating 20 -> 16 cm cuts dose ~40 %). */
export const OPEN_SHUTTER_FRACTION = 0.85;

/**
 * A view within this of the true AP or lateral counts as true, deg: a 40-45 mm body seen 3 deg off
 * shows its endplates or posterior wall doubled by about 2 mm (45 x tan 3 deg), the first doubling
 * a reader sees on a 1-2 mm-resolution image.
 */
export const TRUE_VIEW_DEG = 3;

/**
 * The case-review measurement of the wedge on the pre-operative lateral (process domain, README
 * "Case-review measurement"): a missing one costs what a missed case-review checklist item costs, 10
 * points of the process domain (about 1 point of the total), a skill and not a safety item. A reading
 * keeps full credit while both its errors are within their tolerance (wedgeMeasurementScore.ts) and
 * loses it linearly to none at twice the tolerance.
 */
export const MEASUREMENT_POINTS = 10;
