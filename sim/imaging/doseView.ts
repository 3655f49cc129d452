import type { View } from '../core/commands';
/** Dose so far as the snapshot shows it: fluoro time, kerma, DAP, shots and hand-in-beam time. */
export interface DoseView {
  readonly fluoroTimeS: number;
  readonly airKermaMGy: number;
  readonly dapGyCm2: number;
  readonly shots: Readonly<Record<View, number>>;
  readonly fluoroTimeByViewS: Readonly<Record<View, number>>;
  readonly handInBeamS: number;
  readonly operatorHandDoseMSv: number;
  /** Reference air kerma (IRP) and DAP per view. */
  readonly airKermaByViewMGy: Readonly<Record<View, number>>;
  readonly dapByViewGyCm2: Readonly<Record<View, number>>;
  /** Entrance skin dose per view (different skin fields), mGy. */
  readonly skinDoseByViewMGy: Readonly<Record<View, number>>;
  /** Pulses (frames) fired in total: the unit of dose accounting. */
  readonly pulses: number;
  /** Images stored by the trainee (fluoro.store) per view. */
  readonly stored: Readonly<Record<View, number>>;
}

/**
 * The highest entrance skin dose of any one field, mGy. AP and lateral enter through different
 * skin (the AP beam through the anterior trunk on the table, the lateral through the right flank),
 * so their doses do not add up on any patch of skin: the erythema threshold (2 Gy, Boszczyk 2005)
 * is judged on the most exposed field.
 */
export function peakSkinDoseMGy(dose: Pick<DoseView, 'skinDoseByViewMGy'>): number {
  return Math.max(dose.skinDoseByViewMGy.AP, dose.skinDoseByViewMGy.lateral);
}
