import { COMPLICATION_SEVERITIES, type ComplicationSeverity } from '../core/events';
import { GradeLadder } from './gradeLadder';

/**
 * Over-sedation (README.md, Over-sedation): midazolam taken past the procedural target. The
 * physiology is midazolam's own (sim/patient/midazolam.ts: the sedation and the respiratory
 * depression that slows breathing and lowers the SpO2); this file only grades what the monitor then
 * shows, so the scoring can ask whether the trainee answered it. The grades are teaching values
 * (assumed) placed on the published sedation continuum: procedural sedation aims at a patient who
 * answers to voice (RASS -1 to -3); one who answers only to touch or not at all (RASS -4 or deeper)
 * is past it (mild); a respiratory rate below 8 /min is the usual monitor limit for respiratory
 * depression (moderate, sim/patient/alarms.ts); slowed breathing with the SpO2 under 85 % is
 * hypoxaemic hypoventilation that needs reversal now (severe).
 */
export const OVER_SEDATION = {
  /** RASS at or below this is deeper than procedural sedation (mild). */
  mildRass: -4,
  /** Respiratory rate below this, /min (moderate; the monitor's own alarm limit). */
  moderateRespiratoryRate: 8,
  /** The SpO2 below which slowed breathing (under the moderate rate) is severe, %. */
  severeSpo2Pct: 85,
} as const;

/** What the grading reads each step. */
export interface SedationSigns {
  readonly rass: number;
  readonly respiratoryRatePerMin: number;
  readonly spo2Pct: number;
  /** Midazolam's respiratory depression, 0-1: the cause (no grade without it). */
  readonly respiratoryDepression: number;
}

/** The grade these signs show, or null when the patient is within procedural sedation. */
export function overSedationGrade(s: SedationSigns): ComplicationSeverity | null {
  // Only the drug's own depression counts: an embolism's desaturation is graded as the embolism.
  if (!(s.respiratoryDepression > 0.05)) return null;
  const o = OVER_SEDATION;
  if (s.respiratoryRatePerMin < o.moderateRespiratoryRate && s.spo2Pct < o.severeSpo2Pct) return 'severe';
  if (s.respiratoryRatePerMin < o.moderateRespiratoryRate) return 'moderate';
  if (s.rass <= o.mildRass) return 'mild';
  return null;
}

/** Reports each grade once, the first time the signs reach it (as the embolism's grades). */
export class OverSedationGrades {
  private readonly grades = new GradeLadder();

  /** The grade reached for the first time now, if any. */
  next(signs: SedationSigns): ComplicationSeverity | null {
    const grade = overSedationGrade(signs);
    return this.grades.reachWorst(grade ? COMPLICATION_SEVERITIES.indexOf(grade) : -1);
  }

  /** The worst grade reported so far, or null. */
  get severity(): ComplicationSeverity | null {
    return this.grades.severity;
  }
}
