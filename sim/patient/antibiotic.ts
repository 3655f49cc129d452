import { ALLERGEN_LABELS, DEFAULT_ANTIBIOTIC, type ProphylacticAntibiotic } from '../core/allergies';

/**
 * The prophylactic antibiotic (README.md, Antibiotic): the pre-op checklist's antibiotics tick gives
 * it, cefazolin unless antibiotic.choose named another before the tick, so every log written before
 * the choice existed gives cefazolin as before. Once given it cannot be changed.
 */
export class Prophylaxis {
  private chosen: ProphylacticAntibiotic = DEFAULT_ANTIBIOTIC;
  private givenDrug: ProphylacticAntibiotic | null = null;

  /** Why this choice cannot be made now (the antibiotic was given), or undefined. */
  refusal(): string | undefined {
    if (this.givenDrug === null) return undefined;
    return `The prophylactic antibiotic was given (${ALLERGEN_LABELS[this.givenDrug]}): it is chosen before it is given.`;
  }

  choose(drug: ProphylacticAntibiotic): void {
    this.chosen = drug;
  }

  /** The tick: the chosen drug goes in; returns it. */
  give(): ProphylacticAntibiotic {
    this.givenDrug = this.chosen;
    return this.chosen;
  }

  /** The drug the tick gives (or gave). */
  get choice(): ProphylacticAntibiotic {
    return this.chosen;
  }
  get given(): ProphylacticAntibiotic | null {
    return this.givenDrug;
  }
}
