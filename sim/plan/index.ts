/** The public face of sim/plan/: scripted plans: their schema and runner. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { planSchema } from './planSchema';
export type { Plan, PlanStep } from './planSchema';
export { runPlan } from './runPlan';
