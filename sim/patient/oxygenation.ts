import { OXYGEN } from './oxygen';

/**
 * The SpO2 the patient settles toward (README.md, Oxygenation): hypoventilation (RR below the
 * patient's resting rate) lowers it toward a floor; supplemental oxygen lifts the resting value a
 * little and spares most of the fall. All assumed.
 */
export const OXYGENATION = {
  /** SpO2 lost at a ventilation deficit of 1 (RR 0), before the exponent, % (assumed). */
  fallPct: 30,
  /** Exponent of the ventilation deficit (assumed: little fall until RR drops well below rest). */
  exponent: 1.5,
  /** The lowest SpO2 the model goes to, % (assumed). */
  floorPct: 70,
  /** SpO2 gained per unit of FiO2 over room air at rest, % (assumed). */
  restGainPerFio2: 15,
  /** Time constant of SpO2 following its target, s (assumed: the lung and blood stores lag). */
  lagS: 30,
} as const;

export function targetSpo2(restingSpo2: number, rrShare: number, fio2: number): number {
  const deficit = Math.max(0, 1 - rrShare);
  // Room air over the inspired fraction: 1 on room air, less the more oxygen is given.
  const spared = OXYGEN.roomAirFio2 / fio2;
  const atRest = Math.min(100, restingSpo2 + OXYGENATION.restGainPerFio2 * (fio2 - OXYGEN.roomAirFio2));
  const fall = OXYGENATION.fallPct * deficit ** OXYGENATION.exponent * spared;
  return Math.max(OXYGENATION.floorPct, atRest - fall);
}
