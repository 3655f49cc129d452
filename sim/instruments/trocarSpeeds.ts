import type { Tissue } from '../anatomy/types';

/**
 * How fast the tip goes, mm/s (all assumed: docs/clinical-sources.md has no figures). Soft tissue is
 * pushed through by hand (~10 mm/s); cortex needs the mallet (~1 mm/s); cancellous bone ~3 mm/s at
 * 1 MPa, faster in weaker bone (speed ~ 1/sqrt(strength), clamped to 1.5-6 mm/s). Pulling back is
 * 10 mm/s in soft tissue and 5 mm/s while the tip is held in bone.
 */
export const TROCAR_SPEED_MM_S = {
  soft: 10,
  cortical: 1,
  cancellousAt1MPa: 3,
  cancellousMin: 1.5,
  cancellousMax: 6,
  withdrawSoft: 10,
  withdrawBone: 5,
  /** A tap's travel happens within a fraction of a second (assumed). */
  tapTravel: 25,
  /** Slowest hand push that still moves (resistance close to the hand's force). */
  handMin: 1,
} as const;

/** Hand-push speed, mm/s: the soft-tissue speed, slowed as the resistance approaches the hand's force (assumed linear). */
export function handSpeedMmS(resistanceN: number, handForceN = 50): number {
  return Math.max(TROCAR_SPEED_MM_S.handMin, TROCAR_SPEED_MM_S.soft * (1 - resistanceN / handForceN));
}

/** Advance speed of the tip (or drill) into a tissue, mm/s. */
export function advanceSpeedMmS(tissue: Tissue, cancellousStrengthMPa: number, touchingCortex: boolean): number {
  if (tissue === 'cortical' || touchingCortex) return TROCAR_SPEED_MM_S.cortical;
  if (tissue === 'cancellous') {
    const s = TROCAR_SPEED_MM_S.cancellousAt1MPa / Math.sqrt(Math.max(0.05, cancellousStrengthMPa));
    return Math.min(TROCAR_SPEED_MM_S.cancellousMax, Math.max(TROCAR_SPEED_MM_S.cancellousMin, s));
  }
  return TROCAR_SPEED_MM_S.soft;
}

/** Withdrawal speed, mm/s. */
export function withdrawSpeedMmS(inBone: boolean): number {
  return inBone ? TROCAR_SPEED_MM_S.withdrawBone : TROCAR_SPEED_MM_S.withdrawSoft;
}
