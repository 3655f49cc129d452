/**
 * Adrenaline IM (README.md, Adrenaline): each dose goes into a depot in the thigh muscle, is absorbed
 * into the circulation with a half-life and leaves it with a shorter one, so the effect builds over a
 * few minutes and wanes over about half an hour. Its effect E (0 to below 1) is a saturating function
 * of the amount circulating; it counters anaphylaxis (sim/patient/anaphylaxis.ts) and, on its own,
 * lifts the heart rate and the pressure a little. The dose and the repeat interval are the published
 * ones (docs/clinical-sources.md, Anaphylaxis); the kinetics and effect numbers are assumed.
 */
export const ADRENALINE = {
  /** Absorption half-life from the thigh depot, min (assumed: IM into vastus lateralis peaks within about 10 min). */
  absorptionHalfLifeMin: 5,
  /** Half-life in the circulation, min (assumed: adrenaline is cleared within minutes). */
  clearanceHalfLifeMin: 3,
  /** The most E reaches, and the circulating amount for half of it, mg (assumed: one 0.5 mg dose peaks near E 0.45). */
  maxEffect: 0.8,
  halfEffectMg: 0.12,
  /** Heart rate and systolic pressure added at E = 1, bpm and mmHg (assumed: beta-1 and alpha-1 effects of an IM dose are modest). */
  heartRatePerEffect: 12,
  systolicPerEffect: 15,
  /** The most one procedure may give, mg (the dose is bounded by the command schema: sim/core/bounds.ts). */
  maxTotalMg: 1.5,
} as const;

const MIN_PER_S = 1 / 60;

/** Adrenaline in one patient: the IM depot and the amount circulating, stepped at a fixed dt. */
export class Adrenaline {
  private depotMg = 0;
  private circulatingMg = 0;
  private givenMg = 0;
  private doses = 0;

  /** Why this dose cannot be given (the total would pass the limit), or undefined. */
  refusal(mg: number): string | undefined {
    const total = this.givenMg + mg;
    if (total > ADRENALINE.maxTotalMg + 1e-9)
      return `Adrenaline: ${formatMg(mg)} mg more would make ${formatMg(total)} mg, over the ${ADRENALINE.maxTotalMg} mg limit for one procedure (${formatMg(this.givenMg)} mg given).`;
    return undefined;
  }

  inject(mg: number): void {
    this.depotMg += mg;
    this.givenMg += mg;
    this.doses++;
  }

  /** One fixed step: the exact solution of depot -> circulation -> cleared over dtS. */
  step(dtS: number): void {
    if (this.depotMg <= 0 && this.circulatingMg <= 0) return;
    const dtMin = dtS * MIN_PER_S;
    const ka = Math.LN2 / ADRENALINE.absorptionHalfLifeMin;
    const ke = Math.LN2 / ADRENALINE.clearanceHalfLifeMin;
    const depot = this.depotMg * Math.exp(-ka * dtMin);
    // Bateman over one step (ka != ke): what was circulating decays, what was absorbed follows.
    this.circulatingMg =
      this.circulatingMg * Math.exp(-ke * dtMin) +
      ((this.depotMg * ka) / (ke - ka)) * (Math.exp(-ka * dtMin) - Math.exp(-ke * dtMin));
    this.depotMg = depot;
  }

  /** The effect, 0 (none) to ADRENALINE.maxEffect. */
  get effect(): number {
    const x = this.circulatingMg;
    return x > 0 ? (ADRENALINE.maxEffect * x) / (x + ADRENALINE.halfEffectMg) : 0;
  }
  get totalMg(): number {
    return this.givenMg;
  }
  get doseCount(): number {
    return this.doses;
  }
}

const formatMg = (mg: number): string => String(Math.round(mg * 100) / 100);
