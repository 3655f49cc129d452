import { readFileSync } from 'node:fs';
import { type LevelName, parseScenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import type { Anatomy, PedicleGeometry, VertebraGeometry } from '../../sim/anatomy/types';
import {
  beamAxes,
  type CArmPose,
  DETECTOR_DIAMETER_MM,
  drawPatientRotation,
  makePose,
  type PatientRotation,
  targetIsocentre,
} from '../../sim/imaging/carmPose';
import { DEFAULT_COLLIMATION } from '../../sim/imaging/collimation';
import { createProjection } from '../../sim/imaging/projection';
import {
  GAUGE_OD_MM,
  MU_PER_MM,
  type RadiopaqueShape,
  SHAFT_LENGTH_MM,
} from '../../sim/imaging/radiograph/radiopaqueShapes';
import { renderStill } from '../../sim/imaging/radiograph/renderStill';
import { createRng } from '../../sim/math/rng';
import { add, normalize, scale, sub, type Vec3 } from '../../sim/math/vec3';
import type { GreyImage } from './radiographMeasure';

/**
 * The views a radiologist checks before trusting a fluoroscopy image, rendered noise-free through
 * the CPU pipeline (renderStill) for the same patients as the docs images
 * (tests/unit/fluoroDocsImages.test.ts: the L1 wedge scenario moved to each level, seed 3), plus
 * deliberately mis-set C-arms as counter-examples. The projection is used only to know where to
 * look (which row holds an endplate, where a pedicle should be); what is measured is grey levels.
 */
export const DISPLAY_PX = 512;
const MAP_PX = 256;
const SEED = 3;
/** The mis-set lateral: orbit and tilt both this far off the true lateral (the docs' image is 4 deg off; 6 deg doubles every edge the checks measure past the image's blur). */
export const MISALIGN_DEG = 6;
/** The rotated AP: orbit (axial rotation) and tilt this far off the true AP. */
export const AP_ROTATION_DEG = 6;
/** The oblique owl's eye: the beam this far off the pedicle's axis. */
export const OWL_OFF_AXIS_DEG = 10;

export type ViewName =
  | 'ap'
  | 'apRotated'
  | 'lateral'
  | 'lateralMisaligned'
  | 'owl'
  | 'owlTrocar'
  | 'owlOff'
  | 'owlOffTrocar';

export interface LevelScene {
  readonly level: LevelName;
  readonly anatomy: Anatomy;
  readonly target: VertebraGeometry;
  readonly left: PedicleGeometry;
  readonly right: PedicleGeometry;
  readonly patient: PatientRotation;
  readonly iso: Vec3;
}

export interface View {
  readonly image: GreyImage;
  readonly pose: CArmPose;
  /** Display pixel of a patient-frame point. */
  px(p: Vec3): [number, number];
  /** Millimetres at the isocentre per display pixel. */
  readonly mmPerPx: number;
}

const base = JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8'));

export function sceneAt(level: LevelName): LevelScene {
  const scenario = parseScenario({ ...base, id: `landmarks-${level.toLowerCase()}`, level }, `landmarks-${level}`);
  const anatomy = buildAnatomy(scenario, createRng(SEED));
  const target = anatomy.vertebrae[anatomy.targetIndex];
  return {
    level,
    anatomy,
    target,
    left: target.pedicles.find((p) => p.side === 'left')!,
    right: target.pedicles.find((p) => p.side === 'right')!,
    patient: drawPatientRotation(createRng(SEED)),
    iso: targetIsocentre(anatomy),
  };
}

/** Orbit and tilt that aim the central ray along `want` (anatomy frame), found by fixed-point iteration through beamAxes (the owl's eye, here and in the docs images). */
export function aimAlong(want: Vec3, patient: PatientRotation, iso: Vec3): CArmPose {
  const DEG = 180 / Math.PI;
  let orbit = Math.atan2(want.x, want.z) * DEG;
  let tilt = Math.asin(want.y) * DEG;
  for (let k = 0; k < 30; k++) {
    const d = beamAxes(makePose('AP', orbit, tilt, patient, iso)).direction;
    orbit += (Math.atan2(want.x, want.z) - Math.atan2(d.x, d.z)) * DEG;
    tilt += (Math.asin(want.y) - Math.asin(d.y)) * DEG;
  }
  return makePose('AP', orbit, tilt, patient, iso);
}

/** The beam direction down the left pedicle, posterior -> anterior is against the AP beam. */
export function owlAxis(s: LevelScene): Vec3 {
  return normalize(sub(s.left.posteriorCentre, s.left.anteriorCentre));
}

/** An 11 G trocar docked on the pedicle: its tip on the posterior entry, shaft exactly along the pedicle axis. */
export function dockedTrocar(s: LevelScene): RadiopaqueShape {
  const axis = normalize(sub(s.left.anteriorCentre, s.left.posteriorCentre));
  const tip = s.left.posteriorCentre;
  return {
    kind: 'capsule',
    a: sub(tip, scale(axis, SHAFT_LENGTH_MM)),
    b: tip,
    radiusMm: GAUGE_OD_MM[11] / 2,
    innerRadiusMm: 0,
    muPerMm: MU_PER_MM.steel,
  };
}

export function poseOf(s: LevelScene, view: ViewName): CArmPose {
  const p = s.patient;
  switch (view) {
    case 'ap':
      return makePose('AP', p.rollDeg, p.pitchDeg, p, s.iso);
    case 'apRotated':
      return makePose('AP', p.rollDeg + AP_ROTATION_DEG, p.pitchDeg + AP_ROTATION_DEG, p, s.iso);
    case 'lateral':
      return makePose('lateral', p.rollDeg, p.listDeg, p, s.iso);
    case 'lateralMisaligned':
      return makePose('lateral', p.rollDeg + MISALIGN_DEG, p.listDeg + MISALIGN_DEG, p, s.iso);
    case 'owl':
    case 'owlTrocar':
      return aimAlong(owlAxis(s), p, s.iso);
    case 'owlOff':
    case 'owlOffTrocar': {
      // Tilted OWL_OFF_AXIS_DEG cranially off the pedicle axis: the ring's two ends no longer superimpose.
      const a = owlAxis(s);
      const t = (OWL_OFF_AXIS_DEG * Math.PI) / 180;
      return aimAlong(normalize(add(scale(a, Math.cos(t)), { x: 0, y: Math.sin(t), z: 0 })), p, s.iso);
    }
  }
}

const cache = new Map<string, View>();

/** Render (noise off) one view of a level, cached: each render is about a second. */
export function viewOf(s: LevelScene, view: ViewName): View {
  const key = `${s.level}:${view}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const pose = poseOf(s, view);
  const shapes = view === 'owlTrocar' || view === 'owlOffTrocar' ? [dockedTrocar(s)] : [];
  const { grey } = renderStill(s.anatomy, { anteriorMm: 0, middleMm: 0 }, pose, shapes, {
    mapPx: MAP_PX,
    displayPx: DISPLAY_PX,
    detectorSizeMm: DETECTOR_DIAMETER_MM,
    collimation: DEFAULT_COLLIMATION,
    noiseSigma: 0,
    uniform: () => 0.5,
  });
  const projection = createProjection(pose, DETECTOR_DIAMETER_MM);
  const px = (p: Vec3): [number, number] => {
    const d = projection.project(p)!;
    return [(d.uMm / DETECTOR_DIAMETER_MM + 0.5) * DISPLAY_PX, (0.5 - d.vMm / DETECTOR_DIAMETER_MM) * DISPLAY_PX];
  };
  const v: View = {
    image: { grey, size: DISPLAY_PX },
    pose,
    px,
    mmPerPx: DETECTOR_DIAMETER_MM / DISPLAY_PX / projection.isocentreMagnification,
  };
  cache.set(key, v);
  return v;
}
