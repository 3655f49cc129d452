/** The public face of sim/procedure/: the procedure machine's phases, checklists and labels. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { CASE_REVIEW_ITEMS, CHECKLIST_TITLES, PRE_OP_ITEMS } from './checklistItems';
export { EXCHANGE_LABELS } from './exchangeOrder';
export { PHASES } from './phases';
export type { ProcedureSnapshot } from './procedureMachine';
