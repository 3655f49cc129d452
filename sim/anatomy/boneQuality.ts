/**
 * Bone quality from the DXA T-score: cancellous relative density (1 = young healthy) and
 * compressive strength.
 *
 * Density: trabecular (volumetric) density falls faster than the areal DXA figure; QCT places
 * osteoporosis at about half the young-adult trabecular density. We take a linear 20 % of
 * young-adult density per T-score unit, clamped to [0.25, 1.3] (assumed), so T = -2.5 gives 0.5
 * and T = -3.2 gives 0.36.
 *
 * Strength: power law in apparent density with exponent 2 (Carter & Hayes 1977's density-squared
 * law for trabecular bone), scaled so healthy bone (density 1) is 4 MPa (assumed, inside the
 * brief's ~3-5 MPa healthy range). Osteoporotic bone (T <= -2.5) then lands at ~0.5-1 MPa.
 */
export const HEALTHY_CANCELLOUS_STRENGTH_MPA = 4;
export const DENSITY_PER_T_SCORE = 0.2;
export const STRENGTH_DENSITY_EXPONENT = 2;

export interface BoneQuality {
  readonly cancellousDensity: number;
  readonly cancellousStrengthMPa: number;
}

/** Cancellous density and strength for a DXA T-score. */
export function boneQualityFromTScore(tScore: number): BoneQuality {
  const cancellousDensity = Math.min(1.3, Math.max(0.25, 1 + DENSITY_PER_T_SCORE * tScore));
  const cancellousStrengthMPa =
    HEALTHY_CANCELLOUS_STRENGTH_MPA * Math.pow(cancellousDensity, STRENGTH_DENSITY_EXPONENT);
  return { cancellousDensity, cancellousStrengthMPa };
}
