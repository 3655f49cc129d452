import type { Side } from '../core/commands';
import type { ComplicationSeverity, PatientAlarm } from '../core/events';
import type { PunctureSite } from './bleeding';

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
  /** Blood lost from the puncture tracts so far, mL (sim/patient/bleeding.ts). */
  readonly bloodLossMl: number;
  /** A puncture site bleeds now (around a cannula, or open and not under pressure). */
  readonly bleeding: boolean;
  /** Firm pressure is held on the puncture sites (site.compress). */
  readonly compressing: boolean;
  /** The puncture sites as the team sees them. */
  readonly punctureSite: PunctureSite;
  /** The worst grade of bleeding reported so far (null: none). */
  readonly bleedingGrade: ComplicationSeverity | null;
  /** Monitor alarms sounding now. */
  readonly alarms: readonly PatientAlarm[];
}
