/** The public face of sim/standard/: standard setting by contrasting groups (reference sets run, scored and summarised). src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { cohensD, contrastingGroupsMark, mean, normalDensity, sd } from './stats';
export { planFits, runReference, summarise } from './referenceSet';
export type { GroupSummary, ReferenceGroup, ReferencePlan, ReferenceRun, StandardSummary } from './referenceSet';
export { withPassScore } from './passScoreText';
