/**
 * IV fluids (README.md, Fluids): a crystalloid bolus runs in at a fixed rate, and what is in the
 * vessels leaves them with a half-life. The volume in the vessels supports the blood pressure: a
 * little in a patient at rest, most where the pressure has fallen (a preload-dependent circulation,
 * as in right heart strain). All assumed.
 */
export const FLUIDS = {
  /** How fast a bolus runs in, mL/min (assumed: a pressure bag on a wide-bore cannula). */
  rateMlPerMin: 100,
  /** Half-life of crystalloid in the vessels, min (assumed: of the order of the usual 20-40 min). */
  intravascularHalfLifeMin: 30,
  /** Volume in the vessels for half the attainable support, mL (assumed). */
  halfEffectMl: 500,
  /** Systolic rise at full support with no fall to restore, mmHg (assumed: a normovolaemic patient gains little). */
  restingSystolicRiseMmHg: 4,
  /** Share of a fall in systolic pressure below the patient's baseline that full support restores (assumed). */
  fallRestoredShare: 0.6,
  /** Diastolic change per systolic change (assumed). */
  diastolicPerSystolic: 0.6,
  /** The most one procedure may give, mL (the bolus is bounded by the command schema: sim/core/bounds.ts). */
  maxTotalMl: 3000,
} as const;

const MIN_PER_S = 1 / 60;

/** Fluids in one patient: what is still to run in, and what is in the vessels. */
export class Fluids {
  private toRunMl = 0;
  private inVesselsMl = 0;
  private givenMl = 0;

  /** Why this bolus cannot be given (the total would pass the limit), or undefined. */
  refusal(mL: number): string | undefined {
    const total = this.givenMl + mL;
    if (total > FLUIDS.maxTotalMl + 1e-9)
      return `IV fluids: ${Math.round(mL)} mL more would make ${Math.round(total)} mL, over the ${FLUIDS.maxTotalMl} mL limit for one procedure (${Math.round(this.givenMl)} mL given).`;
    return undefined;
  }

  bolus(mL: number): void {
    this.toRunMl += mL;
    this.givenMl += mL;
  }

  /** One fixed step: what leaves the vessels over the step (exactly), then what ran in during it. */
  step(dtS: number): void {
    if (this.toRunMl <= 0 && this.inVesselsMl <= 0) return;
    const dtMin = dtS * MIN_PER_S;
    const ran = Math.min(this.toRunMl, FLUIDS.rateMlPerMin * dtMin);
    this.toRunMl -= ran;
    this.inVesselsMl = this.inVesselsMl * Math.exp((-Math.LN2 / FLUIDS.intravascularHalfLifeMin) * dtMin) + ran;
  }

  /** The support to the circulation, 0 (none) to 1. */
  get support(): number {
    return this.inVesselsMl / (this.inVesselsMl + FLUIDS.halfEffectMl);
  }

  /** Systolic pressure added to a target that stands `fallMmHg` below the patient's baseline (0 or more). */
  systolicRise(fallMmHg: number): number {
    return this.support * (FLUIDS.restingSystolicRiseMmHg + FLUIDS.fallRestoredShare * Math.max(0, fallMmHg));
  }

  get totalMl(): number {
    return this.givenMl;
  }
  get inVessels(): number {
    return this.inVesselsMl;
  }
}
