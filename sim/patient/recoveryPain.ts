import type { SpineLevel } from '../anatomy/types';
import type { NerveLesion } from './nerveInjury';

/**
 * Pain on sitting up in recovery (README.md, Pain in recovery), the score the recovery examination
 * records: what is left of the fracture's pain once its body holds cement, plus the ache of a root
 * or cord that a breach or a leak pressed, plus a haematoma's. A patient who sits up with
 * moderate pain at most can go home that day; more is a reason for an overnight stay.
 *
 * The fracture's pain on movement falls with the cement that stabilises it. The trials give the
 * scale: a pain of about 8/10 before, about 5 points less within a month after vertebroplasty
 * (against under 3 with conservative care); the stabilisation is measured by the cement's share of
 * the body's volume, as the biomechanics do: about 30 % brings the body's stiffness back, and the
 * registry's better relief from 4.5 mL in a lumbar body is about that share of a fractured one
 * (docs/clinical-sources.md, Pain in recovery). A collapsed or small body so needs less cement for
 * the same relief. The relief is taken as reached on the day (the fracture's micro-motion stops as
 * the cement sets). It rises steeply with the first cement and levels off at the full-relief share
 * (assumed shape: a small fill already stops most of the motion, more adds less):
 * relief = maxRelief (1 - (1 - s)^2), s = min(1, fill / fullReliefFill). A level with no cement
 * keeps its pain.
 */
export const RECOVERY_PAIN = {
  /** Pain of the fresh fracture on sitting up or standing, 0-10 (trial baselines of about 7.5-8). */
  fractureNrs: 8,
  /** Share of it a body filled to the full-relief share takes away (about 5 points of 8). */
  maxRelief: 0.65,
  /** The cement's share of the body's volume that gives the full relief (the stiffness restored at about 30 %). */
  fullReliefFill: 0.3,
  /** The ache of a pressed root or cord at rest, by lesion grade (mild, moderate, severe), 0-10 (assumed). */
  nerveAcheByGrade: [3, 5, 7],
  /** Pain on sitting up a patient can go home with, 0-10 (assumed: the top of the mild-to-moderate band). */
  dischargeMaxNrs: 4,
} as const;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** The score the patient gives, a whole number on the 0-10 scale, from the model's pain. */
export const reportedNrs = (pain: number): number => Math.round(pain);

/** Whether the patient can go home with this pain on sitting up (as they report it). */
export const painControlled = (pain: number): boolean => reportedNrs(pain) <= RECOVERY_PAIN.dischargeMaxNrs;

/** How far the cement stabilises a body it fills to this share of its volume, 0-1. */
export function stabilisation(fill: number): number {
  return clamp01(fill / RECOVERY_PAIN.fullReliefFill);
}

/**
 * Pain on sitting up, 0-10: the worst treated level's remaining fracture pain, plus the worst nerve
 * lesion's ache, plus the haematoma's (0-10). cementFill: each fractured level's cement, as a share
 * of its body's volume.
 */
export function painOnSitting(
  cementFill: ReadonlyMap<SpineLevel, number>,
  lesions: readonly NerveLesion[],
  haematomaPain: number,
): number {
  const r = RECOVERY_PAIN;
  let fracture = 0;
  for (const fill of cementFill.values()) {
    const short = 1 - stabilisation(fill);
    fracture = Math.max(fracture, r.fractureNrs * (1 - r.maxRelief * (1 - short * short)));
  }
  const nerve = Math.max(0, ...lesions.map((l) => r.nerveAcheByGrade[l.grade] ?? 0));
  return Math.min(10, fracture + nerve + haematomaPain);
}
