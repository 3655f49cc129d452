/**
 * Drug and material allergies a scenario's patient may have (levels/scenarioSchema.ts), the
 * prophylactic antibiotics the trainee may choose from, and how each reads in the case review.
 * The wording lives here only: the case screen and the patient model read it from here.
 * sim/patient/anaphylaxis.ts models what an exposure does (README there, Anaphylaxis).
 */

/**
 * What a patient may be allergic to: the three prophylactic antibiotics, penicillin (never given in
 * this procedure: a penicillin allergy is a history the trainee weighs when choosing the
 * antibiotic), the balloon's iodinated contrast and the cement's methyl methacrylate (PMMA).
 */
export const ALLERGENS = ['cefazolin', 'clindamycin', 'vancomycin', 'penicillin', 'iodinatedContrast', 'pmma'] as const;
export type Allergen = (typeof ALLERGENS)[number];

/** What the reaction was: anaphylaxis (airway, breathing, circulation), or a rash alone (skin only). */
export const ALLERGIC_REACTIONS = ['anaphylaxis', 'rash'] as const;
export type AllergicReaction = (typeof ALLERGIC_REACTIONS)[number];

/** One recorded allergy. */
export interface Allergy {
  readonly agent: Allergen;
  readonly reaction: AllergicReaction;
}

/** At most this many allergies on one patient (a bounded list in the scenario file). */
export const MAX_ALLERGIES = 6;

/** The prophylactic antibiotics the trainee may choose (antibiotic.choose); cefazolin unless another is chosen. */
export const PROPHYLACTIC_ANTIBIOTICS = ['cefazolin', 'clindamycin', 'vancomycin'] as const;
export type ProphylacticAntibiotic = (typeof PROPHYLACTIC_ANTIBIOTICS)[number];
/** The antibiotic the pre-op tick gives when none was chosen (every log written before the choice existed). */
export const DEFAULT_ANTIBIOTIC: ProphylacticAntibiotic = 'cefazolin';

export const ALLERGEN_LABELS: Readonly<Record<Allergen, string>> = {
  cefazolin: 'cefazolin',
  clindamycin: 'clindamycin',
  vancomycin: 'vancomycin',
  penicillin: 'penicillin',
  iodinatedContrast: 'iodinated contrast',
  pmma: 'bone cement (methyl methacrylate)',
};

/** The case review's line: "Allergies: cefazolin (anaphylaxis)" or "No known drug allergies". */
export function allergyLine(allergies: readonly Allergy[] | undefined): string {
  if (!allergies || allergies.length === 0) return 'No known drug allergies';
  return `Allergies: ${allergies.map((a) => `${ALLERGEN_LABELS[a.agent]} (${a.reaction})`).join(', ')}`;
}
