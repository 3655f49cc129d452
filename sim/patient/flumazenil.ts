import type { PatientFacts } from './baselines';

/**
 * Flumazenil (README.md, Flumazenil): an IV bolus into one plasma compartment with an effect
 * compartment, as midazolam's, and competitive antagonism at the benzodiazepine site: at effect-site
 * concentration Cf it multiplies midazolam's EC50s by (1 + Cf / Ki) and has no effect of its own.
 * Its half-life is shorter than midazolam's here, as in the clinic, so the reversal can wear off
 * before the midazolam does (resedation). All parameters assumed.
 */
export const FLUMAZENIL = {
  /** Apparent volume of distribution, L/kg (assumed; of the order of textbook values, about 1 L/kg). */
  volumeLPerKg: 1,
  /** Apparent plasma half-life, min (assumed: shorter than midazolam's 15 min in this model). */
  plasmaHalfLifeMin: 8,
  /** Plasma to effect-site equilibration rate, 1/min (assumed: reversal within 1-2 min). */
  ke0PerMin: 1.5,
  /** Effect-site concentration that doubles midazolam's EC50s, ng/mL (assumed). */
  kiNgMl: 1,
  /** The most one procedure may give, mg (the dose is bounded by the command schema: sim/core/bounds.ts). */
  maxTotalMg: 3,
} as const;

const MIN_PER_S = 1 / 60;

/** Flumazenil in one patient: plasma amount and effect-site concentration, stepped at a fixed dt. */
export class Flumazenil {
  private plasmaMg = 0;
  private effectNgMl = 0;
  private givenMg = 0;
  private readonly volumeL: number;

  constructor(facts: PatientFacts) {
    this.volumeL = FLUMAZENIL.volumeLPerKg * facts.weightKg;
  }

  /** Why this dose cannot be given (the total would pass the limit), or undefined. */
  refusal(mg: number): string | undefined {
    const total = this.givenMg + mg;
    if (total > FLUMAZENIL.maxTotalMg + 1e-9)
      return `Flumazenil: ${formatMg(mg)} mg more would make ${formatMg(total)} mg, over the ${FLUMAZENIL.maxTotalMg} mg limit for one procedure (${formatMg(this.givenMg)} mg given).`;
    return undefined;
  }

  bolus(mg: number): void {
    this.plasmaMg += mg;
    this.givenMg += mg;
  }

  /** One fixed step: exact exponential solutions over the step, plasma first. */
  step(dtS: number): void {
    if (this.plasmaMg <= 0 && this.effectNgMl <= 0) return;
    const dtMin = dtS * MIN_PER_S;
    this.plasmaMg *= Math.exp((-Math.LN2 / FLUMAZENIL.plasmaHalfLifeMin) * dtMin);
    const plasmaNgMl = (this.plasmaMg * 1000) / this.volumeL;
    this.effectNgMl += (1 - Math.exp(-FLUMAZENIL.ke0PerMin * dtMin)) * (plasmaNgMl - this.effectNgMl);
  }

  /** The factor on midazolam's EC50s: 1 without flumazenil. */
  get antagonism(): number {
    return 1 + this.effectNgMl / FLUMAZENIL.kiNgMl;
  }
  get totalMg(): number {
    return this.givenMg;
  }
  get effectSiteNgMl(): number {
    return this.effectNgMl;
  }
}

const formatMg = (mg: number): string => String(Math.round(mg * 100) / 100);
