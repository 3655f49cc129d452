/**
 * How sedation and pain move the vital signs (README.md, Vital signs): gains and lags, all assumed.
 * Pain counts above the patient's resting pain (a sympathetic response); sedation is midazolam's
 * effect, 0-1.
 */
export const VITAL_GAINS = {
  /** Share of the resting respiratory rate that full respiratory depression takes away (assumed). */
  maxRespiratoryDepression: 0.6,
  heartRatePerPain: 4,
  systolicPerPain: 5,
  diastolicPerPain: 3,
  heartRatePerSedation: -6,
  systolicPerSedation: -15,
  diastolicPerSedation: -8,
  /** Time constant of heart rate and blood pressure following their targets, s (assumed). */
  haemodynamicLagS: 10,
} as const;

/** RASS from the sedation effect (0 alert and calm, -5 unrousable): the nearest step of five (assumed). */
export function rassOf(sedation: number): number {
  const depth = Math.min(5, Math.round(5 * sedation));
  // 0, never -0: the snapshot's numbers compare equal to what they print.
  return depth === 0 ? 0 : -depth;
}
