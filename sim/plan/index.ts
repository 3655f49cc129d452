/** The public face of sim/plan/: scripted plans: their schema and runner. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { planSchema, conditionSchema, planStepSchema, variationSchema, fitsSchema } from './planSchema';
export type { Plan, PlanStep, PlanCondition, PlanVariation, PlanFits, EventSince } from './planSchema';
export { runPlan, playPlan, conditionHolds, contextOf, PlanError } from './runPlan';
export type { PlanRun, PlanStop, PlanOptions, ConditionContext } from './runPlan';
export { varyPlan } from './planVariation';
