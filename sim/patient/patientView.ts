import type { ProphylacticAntibiotic } from '../core/allergies';
import type { Side } from '../core/commands';
import type { ComplicationSeverity, PatientAlarm } from '../core/events';
import type { CtReport } from './ctReport';
import type { NeuroExam } from './neuroExam';
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
  /** The worst grade of over-sedation's signs so far (sim/patient/overSedation.ts; null: none). */
  readonly overSedation: ComplicationSeverity | null;
  /** The worst grade of nerve injury so far (sim/patient/nerveInjury.ts; null: none). */
  readonly neuroDeficit: ComplicationSeverity | null;
  /** The last neurological examination (neuro.examine), the last CT (imaging.ct), null before any. */
  readonly neuroExam: NeuroExam | null;
  /** Pain on sitting up, 0-10, now (sim/patient/recoveryPain.ts); null while instruments are in. The trainee learns it by examining. */
  readonly painOnSittingNrs: number | null;
  readonly ct: CtReport | null;
  /** An urgent spinal surgical opinion was asked (patient.surgicalOpinion); no physiology. */
  readonly surgicalOpinion: boolean;
  /** The prophylactic antibiotic the pre-op tick gives (cefazolin unless another was chosen), and the one given, or null before it. */
  readonly antibioticChoice: ProphylacticAntibiotic;
  readonly antibiotic: ProphylacticAntibiotic | null;
  /** Adrenaline given so far, mg (IM). */
  readonly adrenalineMg: number;
  /**
   * An allergic reaction's signs now, 0 (none) to 1, and their grade now (null: none or below mild;
   * mild: flushing and urticaria, moderate: bronchospasm, severe: shock), and the worst grade so far.
   */
  readonly allergicSigns: number;
  readonly allergicSignsNow: ComplicationSeverity | null;
  readonly anaphylaxis: ComplicationSeverity | null;
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
