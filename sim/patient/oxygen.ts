/**
 * Oxygen by nasal cannula (README.md, Oxygenation): the inspired fraction rises by about 4 % per
 * L/min over room air (the usual bedside rule of thumb; assumed), at most 6 L/min (sim/core/bounds.ts).
 */
export const OXYGEN = {
  roomAirFio2: 0.21,
  fio2PerLPerMin: 0.04,
} as const;

export const fio2Of = (lPerMin: number): number => OXYGEN.roomAirFio2 + OXYGEN.fio2PerLPerMin * lPerMin;
