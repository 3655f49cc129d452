/**
 * Hypovolaemia from the haematoma (README.md, Bleeding): blood lost beyond what the haematoma
 * holds unnoticed, less the crystalloid still in the vessels, as a share of the blood volume, raises
 * the heart rate and lowers the pressures in straight lines. The blood volume per kilogram is the
 * usual adult estimate; the gains are assumed, of the order of the classes of haemorrhage (a heart
 * rate over 100 at 15-30 % lost, the systolic falling beyond 30 %: docs/clinical-sources.md, Bleeding).
 */
export const HYPOVOLAEMIA = {
  /** Adult blood volume, mL per kg (the usual estimate). */
  bloodVolumeMlPerKg: 70,
  /** Heart rate gained per share of the blood volume lost, bpm (assumed: +27 at 15 %). */
  heartRatePerShare: 180,
  /** Systolic and diastolic pressure lost per share of the blood volume, mmHg (assumed: the systolic -30 at 30 %). */
  systolicPerShare: 100,
  diastolicPerShare: 50,
  /** Share of the blood volume lost from which the severe grade (haemodynamic change) is reported (assumed: +18 bpm). */
  severeShare: 0.1,
} as const;

/** The share of the blood volume missing: the haematoma's blood not made up by crystalloid still in the vessels. */
export function volumeDeficitShare(haematomaMl: number, fluidsInVesselsMl: number, weightKg: number): number {
  if (!(haematomaMl > 0)) return 0;
  return Math.max(0, haematomaMl - fluidsInVesselsMl) / (HYPOVOLAEMIA.bloodVolumeMlPerKg * weightKg);
}
