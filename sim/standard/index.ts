/** The public face of sim/standard/: standard setting by contrasting groups (reference sets run, scored and summarised). src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { cohensD, contrastingGroupsMark, mean, normalDensity, sd } from './stats';
export {
  domainSeparation,
  planFits,
  playReference,
  referencePlanFits,
  runReference,
  scoreReference,
  summarise,
} from './referenceSet';
export type {
  GroupSummary,
  PlayedReference,
  ReferenceGroup,
  ReferencePlan,
  ReferenceRun,
  StandardSummary,
} from './referenceSet';
export { expertReferenceOf, withReference } from './expertReference';
export type { ExpertReference } from './expertReference';
export { withExpertReference, withPassScore, withVersion } from './passScoreText';
