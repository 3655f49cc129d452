import type { LevelName, Scenario, SegmentationVariant } from '../../levels/scenarioSchema';

export type { SegmentationVariant };
import type { Vec3 } from '../math/vec3';

/**
 * The one description of the patient's anatomy. Imaging (attenuation), breach detection and the
 * physics all read it through the functions in this folder, so they can never disagree.
 *
 * Frame: patient frame in mm; x to the patient's left, y cranial, z posterior. The origin is the
 * centre of the target vertebral body (mid-width, mid-depth, mid-height of the intact body).
 */

export type Tissue =
  | 'air'
  | 'skin'
  | 'fat'
  | 'muscle'
  | 'cortical'
  | 'cancellous'
  | 'disc'
  | 'canal'
  | 'foramen'
  | 'lung'
  | 'bowelGas';

/**
 * Every level the morphometry table covers (T4-S2). A scenario's target is a LevelName (T5-L5);
 * T4, S1 and S2 exist only as neighbours and as the landmarks a count of the levels needs.
 */
export type SpineLevel = LevelName | 'T4' | 'S1' | 'S2';

/** Morphometry of one level (means; seeded variation is applied by buildAnatomy). */
export interface LevelMorphometry {
  readonly level: SpineLevel;
  readonly bodyWidthMm: number;
  readonly bodyDepthMm: number;
  readonly bodyHeightMm: number;
  readonly pedicleWidthMm: number;
  readonly pedicleHeightMm: number;
  /** Medial convergence of the pedicle axis, degrees (positive = tip points to the midline going anterior). */
  readonly pedicleTransverseAngleDeg: number;
  /** Distance between the pedicles' medial walls, mm. */
  readonly interpedicularMm: number;
  readonly discHeightMm: number;
}

export interface PedicleGeometry {
  readonly side: 'left' | 'right';
  /** Centre of the pedicle where it joins the posterior wall of the body. */
  readonly anteriorCentre: Vec3;
  /** Centre of the pedicle where it joins the lamina / articular pillar. */
  readonly posteriorCentre: Vec3;
  readonly widthMm: number;
  readonly heightMm: number;
  /** Wall thickness, mm. */
  readonly cortexMm: number;
}

export interface VertebraGeometry {
  readonly level: SpineLevel;
  readonly isTarget: boolean;
  /** Centre of the intact body. */
  readonly centre: Vec3;
  readonly bodyWidthMm: number;
  readonly bodyDepthMm: number;
  /** Height before the fracture. */
  readonly intactHeightMm: number;
  /** Heights after the fracture at the anterior cortex, mid-body and posterior wall (equal to intact for non-target levels). */
  readonly anteriorHeightMm: number;
  readonly middleHeightMm: number;
  readonly posteriorHeightMm: number;
  /** Shell thickness of the body, mm. */
  readonly cortexMm: number;
  readonly pedicles: readonly [PedicleGeometry, PedicleGeometry];
  /** Posterior elements, for imaging and the canal's boundary. */
  readonly laminaZMm: number;
  readonly spinousTipZMm: number;
  readonly transverseProcessSpanMm: number;
}

/** A real opening through which cement can leave the body (the cement model's rule: leaks go only through real openings). */
export interface Opening {
  readonly kind:
    | 'basivertebralVein'
    | 'segmentalVein'
    | 'endplateCrack'
    | 'posteriorWallDefect'
    | 'lateralCortexDefect'
    | 'cleft';
  readonly position: Vec3;
  /** Effective diameter of the channel, mm: sets its hydraulic conductance. */
  readonly diameterMm: number;
}

/** Superior endplate elevation produced by the balloon (world state, not anatomy), mm above the fractured position. */
export interface EndplateLift {
  readonly anteriorMm: number;
  readonly middleMm: number;
}

export interface Anatomy {
  readonly scenario: Scenario;
  /** Levels from cranial to caudal; the target and at least one neighbour on each side. */
  readonly vertebrae: readonly VertebraGeometry[];
  readonly targetIndex: number;
  /** Posterior skin surface at the midline of the target, z in mm. */
  readonly skinZMm: number;
  /** Skin to lamina, mm (habitus). */
  readonly softTissueDepthMm: number;
  /** Cancellous bone: strength (MPa) and relative density (1 = healthy), from the T-score. */
  readonly cancellousStrengthMPa: number;
  readonly cancellousDensity: number;
  readonly openings: readonly Opening[];
  /** Hidden channels of the target body (veins, hairline fissures) and its pore-field seed, for cement flow. Optional so hand-made fixtures need not list any. */
  readonly channels?: BoneChannels;
  /** Gas in the bowel (lumbar levels; seeded), for imaging. Optional so hand-made fixtures need not list any. */
  readonly bowelGas?: readonly GasPocket[];
  /** How the spine is segmented (segmentation.ts); absent (hand-made fixtures) = the usual count. */
  readonly segmentation?: SegmentationVariant;
  /** The scenario's scoliosis at the target level (patient.scoliosis); absent: drawn by the imaging, if any. */
  readonly scoliosis?: Scoliosis;
  /** Cement from earlier augmentations at other levels (priorCement.ts); absent: none. */
  readonly priorCement?: readonly PriorCement[];
  /**
   * A second fractured level treated in the same procedure (scenario.secondLevel): its index in
   * `vertebrae`, its openings and channels. The frame stays centred on the first target; the
   * instruments at the second level read the anatomy through treatedAnatomy.ts. Absent: one level.
   */
  readonly secondTarget?: SecondTarget;
}

