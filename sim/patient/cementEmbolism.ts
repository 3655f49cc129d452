import type { ComplicationSeverity } from '../core/events';
import { GradeLadder, gradeIndex } from './gradeLadder';
import { OXYGEN } from './oxygen';

/**
 * Cement pulmonary embolism (README.md, Cement embolism): the cement the cement model put into the
 * veins travels to the lungs through two equal transit stages, and what has arrived obstructs the
 * pulmonary arteries by a sigmoid of its volume. The obstruction lowers the SpO2 (oxygen corrects
 * the part that is not shunt), raises the heart rate and lowers the blood pressure. All assumed:
 * the published picture is that most cement emboli on imaging are silent and that symptomatic ones
 * come with larger venous volumes; the numbers below are chosen to give that grading, not fitted.
 */
export const CEMENT_EMBOLISM = {
  /** Mean time of each of the two transit stages, vertebral veins to the pulmonary arteries, s (assumed: tens of seconds in all). */
  transitStageS: 10,
  /** Cement in the lungs for half the maximal obstruction effect, mL (assumed). */
  halfEffectMl: 0.8,
  /** Hill coefficient of the obstruction (assumed: a small embolus is nearly silent). */
  hill: 2,
  /** SpO2 lost at full obstruction on room air, % (assumed). */
  maxSpo2FallPct: 25,
  /** Share of the desaturation that is shunt, which oxygen does not correct (assumed). */
  shuntShare: 0.3,
  /** Heart rate gained at full obstruction, bpm (assumed: reflex tachycardia). */
  maxHeartRateRiseBpm: 45,
  /** Systolic and diastolic pressure lost at full obstruction, mmHg (assumed: right heart strain). */
  maxSystolicFallMmHg: 60,
  maxDiastolicFallMmHg: 35,
  /**
   * The obstruction at which each grade is reported, mild, moderate, severe (assumed): mild from
   * about a 1 % fall in SpO2 (0.16 mL in the lungs), moderate from 0.4 mL, severe from half the
   * effect (0.8 mL).
   */
  gradeAtObstruction: [0.04, 0.2, 0.5] as readonly number[],
} as const;

/** The obstruction, 0 (none) to 1 (maximal), of this much cement in the lungs. */
export function obstructionOf(lungMl: number): number {
  if (!(lungMl > 0)) return 0;
  const h = lungMl ** CEMENT_EMBOLISM.hill;
  return h / (h + CEMENT_EMBOLISM.halfEffectMl ** CEMENT_EMBOLISM.hill);
}

/** The SpO2 an obstruction takes away at this inspired oxygen fraction, %. */
export function embolicSpo2FallPct(obstruction: number, fio2: number): number {
  const e = CEMENT_EMBOLISM;
  // Dead space and V/Q mismatch answer to oxygen (room air over the inspired fraction); shunt does not.
  const corrected = e.shuntShare + (1 - e.shuntShare) * (OXYGEN.roomAirFio2 / fio2);
  return e.maxSpo2FallPct * obstruction * corrected;
}

/** The cement on its way to the lungs and in them, stepped at a fixed dt. */
export class CementEmbolism {
  /** Venous cement the cement model had reported at the last step, mL. */
  private venousMl = 0;
  /** In the first and second transit stage, and arrived in the lungs, mL. */
  private firstStageMl = 0;
  private secondStageMl = 0;
  private lungMl = 0;
  private readonly grades = new GradeLadder();

  /**
   * The cement model's venous volume now (it only grows; a smaller reading is ignored): what is new
   * enters the veins' first transit stage.
   */
  venousCement(ml: number): void {
    if (!(ml > this.venousMl)) return;
    this.firstStageMl += ml - this.venousMl;
    this.venousMl = ml;
  }

  /**
   * One fixed step: the exact solution of the two-stage chain over dtS (both stages with the same
   * rate). Returns the grade reached for the first time in this step, if any.
   */
  step(dtS: number): ComplicationSeverity | null {
    if (this.firstStageMl > 0 || this.secondStageMl > 0) {
      const x = dtS / CEMENT_EMBOLISM.transitStageS;
      const decay = Math.exp(-x);
      const first = this.firstStageMl * decay;
      const second = (this.secondStageMl + this.firstStageMl * x) * decay;
      this.lungMl += this.firstStageMl + this.secondStageMl - first - second;
      this.firstStageMl = first;
      this.secondStageMl = second;
    }
    return this.grades.reachWorst(gradeIndex(this.obstruction, CEMENT_EMBOLISM.gradeAtObstruction));
  }

  /** Cement in the pulmonary arteries, mL. */
  get inLungsMl(): number {
    return this.lungMl;
  }
  /** Cement in the veins, on its way to the lungs, mL. */
  get inTransitMl(): number {
    return this.firstStageMl + this.secondStageMl;
  }
  get obstruction(): number {
    return obstructionOf(this.lungMl);
  }
  /** The worst grade reported so far, or null. */
  get severity(): ComplicationSeverity | null {
    return this.grades.severity;
  }
}
