import type { Allergen, AllergicReaction, Allergy } from '../core/allergies';
import { COMPLICATION_SEVERITIES, type ComplicationSeverity } from '../core/events';
import { GradeLadder, gradeIndex } from './gradeLadder';
import { OXYGEN } from './oxygen';

/**
 * An allergic reaction (README.md, Anaphylaxis): an exposure to an agent the patient is allergic to
 * starts, after an onset delay, a stimulus that wanes as the agent is cleared; a two-stage mediator
 * cascade follows it (a gamma-shaped rise over minutes, no dice), and its signs raise the heart rate,
 * lower the pressure (vasodilatation, capillary leak) and the SpO2 (bronchospasm). Adrenaline both
 * damps the cascade (the mast cells stop releasing) and counters the signs it has produced; without
 * it an anaphylaxis runs on from mild to severe. The onset delays, the course and the effect sizes are
 * assumed (docs/clinical-sources.md, Anaphylaxis, says what is published and what is not).
 */
export const ANAPHYLAXIS = {
  /**
   * Exposure to the first signs' start, s (assumed): an IV antibiotic within minutes, contrast out of
   * a ruptured balloon into the marrow (taken up as an intravenous dose is) as fast, the cement's
   * monomer absorbed from the bone within seconds of the first cement (its hypotension comes at the
   * injection).
   */
  onsetS: {
    cefazolin: 120,
    clindamycin: 120,
    vancomycin: 120,
    penicillin: 120,
    iodinatedContrast: 120,
    pmma: 30,
  } as Readonly<Record<Allergen, number>>,
  /** The most the reaction reaches, by the recorded kind (assumed: a rash alone never goes past mild). */
  potential: { anaphylaxis: 1, rash: 0.15 } as Readonly<Record<AllergicReaction, number>>,
  /**
   * Time constant of the stimulus waning after the last exposure's onset, min (assumed: the agent is
   * cleared and the release slows; an IV antibiotic or contrast stays for hours, so tens of minutes
   * here; the cement's monomer is cleared within minutes, so stopping the injection stops it soon).
   */
  stimulusWaneMin: {
    cefazolin: 30,
    clindamycin: 30,
    vancomycin: 30,
    penicillin: 30,
    iodinatedContrast: 30,
    pmma: 5,
  } as Readonly<Record<Allergen, number>>,
  /** Time constant of each of the two cascade stages, min (assumed: mild about a minute after onset, severe within five). */
  cascadeStageMin: 2,
  /**
   * How much more adrenaline damps the cascade than it counters the signs (assumed): at the effect of
   * one 0.5 mg dose the release nearly stops, while the signs already there fade over minutes.
   */
  stabilisationGain: 2,
  /** Heart rate added at full signs, bpm (assumed: compensatory tachycardia). */
  maxHeartRateRiseBpm: 45,
  /** Systolic and diastolic pressure lost at full signs, mmHg, by the square of the signs (assumed: the skin first, the circulation later). */
  maxSystolicFallMmHg: 90,
  maxDiastolicFallMmHg: 50,
  /** SpO2 lost at full signs on room air, by the square of the signs, % (assumed: bronchospasm). */
  maxSpo2FallPct: 25,
  /** Share of that desaturation oxygen does not correct (assumed: bronchospasm is mostly V/Q mismatch). */
  shuntShare: 0.2,
  /** Breaths per minute added at full signs (assumed: the breathless, wheezy patient breathes faster). */
  respiratoryRisePerMin: 8,
  /**
   * The signs at which each grade is reported, mild, moderate, severe (assumed): mild, flushing and
   * urticaria with a faster heart; moderate, bronchospasm with a falling SpO2 and pressure; severe, shock.
   */
  gradeAtSigns: [0.1, 0.35, 0.65] as readonly number[],
} as const;

const MIN_PER_S = 1 / 60;

