import type { PatientFacts } from './baselines';

/**
 * Midazolam: an IV bolus into one plasma compartment with first-order decline, and an effect
 * compartment that follows the plasma with rate ke0 (README.md, Midazolam). All parameters
 * assumed, chosen to reproduce the clinical time course: onset within 2-3 min, peak effect at
 * 3-5 min, recovery over 30-60 min after the usual 1-3 mg.
 */
export const MIDAZOLAM = {
  /** Apparent volume of distribution, L/kg (assumed; of the order of textbook values, 1-3 L/kg). */
  volumeLPerKg: 1.1,
  /** Apparent plasma half-life, min (assumed: redistribution, not the 2-3 h elimination). */
  plasmaHalfLifeMin: 15,
  /** Plasma to effect-site equilibration rate, 1/min (assumed: puts the peak effect at about 4 min). */
  ke0PerMin: 0.7,
  /** Effect-site concentration for half the maximal sedation at age 40 and under, ng/mL (assumed). */
  ec50SedationNgMl: 40,
  /** The respiratory EC50 as a multiple of the sedation EC50 (assumed: breathing is spared a little). */
  respiratoryEc50Factor: 1.5,
  /** Hill coefficient of both effects (assumed). */
  hill: 2,
  /** Share of the EC50 lost per year over 40 (assumed: the elderly are more sensitive), at most half. */
  ageSensitivityPerYear: 0.01,
  /** The most one procedure may give, mg (the bolus is bounded by the command schema: sim/core/bounds.ts). */
  maxTotalMg: 10,
} as const;

const MIN_PER_S = 1 / 60;

/** Midazolam in one patient: plasma amount and effect-site concentration, stepped at a fixed dt. */
export class Midazolam {
  /** mg in the plasma compartment. */
  private plasmaMg = 0;
  /** Effect-site concentration, ng/mL. */
  private effectNgMl = 0;
  /** Everything given so far, mg. */
  private givenMg = 0;
  private readonly volumeL: number;
  private readonly ec50NgMl: number;
  /** Flumazenil's competitive antagonism: the factor on both EC50s (1: none; sim/patient/flumazenil.ts). */
  private antagonismFactor = 1;

  constructor(facts: PatientFacts) {
    this.volumeL = MIDAZOLAM.volumeLPerKg * facts.weightKg;
    const loss = Math.min(0.5, MIDAZOLAM.ageSensitivityPerYear * Math.max(0, facts.age - 40));
    this.ec50NgMl = MIDAZOLAM.ec50SedationNgMl * (1 - loss);
  }

  /** Why this bolus cannot be given (the total would pass the limit), or undefined. */
  refusal(mg: number): string | undefined {
    const total = this.givenMg + mg;
    if (total > MIDAZOLAM.maxTotalMg + 1e-9)
      return `Midazolam: ${formatMg(mg)} mg more would make ${formatMg(total)} mg, over the ${MIDAZOLAM.maxTotalMg} mg limit for one procedure (${formatMg(this.givenMg)} mg given).`;
    return undefined;
  }

  /** An IV bolus: the whole dose is in the plasma at once. */
  bolus(mg: number): void {
    this.plasmaMg += mg;
    this.givenMg += mg;
  }

  /** One fixed step of dtS seconds: exact exponential solutions over the step, plasma first. */
  step(dtS: number): void {
    const dtMin = dtS * MIN_PER_S;
    const k = Math.LN2 / MIDAZOLAM.plasmaHalfLifeMin;
    this.plasmaMg *= Math.exp(-k * dtMin);
    const plasmaNgMl = (this.plasmaMg * 1000) / this.volumeL;
    this.effectNgMl += (1 - Math.exp(-MIDAZOLAM.ke0PerMin * dtMin)) * (plasmaNgMl - this.effectNgMl);
  }

  /** Flumazenil at the receptor now: the factor on both EC50s (1: none). */
  antagonise(factor: number): void {
    this.antagonismFactor = factor;
  }

  get totalMg(): number {
    return this.givenMg;
  }
  get effectSiteNgMl(): number {
    return this.effectNgMl;
  }
  /** Sedation effect, 0 (none) to 1 (maximal): a sigmoid Emax of the effect-site concentration. */
  get sedation(): number {
    return emax(this.effectNgMl, this.ec50NgMl * this.antagonismFactor);
  }
  /** Respiratory depression effect, 0 to 1. */
  get respiratoryDepression(): number {
    return emax(this.effectNgMl, this.ec50NgMl * MIDAZOLAM.respiratoryEc50Factor * this.antagonismFactor);
  }
}

function emax(c: number, ec50: number): number {
  if (c <= 0) return 0;
  const ch = c ** MIDAZOLAM.hill;
  return ch / (ch + ec50 ** MIDAZOLAM.hill);
}

const formatMg = (mg: number): string => String(Math.round(mg * 100) / 100);
