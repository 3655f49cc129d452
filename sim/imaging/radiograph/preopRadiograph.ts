import type { Anatomy, VertebraGeometry } from '../../anatomy/types';
import { PREOP_IMAGE_PX } from '../../core/bounds';
import type { MeasuredCorners, MeasurePoint } from '../../core/commands';
import { createRng } from '../../math/rng';
import { vec3 } from '../../math/vec3';
import { makePose, NO_ROTATION, SOURCE_TO_IMAGE_MM, SOURCE_TO_ISOCENTRE_MM, type CArmPose } from '../carmPose';
import { createProjection } from '../projection';
import { developValue, gaussianTable } from './detectorPass';
import { FrameMapBuilder } from './frameMap';
import { sampleMapBilinear } from './sampleMapBilinear';
import { StaticProjectionJob } from './staticProjection';

/**
 * The diagnostic standing lateral radiograph the case review shows: the same pipeline as the
 * fluoroscope (line integrals of the anatomy's attenuation field, detector blur and edge
 * enhancement, seeded quantum noise, the same log response and window), but taken as a radiographer
 * takes it: a true lateral of the target (no table, so no seeded patient rotation), a larger
 * rectangular film with no image-intensifier circle and no vignette, no instruments and no skin
 * mark, with the vertebra above and below in the field.
 */

/** Film width at the detector, mm: at the C-arm geometry's 1.67x this is ~156 mm at the target, three bodies and their discs. */
export const PREOP_FILM_MM = 260;
/**
 * The projection is computed over the film's diagonal (the pipeline masks a round field) and the
 * square film cut from its middle, so no corner of the film is dark.
 */
const PROJECTED_MM = PREOP_FILM_MM * Math.SQRT2;
/** Line-integral map resolution over PROJECTED_MM (~0.8 mm at the detector, 0.5 mm at the target). */
const PREOP_MAP_PX = 448;
/** Displayed image size, pixels (square): the bound a case.measure point must keep. */
export { PREOP_IMAGE_PX };
/** Image pixels per patient mm in the target's mid-sagittal plane (the film is taken at the C-arm's geometry). */
export const PREOP_PX_PER_MM = ((SOURCE_TO_IMAGE_MM / SOURCE_TO_ISOCENTRE_MM) * PREOP_IMAGE_PX) / PREOP_FILM_MM;
/** Quantum noise at mid-window: a radiograph's dose per image is far above a fluoroscopy pulse's (assumed: a third of it). */
const PREOP_NOISE_SIGMA = 0.015;

export interface PreopRadiograph {
  /** Grey levels, row-major, PREOP_IMAGE_PX squared, 0 black (bone white, as on film). */
  readonly grey: Uint8Array;
  readonly sizePx: number;
  /** Film width (and height) at the detector, mm. */
  readonly filmMm: number;
  /** Image pixels per patient mm at the target's mid-plane (to turn pixel distances into mm). */
  readonly pxPerMm: number;
}

/** The pose of the pre-operative lateral: a true lateral centred on the target body. */
export function preopPose(anatomy: Anatomy): CArmPose {
  return makePose('lateral', 0, 0, NO_ROTATION, anatomy.vertebrae[anatomy.targetIndex].centre);
}

/**
 * Render the pre-operative standing lateral of this patient. Deterministic for an anatomy and a
 * seed: the noise is drawn from its own stream of the seed (`preop-radiograph`).
 */
export function renderPreopRadiograph(anatomy: Anatomy, seed: number): PreopRadiograph {
  const n = PREOP_MAP_PX;
  const pose = preopPose(anatomy);
  const job = new StaticProjectionJob('preop', anatomy, { anteriorMm: 0, middleMm: 0 }, pose, n, PROJECTED_MM);
  job.run(n);
  const sp = job.result();
  const frames = new FrameMapBuilder(n);
  frames.build(sp.enhanced, createProjection(pose, PROJECTED_MM), []);
  const rng = createRng(seed).fork('preop-radiograph');
  frames.addNoise(
    sp.noiseGrowth,
    gaussianTable(n * n, () => rng.next()),
    0,
    PREOP_NOISE_SIGMA,
    sp.window,
  );
  const map = frames.map;
  // A film shows bone white (the fluoroscopy monitor's default is the other way round).
  const params = { window: sp.window, noiseSigma: 0, edgeGain: 0, inverted: true };
  const crop = PREOP_FILM_MM / PROJECTED_MM;
  const size = PREOP_IMAGE_PX;
  const grey = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = 0.5 + ((x + 0.5) / size - 0.5) * crop;
      const v = 0.5 + ((y + 0.5) / size - 0.5) * crop;
      const a = sampleMapBilinear(map, n, u, v);
      // The film's centre for every pixel: a rectangular film has no round field and no vignette.
      grey[y * size + x] = Math.round(developValue(a, 0, params, 0, 0, 1, 1) * 255);
    }
  }
  return { grey, sizePx: size, filmMm: PREOP_FILM_MM, pxPerMm: PREOP_PX_PER_MM };
}

/**
 * Where the target body's true endplate corners fall on the pre-operative lateral, in image pixels:
 * the anatomy's fractured heights at the anterior cortex and the posterior wall (the inferior endplate
 * stays at its intact place, sim/instruments/endplateGeometry.ts), projected through the film's own
 * geometry at the body's mid-plane.
 */
export function preopEndplateCorners(anatomy: Anatomy): MeasuredCorners {
  const v: VertebraGeometry = anatomy.vertebrae[anatomy.targetIndex];
  const projection = createProjection(preopPose(anatomy), PREOP_FILM_MM);
  const floor = v.centre.y - v.intactHeightMm / 2;
  const anteriorZ = v.centre.z - v.bodyDepthMm / 2;
  const posteriorZ = v.centre.z + v.bodyDepthMm / 2;
  const toImage = (y: number, z: number): MeasurePoint => {
    const p = projection.project(vec3(v.centre.x, y, z));
    if (!p) throw new Error('the target body is behind the source of the pre-operative lateral');
    return {
      x: (p.uMm / PREOP_FILM_MM + 0.5) * PREOP_IMAGE_PX,
      y: (0.5 - p.vMm / PREOP_FILM_MM) * PREOP_IMAGE_PX,
    };
  };
  return {
    anteriorSuperior: toImage(floor + v.anteriorHeightMm, anteriorZ),
    anteriorInferior: toImage(floor, anteriorZ),
    posteriorSuperior: toImage(floor + v.posteriorHeightMm, posteriorZ),
    posteriorInferior: toImage(floor, posteriorZ),
  };
}
