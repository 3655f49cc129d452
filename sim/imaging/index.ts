/** The public face of sim/imaging/: C-arm pose, projection, dose, and the pure radiograph physics (line integrals, detector pass). src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export {
  DETECTOR_DIAMETER_MM,
  drawPatientRotation,
  makePose,
  pannedIsocentre,
  poseKey,
  targetIsocentre,
} from './carmPose';
export type { CArmPose } from './carmPose';
export type { CArmView } from './carmView';
export { DEFAULT_COLLIMATION, MAX_SHUTTER_HALF_MM, MIN_SHUTTER_HALF_MM } from './collimation';
export type { Collimation } from './collimation';
export { MODES, relativeNoise } from './dose';
export { peakSkinDoseMGy } from './doseView';
export type { DoseView } from './doseView';
export { createProjection } from './projection';
export type { Projection } from './projection';
export {
  DENSE_KNEE,
  DENSE_ROLL,
  EDGE_GAIN,
  SHUTTER_LEVEL,
  TONE_LIFT,
  VIGNETTE,
  developValue,
  gaussianTable,
  rollOffDense,
} from './radiograph/detectorPass';
export type { DisplayWindow } from './radiograph/detectorPass';
export { FrameMapBuilder } from './radiograph/frameMap';
export { BASE_NOISE_SIGMA, MAP_PX } from './radiograph/imageConstants';
export { NO_LIFT, hasLift, projectLiftDeltaRows } from './radiograph/liftDelta';
export { DEFAULT_STEPS, computeLineIntegralMap, samplingBoxes } from './radiograph/lineIntegralMap';
export { isLive, poseForView } from './radiograph/poseForView';
export {
  GAUGE_OD_MM,
  INTRODUCER_OD_MM,
  MU_PER_MM,
  SHAFT_LENGTH_MM,
  shapesFromSnapshot,
  skinMarkShape,
} from './radiograph/radiopaqueShapes';
export type { RadiopaqueShape } from './radiograph/radiopaqueShapes';
export { renderStill } from './radiograph/renderStill';
export {
  PREOP_FILM_MM,
  PREOP_IMAGE_PX,
  PREOP_PX_PER_MM,
  preopEndplateCorners,
  preopPose,
  renderPreopRadiograph,
} from './radiograph/preopRadiograph';
export type { PreopRadiograph } from './radiograph/preopRadiograph';
export {
  boneDensityCategory,
  preopImagingReport,
  showsStirOedema,
  STIR_OEDEMA_MAX_WEEKS,
} from './preopImagingReport';
export type { BoneDensityCategory, PreopImagingReport } from './preopImagingReport';
export { trueWedgeFigures, wedgeFromCorners } from './wedgeMeasurement';
export type { WedgeFigures } from './wedgeMeasurement';
export { sampleMapBilinear } from './radiograph/sampleMapBilinear';
export { ellipsoidChord } from './radiograph/shapeIntegrals';
export { StaticProjectionJob, finishStaticProjection, projectRows, staticKey } from './radiograph/staticProjection';
export type { StaticProjection } from './radiograph/staticProjection';
