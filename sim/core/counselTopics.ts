/**
 * What a patient is told before going home after a vertebral augmentation (the counsel.give
 * command; sim/scoring/recoveryCare.ts scores it against the patient). Each topic's wording lives
 * here only: the counselling dialog, the debrief and the text report read COUNSEL_TOPIC_LABELS.
 * The osteoporosis plan (calcium and vitamin D, a bone-protecting drug, exercise, fall prevention)
 * is the secondary prevention every fragility fracture calls for; the last two topics are owed only
 * to a patient whose history or procedure calls for them (an anticoagulant paused, an allergic
 * reaction today; docs/clinical-sources.md, "Recovery and discharge").
 */
export const COUNSEL_TOPICS = [
  'activity',
  'woundCare',
  'warningSigns',
  'calciumVitaminD',
  'boneProtection',
  'exercise',
  'fallPrevention',
  'anticoagulation',
  'allergy',
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
  anticoagulation: 'When to restart the anticoagulant or antiplatelet drug',
  allergy: 'The allergic reaction today: the agent to avoid, recorded and on an alert card',
};

/** What every patient is told after a fragility fracture is augmented (sim/scoring/recoveryCare.ts). */
export const ROUTINE_COUNSEL: readonly CounselTopic[] = [
  'activity',
  'woundCare',
  'warningSigns',
  'calciumVitaminD',
  'boneProtection',
  'exercise',
  'fallPrevention',
];
