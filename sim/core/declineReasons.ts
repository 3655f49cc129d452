/**
 * Why a patient should not have the procedure: the closed list a scenario's indication names
 * (levels/scenarioSchema.ts) and the trainee chooses from when declining at case review
 * (the case.decline command). Each reason's wording lives here only: the case screen, the debrief
 * and the text report all read it from DECLINE_REASON_LABELS.
 */
export const DECLINE_REASONS = [
  'painNotFromFracture',
  'healedFracture',
  'activeInfection',
  'uncorrectedCoagulopathy',
] as const;

export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** How each reason reads to a trainee (a choice in case review, a line of the debrief and report). */
export const DECLINE_REASON_LABELS: Readonly<Record<DeclineReason, string>> = {
  painNotFromFracture: 'The pain does not come from the fracture (disc or facet joints)',
  healedFracture: 'The fracture has healed (no marrow oedema on STIR MRI)',
  activeInfection: 'Active infection (systemic, or at the level or the skin entry)',
  uncorrectedCoagulopathy: 'Uncorrected coagulopathy (INR or platelets out of range)',
};
