import type { Allergy } from '../core/allergies';
import type { Rng } from '../math/rng';

/** What the patient model reads of the scenario's patient: age, weight and allergies (the history is free text, not parsed). */
export interface PatientFacts {
  readonly age: number;
  readonly weightKg: number;
  /** Known allergies (absent: none); sim/patient/anaphylaxis.ts. */
  readonly allergies?: readonly Allergy[];
}

/** One patient's resting vital signs before any drug or stimulus. */
export interface Baselines {
  readonly heartRateBpm: number;
  readonly systolicMmHg: number;
  readonly diastolicMmHg: number;
  readonly spo2Pct: number;
  readonly respiratoryRatePerMin: number;
  /** Pain lying prone on the table before any instrument, 0-10. */
  readonly restingPain: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Resting vital signs for this patient (README.md, Baselines): a population mean shifted by age,
 * plus a small seeded per-patient variation (normal, clipped at 3 sd by the rng). All assumed.
 * The draws are made in a fixed order from the patient's own rng fork.
 */
export function drawBaselines(facts: PatientFacts, rng: Rng): Baselines {
  const overForty = Math.max(0, facts.age - 40);
  const heartRateBpm = clamp(rng.normal(72, 6), 55, 95);
  const systolicMmHg = clamp(rng.normal(120 + 0.5 * overForty, 8), 100, 165);
  const diastolicMmHg = clamp(rng.normal(74 + 0.1 * overForty, 5), 60, 95);
  const spo2Pct = clamp(rng.normal(97.5 - 0.05 * overForty, 0.7), 93, 99.5);
  const respiratoryRatePerMin = clamp(rng.normal(14, 1.5), 10, 20);
  return { heartRateBpm, systolicMmHg, diastolicMmHg, spo2Pct, respiratoryRatePerMin, restingPain: 2 };
}
