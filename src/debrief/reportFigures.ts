/**
 * The figures of a score report worth setting side by side (the expert benchmark, the comparison
 * of two attempts): metric key, label, unit, decimals.
 */
export const REPORT_FIGURES: readonly (readonly [key: string, label: string, unit: string, digits: number])[] = [
  ['simTimeS', 'Procedure time', 's', 0],
  ['fluoroTimeS', 'Fluoro time', 's', 1],
  ['shotsAP', 'AP shots', '', 0],
  ['shotsLateral', 'Lateral shots', '', 0],
  ['dapGyCm2', 'DAP', 'Gy·cm²', 2],
  ['breaches', 'Breaches', '', 0],
  ['redirections', 'Redirections', '', 0],
  ['cementInBodyMl', 'Cement in body', 'mL', 2],
  ['cementLeakedMl', 'Cement leaked', 'mL', 2],
  ['cementFillFraction', 'Fill fraction', '', 2],
  ['wedgeChangeDeg', 'Wedge angle change', '°', 1],
];

/** A figure as text: fixed decimals and its unit; a missing one as a dash. */
export function showFigure(v: number | string | boolean | undefined, digits: number, unit: string): string {
  if (v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  return `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}
