/** Outer diameter of a needle by Stubs gauge, mm (11 G 3.05, 13 G 2.41, 15 G 1.83): trocars of docs/clinical-sources.md. */
export const GAUGE_OD_MM: Readonly<Record<number, number>> = { 11: 3.05, 13: 2.41, 15: 1.83 };

/** Outer diameter of a trocar of this gauge, mm (the nearest listed gauge at or above it). */
export function gaugeToDiameterMm(gauge: number): number {
  return gauge <= 11 ? GAUGE_OD_MM[11] : gauge <= 13 ? GAUGE_OD_MM[13] : GAUGE_OD_MM[15];
}
