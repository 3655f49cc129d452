import type { Side } from '../core/commands';
import type { ComplicationSeverity, PatientAlarm } from '../core/events';
import type { CtReport } from './ctReport';
import type { NeuroExam } from './neuroExam';

/** The patient as the snapshot shows it: plain data, what a monitor and the team would see. */
export interface PatientView {
  readonly heartRateBpm: number;
  readonly systolicMmHg: number;
  readonly diastolicMmHg: number;
  readonly spo2Pct: number;
  readonly respiratoryRatePerMin: number;
  /** Pain perceived, 0-10. */
  readonly pain: number;
  /** Richmond Agitation-Sedation Scale, 0 (alert and calm) to -5 (unrousable). */
  readonly rass: number;
  /** Midazolam's sedation effect, 0 (none) to 1 (maximal). */
  readonly sedation: number;
  /** Midazolam given so far, mg, and its effect-site concentration, ng/mL. */
  readonly midazolamMg: number;
  readonly midazolamEffectNgMl: number;
  /** The local anaesthetic's block at each skin entry, 0 (none) to 1 (complete). */
  readonly localBlock: Readonly<Record<Side, number>>;
  readonly onOxygen: boolean;
  readonly oxygenLPerMin: number;
  /** Flumazenil given so far, mg, and its effect-site concentration, ng/mL. */
  readonly flumazenilMg: number;
  readonly flumazenilEffectNgMl: number;
  /** IV fluids given so far, mL (some may still be running in). */
  readonly fluidsMl: number;
  /** Help was called. */
  readonly helpCalled: boolean;
  /** Venous cement that reached the pulmonary arteries, mL, and the worst grade of its signs so far (null: none). */
  readonly cementInLungsMl: number;
  readonly embolism: ComplicationSeverity | null;
  /** The worst grade of over-sedation's signs so far (sim/patient/overSedation.ts; null: none). */
  readonly overSedation: ComplicationSeverity | null;
  /** The worst grade of nerve injury so far (sim/patient/nerveInjury.ts; null: none). */
  readonly neuroDeficit: ComplicationSeverity | null;
  /** The last neurological examination (neuro.examine), the last CT (imaging.ct), null before any. */
  readonly neuroExam: NeuroExam | null;
  readonly ct: CtReport | null;
  /** An urgent spinal surgical opinion was asked (patient.surgicalOpinion); no physiology. */
  readonly surgicalOpinion: boolean;
  /** Monitor alarms sounding now. */
  readonly alarms: readonly PatientAlarm[];
}
