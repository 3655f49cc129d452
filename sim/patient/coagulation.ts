import type { AnticoagulantDrug } from '../../levels/scenarioSchema';

/**
 * How far this patient's clotting is from normal (README.md, Coagulation): one impairment index
 * from the INR, the platelet count and the anticoagulant or antiplatelet drug taken, 0 for normal
 * clotting. The bleeding model (bleeding.ts) lengthens its clotting times and raises its ooze by it.
 * The thresholds echo the published guidance for percutaneous spine procedures (INR up to 1.5-1.8,
 * platelets above 50 per nL: docs/clinical-sources.md, Bleeding); the weights are assumed.
 */
export const COAGULATION = {
  /** INR up to which clotting counts as normal (assumed: the upper end of the normal range). */
  normalInr: 1.2,
  /** Impairment per INR unit above it (assumed: the index is counted in INR units). */
  perInr: 1,
  /** Platelet count from which clotting counts as normal, per nL (assumed: below 100 bleeding time starts to lengthen). */
  normalPlateletsPerNl: 100,
  /** Impairment per 50 per nL below it (assumed: 50 per nL, the guidance's floor, is worth an INR unit). */
  perFiftyPlatelets: 1,
} as const;

/** One drug's course: when its effect peaks, how it wears off, and its full effect in the index's units. */
interface DrugCourse {
  /** Hours from the dose to the peak effect (the effect is taken as full from the dose to the peak). */
  readonly peakH: number;
  /**
   * Elimination half-life, h (exponential wear-off), or null for an irreversible platelet
   * inhibitor, whose effect wears off in a straight line as new platelets replace the inhibited ones.
   */
  readonly halfLifeH: number | null;
  /** Irreversible inhibitors: hours until the platelets are all new (the platelet life span). */
  readonly recoveryH?: number;
  /** The full effect, in INR units above normal (assumed, for the bleeding of a puncture tract). */
  readonly potency: number;
}

/**
 * The drugs (README.md, Coagulation; half-lives and platelet life span from the sources in
 * docs/clinical-sources.md, potencies assumed). Warfarin's effect is the INR the labs already give:
 * its own entry adds nothing, so a warfarin patient bleeds by the INR measured.
 */
export const DRUGS: Readonly<Record<AnticoagulantDrug, DrugCourse>> = {
  warfarin: { peakH: 72, halfLifeH: 40, potency: 0 },
  apixaban: { peakH: 3, halfLifeH: 12, potency: 2.5 },
  rivaroxaban: { peakH: 3, halfLifeH: 11, potency: 2.5 },
  dabigatran: { peakH: 2, halfLifeH: 14, potency: 2.5 },
  enoxaparin: { peakH: 4, halfLifeH: 5, potency: 2 },
  clopidogrel: { peakH: 6, halfLifeH: null, recoveryH: 168, potency: 1 },
  aspirin: { peakH: 1, halfLifeH: null, recoveryH: 168, potency: 0.6 },
};

/** What the coagulation model reads of the scenario's patient. */
export interface CoagulationFacts {
  readonly labs?: { readonly inr: number; readonly plateletsPerNl: number };
  readonly anticoagulant?: { readonly drug: AnticoagulantDrug; readonly lastDoseHoursAgo: number };
}

/** The share of a drug's full effect left this many hours after its last dose, 0-1. */
export function drugActivity(drug: AnticoagulantDrug, hoursAgo: number): number {
  const d = DRUGS[drug];
  const past = Math.max(0, hoursAgo - d.peakH);
  if (d.halfLifeH === null) return Math.max(0, 1 - past / (d.recoveryH ?? 1));
  return 2 ** (-past / d.halfLifeH);
}

/** The clotting impairment index, 0 (normal) upward, in INR units above normal. */
export function impairmentOf(facts: CoagulationFacts): number {
  const c = COAGULATION;
  let a = 0;
  if (facts.labs) {
    a += c.perInr * Math.max(0, facts.labs.inr - c.normalInr);
    a += (c.perFiftyPlatelets * Math.max(0, c.normalPlateletsPerNl - facts.labs.plateletsPerNl)) / 50;
  }
  const drug = facts.anticoagulant;
  if (drug) a += DRUGS[drug.drug].potency * drugActivity(drug.drug, drug.lastDoseHoursAgo);
  return a;
}
