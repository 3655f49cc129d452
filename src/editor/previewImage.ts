import type { Scenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/index';
import {
  DEFAULT_COLLIMATION,
  DETECTOR_DIAMETER_MM,
  drawPatientRotation,
  makePose,
  renderStill,
  targetIsocentre,
} from '../../sim/imaging/index';
import { createRng } from '../../sim/math/index';

export type PreviewView = 'AP' | 'lateral';

/** Side of the preview images in pixels: small, so both stills are made in about a second (in a worker). */
export const PREVIEW_PX = 160;
/** Side of the projection map the still is sampled from (the monitor's is larger; a preview needs less). */
const PREVIEW_MAP_PX = 128;

/**
 * A true AP or lateral still of the scenario's patient for `seed`, centred on the target level,
 * as the C-arm's first image would show it once corrected for the patient's rotation: the image
 * physics of the procedure's monitor (renderStill), without noise so two previews differ only by
 * the patient. Grey levels, row by row.
 */
export function renderPreview(scenario: Scenario, seed: number, view: PreviewView, px = PREVIEW_PX): Uint8Array {
  const anatomy = buildAnatomy(scenario, createRng(seed));
  const patient = drawPatientRotation(createRng(seed));
  const tilt = view === 'AP' ? patient.pitchDeg : patient.listDeg;
  const pose = makePose(view, patient.rollDeg, tilt, patient, targetIsocentre(anatomy));
  const { grey } = renderStill(anatomy, { anteriorMm: 0, middleMm: 0 }, pose, [], {
    mapPx: PREVIEW_MAP_PX,
    displayPx: px,
    detectorSizeMm: DETECTOR_DIAMETER_MM,
    collimation: DEFAULT_COLLIMATION,
    noiseSigma: 0,
    uniform: () => 0.5,
  });
  return grey;
}
