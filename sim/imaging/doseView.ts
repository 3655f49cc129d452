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
