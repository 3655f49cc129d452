/**
 * The patient's general health as the ASA physical status class states it (the American Society of
 * Anesthesiologists' classification; docs/clinical-sources.md, General health and the overnight
 * stay). A scenario may state it (patient.asaClass, levels/scenarioSchema.ts, a whole number from
 * MIN_ASA_CLASS to MAX_ASA_CLASS); the case review shows it in words, and the discharge decision
 * reads it (sim/scoring/overnightReasons.ts). The wording lives here only.
 *
 * Classes V (moribund) and VI (brain-dead donor) are left out: no one offers an elective cement
 * augmentation to such a patient, so a case cannot state them.
 */

/** The lowest and highest class a scenario may state (the schema's bounds). */
export const MIN_ASA_CLASS = 1;
export const MAX_ASA_CLASS = 4;

/**
 * From this class on the patient's general health is poor (severe systemic disease, III, or a
 * constant threat to life, IV): a reason to keep the patient overnight after the procedure.
 */
export const POOR_HEALTH_ASA_CLASS = 3;

/** Each class as it is written (Roman numerals, as anaesthetic charts write them) and what it means, I first. */
export const ASA_CLASSES: readonly { readonly numeral: string; readonly meaning: string }[] = [
  { numeral: 'I', meaning: 'a normal healthy patient' },
  { numeral: 'II', meaning: 'mild systemic disease' },
  { numeral: 'III', meaning: 'severe systemic disease' },
  { numeral: 'IV', meaning: 'severe systemic disease that is a constant threat to life' },
];

/** "ASA III" (a short label, such as the discharge item's reason). The class is one the schema admits. */
export function asaName(asaClass: number): string {
  return `ASA ${ASA_CLASSES[asaClass - 1].numeral}`;
}

/** The case review's line: "ASA III: severe systemic disease", or null when the case does not state it. */
export function asaLine(asaClass: number | undefined): string | null {
  if (asaClass === undefined) return null;
  return `${asaName(asaClass)}: ${ASA_CLASSES[asaClass - 1].meaning}`;
}

/** Whether the stated class means poor general health (III or IV); a class not stated does not. */
export function poorGeneralHealth(asaClass: number | undefined): boolean {
  return asaClass !== undefined && asaClass >= POOR_HEALTH_ASA_CLASS;
}
