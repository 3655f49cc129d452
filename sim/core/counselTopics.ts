/**
 * What a patient is told before going home after a vertebral augmentation (the counsel.give
 * command; sim/scoring/recoveryCare.ts scores it against the patient). Each topic's wording lives
 * here only: the counselling dialog, the debrief and the text report read COUNSEL_TOPIC_LABELS.
 * The osteoporosis plan (the last four topics before the history-specific ones) is the secondary
 * prevention every fragility fracture calls for (docs/clinical-sources.md, "Recovery and discharge").
 */
export const COUNSEL_TOPICS = [
  'activity',
  'woundCare',
  'warningSigns',
  'calciumVitaminD',
  'boneProtection',
  'exercise',
  'fallPrevention',
] as const;

export type CounselTopic = (typeof COUNSEL_TOPICS)[number];

/** How each topic reads to a trainee choosing it, and in the debrief. */
export const COUNSEL_TOPIC_LABELS: Readonly<Record<CounselTopic, string>> = {
  activity: 'Activity: walk the same day, no heavy lifting or twisting for a few weeks',
  woundCare: 'Wound care: keep the dressing dry for 48 h, watch for redness or discharge',
  warningSigns:
    'Warning signs: new leg weakness, numbness, bladder or bowel change, fever, breathlessness or chest pain: come back at once',
  calciumVitaminD: 'Calcium and vitamin D intake',
  boneProtection: 'A bone-protecting drug (start, continue or review it)',
  exercise: 'Exercise: back-strengthening and balance, with a physiotherapist',
  fallPrevention: 'Fall prevention at home',
};