/** The grade these signs reach now, or null (for the monitor's wording). */
export function gradeOfSigns(signs: number): ComplicationSeverity | null {
  return COMPLICATION_SEVERITIES[gradeIndex(signs, ANAPHYLAXIS.gradeAtSigns)] ?? null;
}

/** The SpO2 these signs take away at this inspired oxygen fraction, %. */
export function anaphylacticSpo2FallPct(signs: number, fio2: number): number {
  const a = ANAPHYLAXIS;
  const corrected = a.shuntShare + (1 - a.shuntShare) * (OXYGEN.roomAirFio2 / fio2);
  return a.maxSpo2FallPct * signs * signs * corrected;
}

/** One patient's allergies and the reaction they may have, stepped at a fixed dt. */
export class Anaphylaxis {
  private readonly allergies: readonly Allergy[];
  /** Simulated time since the first allergic exposure, s (the clock runs only once there is one). */
  private nowS = 0;
  /** When each exposure's stimulus starts, s (absolute), not yet reached. */
  private readonly pending: { readonly atS: number; readonly potential: number; readonly agent: Allergen }[] = [];
  /** The worst reaction triggered so far (0: none). */
  private potential = 0;
  /** The stimulus, 0 to 1: 1 at an exposure's onset, waning after with the last onset's agent's time constant. */
  private stimulus = 0;
  private waneMin = 1;
  /** The two cascade stages; the second is the reaction before adrenaline counters its signs. */
  private cascade = 0;
  private reaction = 0;
  /** The signs now: the reaction less what adrenaline counters, 0 to 1. */
  private signsNow = 0;
  private readonly grades = new GradeLadder();
  private trigger: Allergen | null = null;

  constructor(allergies: readonly Allergy[] | undefined) {
    this.allergies = allergies ?? [];
  }

  /** The patient meets this agent (a dose, contrast in the marrow, cement in the bone): a reaction follows if allergic. */
  expose(agent: Allergen): void {
    const allergy = this.allergies.find((a) => a.agent === agent);
    if (!allergy) return;
    this.trigger ??= agent;
    this.pending.push({
      atS: this.nowS + ANAPHYLAXIS.onsetS[agent],
      potential: ANAPHYLAXIS.potential[allergy.reaction],
      agent,
    });
  }

  /**
   * One fixed step at adrenaline effect e (0 to 1): exposures that reach their onset renew the
   * stimulus, the cascade follows the stimulus damped by adrenaline, and adrenaline counters the
   * signs. Returns the grade reached for the first time in this step, if any.
   */
  step(dtS: number, e: number): ComplicationSeverity | null {
    if (this.trigger === null) return null;
    this.nowS += dtS;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i].atS > this.nowS) continue;
      this.potential = Math.max(this.potential, this.pending[i].potential);
      this.stimulus = 1;
      this.waneMin = ANAPHYLAXIS.stimulusWaneMin[this.pending[i].agent];
      this.pending.splice(i, 1);
    }
    const follow = 1 - Math.exp(-(dtS * MIN_PER_S) / ANAPHYLAXIS.cascadeStageMin);
    const target = this.potential * this.stimulus * Math.max(0, 1 - ANAPHYLAXIS.stabilisationGain * e);
    this.reaction += follow * (this.cascade - this.reaction);
    this.cascade += follow * (target - this.cascade);
    this.stimulus *= Math.exp(-(dtS * MIN_PER_S) / this.waneMin);
    this.signsNow = this.reaction * (1 - e);
    return this.grades.reachWorst(gradeIndex(this.signsNow, ANAPHYLAXIS.gradeAtSigns));
  }

  /** The signs now, 0 (none) to 1. */
  get signs(): number {
    return this.signsNow;
  }
  /** The worst grade reported so far, or null. */
  get severity(): ComplicationSeverity | null {
    return this.grades.severity;
  }
  /** The first agent the patient met that it is allergic to, or null. */
  get triggeredBy(): Allergen | null {
    return this.trigger;
  }
}