/** The second treated level's index and what its cement can leave or follow (buildAnatomy.ts). */
export interface SecondTarget {
  readonly index: number;
  readonly openings: readonly Opening[];
  readonly channels: BoneChannels;
}

/** Cement of an earlier augmentation at another level (priorCement.ts places it). */
export interface PriorCement {
  readonly level: SpineLevel;
  readonly vertebraIndex: number;
  readonly centre: Vec3;
  readonly radii: Vec3;
}

/** Axial rotation and coronal tilt of the target vertebra in a scoliosis, deg (levels/scenarioSchema.ts signs). */
export interface Scoliosis {
  readonly axialRotationDeg: number;
  readonly coronalTiltDeg: number;
}

/**
 * A pocket of bowel gas: an axis-aligned ellipsoid (air attenuation), narrowed by haustral folds on
 * the colon and cut by a fluid level in the stomach (sim/anatomy/bowelGas.ts); both only shrink it.
 */
export interface GasPocket {
  readonly centre: Vec3;
  readonly radiiMm: Vec3;
  /** Colon: the cross-section narrows at folds every spacingMm along the axis (world coordinate). */
  readonly haustra?: GasHaustra;
  /** Stomach: the rugal, lobulated outline and the air-fluid level (prone: gas behind z = fluidLevelZ). */
  readonly gastric?: GasGastric;
}

export interface GasHaustra {
  /** The colon's course: x for the transverse colon, y for the ascending and descending. */
  readonly axis: 'x' | 'y';
  readonly spacingMm: number;
  /** World coordinate along the axis of the fold of index 0. */
  readonly phaseMm: number;
  /** Mean share of the radius a fold takes away (each fold varies about it). */
  readonly depth: number;
  /** Seed of each fold's own depth and position jitter. */
  readonly seed: number;
}

export interface GasGastric {
  /** Gas only at z >= this (prone, the fluid lies anterior, in the dependent part of the stomach). */
  readonly fluidLevelZ: number;
  /** Share of the radius the rugal lobulation takes away at most, and the phase of its harmonics. */
  readonly lobeDepth: number;
  readonly lobePhase: number;
}
/**
 * The hidden ways through the target body that cement can find: channels no image shows before the
 * cement does (the model requirement: "out through real openings"). They vary from patient to patient, which is
 * why two textbook injections into two patients can end differently; whether cement takes one
 * depends on the flow model (sim/physics/cementInvasion.ts), never on a draw at injection time.
 *
 * - Intraosseous veins: the basivertebral vein fans out from its ostium in the posterior wall into
 *   the body, and each segmental (anterolateral) ostium has a short channel inwards (Gray's anatomy;
 *   Yeom et al., J Bone Joint Surg Br 2003, leakage types B and S). Lengths and diameters assumed.
 * - Endplate fissures: an osteoporotic compression fracture is a failure of the endplate; fracture
 *   lines run from the crushed zone through the superior endplate into the disc (leakage into the
 *   disc is the commonest type after vertebroplasty, J Orthop Surg Res 2019). Presence by Genant
 *   grade, width and depth assumed.
 * - Cortical fissures: the anterior wall buckles in a wedge fracture; hairline cracks through the
 *   anterior / anterolateral cortex lead to the paravertebral space (type C, "cortical disruption",
 *   World Neurosurg 2017). Presence by grade, width and depth assumed.
 * - Fracture lines: a cortical defect (lateral, or the posterior wall of a malignant fracture) is
 *   the outer end of a fracture line running inwards (assumed 8-14 mm).
 * The scenario's explicit flags (endplateCrack, lateralCortexDefect, posteriorWallDefect) are the
 * visible, larger openings of sim/anatomy/openings.ts; these are the hairline ones every fracture may have.
 */
export type BoneChannelKind =
  | 'basivertebralVein'
  | 'segmentalVein'
  | 'endplateFissure'
  | 'cortexFissure'
  | 'fractureLine';

export interface BoneChannel {
  readonly kind: BoneChannelKind;
  /** From the deep end inside the body to the opening at the wall, mm (patient frame). */
  readonly path: readonly { readonly x: number; readonly y: number; readonly z: number }[];
  /** Channel diameter (veins) or crack width (fissures), mm. */
  readonly widthMm: number;
  /** Index of the anatomy opening the channel drains through (veins), or null (fissures open by themselves). */
  readonly openingIndex: number | null;
}

export interface BoneChannels {
  readonly channels: readonly BoneChannel[];
  /** Seed of the trabecular pore field (sim/physics/cementLattice.ts): this patient's bone, not an injection's luck. */
  readonly poreFieldSeed: number;
}
