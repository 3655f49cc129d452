/** The public face of sim/anatomy/: the procedural spine and its landmarks. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { createAttenuationField } from './attenuation';
export { buildAnatomy } from './buildAnatomy';
export { treatedAnatomy, treatedLevelCount } from './treatedAnatomy';
export { defaultSkinEntry, idealTrajectory } from './idealTrajectory';
export { depthInsideBody, pedicleLocal, pedicleOf } from './landmarks';
export { exitThroughSkin, skinZAt } from './torso';
export type { Anatomy, EndplateLift, Tissue } from './types';
export { segmentationFinding, segmentationOf, spineSegments } from './segmentation';
export type { SegmentationVariant, SpineSegment } from './segmentation';
