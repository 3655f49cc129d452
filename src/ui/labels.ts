import type { ExchangeStep, FluoroMode } from '../../sim/core';
import { CHECKLIST_TITLES, EXCHANGE_LABELS } from '../../sim/procedure';

/**
 * Words for the procedure's vocabulary, shared by every screen that prints it (the status line,
 * the panels, the replay viewer). Kept apart from the keys: the key maps say which key does what,
 * these say what it is called.
 */

/** Checklist titles live with the procedure (sim/procedure/checklistItems.ts). */
export const CHECKLIST_LABELS = CHECKLIST_TITLES;

export const FLUORO_MODE_LABELS: Readonly<Record<FluoroMode, string>> = {
  continuous: 'Continuous',
  pulsed15: 'Pulsed 15 p/s',
  'pulsed7.5': 'Pulsed 7.5 p/s',
  pulsed4: 'Pulsed 4 p/s',
  lowDose: 'Low dose',
};

/** Words of an exchange step for a button or the status line: "Take the stylet out". */
export function exchangeStepLabel(step: ExchangeStep): string {
  const words = EXCHANGE_LABELS[step];
  return words.charAt(0).toUpperCase() + words.slice(1);
}
