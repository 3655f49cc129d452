import type { Rng } from '../math/rng';
import type { Scenario } from '../../levels/scenarioSchema';
import { boneQualityFromTScore } from './boneQuality';
import { drawBowelGas } from './bowelGas';
import { fracturedHeights } from './fractureHeights';
import { posteriorWallZ } from './footprint';
import { HABITUS } from './habitus';
import { MORPHOMETRY, SPINE_ORDER } from './morphometry';
import { buildOpenings } from './openings';
import { placePriorCement } from './priorCement';
import { buildBoneChannels } from './boneChannels';
import { POSTERIOR_MORPHOMETRY } from './posteriorMorphometry';
import { drawSegmentation, LUMBARISED_S1_DISC_MM, lowestRibLevel } from './segmentation';
import type {
  Anatomy,
  PedicleGeometry,
  SecondTarget,
  SegmentationVariant,
  SpineLevel,
  VertebraGeometry,
} from './types';

/** Vertebrae generated on each side of the target (at least one, so every image shows the neighbouring discs and endplates). */
const NEIGHBOURS = 2;
/**
 * Every build also models the spine from the vertebra above the lowest rib down to the sacrum (S2):
 * the landmarks a count of the levels starts from (segmentation.ts). Plain bodies and pedicles; only
 * the target is fractured.
 */
const COUNT_FROM_ABOVE_LOWEST_RIB = 1;
/** Body shell and pedicle wall thickness, mm (brief: ~1 mm shell; assumed). */
const BODY_CORTEX_MM = 1.0;
const PEDICLE_CORTEX_MM = 1.2;
/** The pedicle's upper border sits this far below the superior endplate (assumed). */
const PEDICLE_TOP_GAP_MM = 2;
/** Seeded variation (assumed): patient size, per-level shape, pedicle asymmetry, soft tissue. */
const SD = {
  size: 0.04,
  body: 0.02,
  pedicleWidth: 0.05,
  pedicleHeight: 0.04,
  angleDeg: 2,
  ipd: 0.04,
  disc: 0.08,
  softTissue: 0.08,
};
/** Female vertebrae are a few percent smaller (assumed). */
const FEMALE_SIZE = 0.96;

interface LevelDraw {
  readonly level: SpineLevel;
  readonly widthMm: number;
  readonly depthMm: number;
  readonly heightMm: number;
  readonly discBelowMm: number;
}

/** Build the patient's spine for a scenario: target level, two neighbours each side, fracture, bone quality, habitus, openings. */
export function buildAnatomy(scenario: Scenario, rng: Rng): Anatomy {
  const r = rng.fork('anatomy');
  const size = r.normal(1, SD.size) * (scenario.patient.sex === 'female' ? FEMALE_SIZE : 1);
  const ti = SPINE_ORDER.indexOf(scenario.level);
  const segmentation = scenario.patient.segmentation ?? drawSegmentation(r, scenario.level);
  const ribIndex = SPINE_ORDER.indexOf(lowestRibLevel(segmentation) as SpineLevel);
  // Levels augmented before are built too, however far above the target (their cement shows).
  const priorIndices = (scenario.patient.priorAugmentation ?? []).map((a) => SPINE_ORDER.indexOf(a.level));
  const first = Math.max(0, Math.min(ti - NEIGHBOURS, ribIndex - COUNT_FROM_ABOVE_LOWEST_RIB, ...priorIndices));
  const levels = SPINE_ORDER.slice(first);
  const targetIndex = levels.indexOf(scenario.level);

  const draws: LevelDraw[] = levels.map((level) => {
    const m = MORPHOMETRY[level];
    const lr = r.fork(`level:${level}`);
    return {
      level,
      widthMm: m.bodyWidthMm * size * lr.normal(1, SD.body),
      depthMm: m.bodyDepthMm * size * lr.normal(1, SD.body),
      heightMm: m.bodyHeightMm * size * lr.normal(1, SD.body),
      discBelowMm: discBelow(level, segmentation, m.discHeightMm * size * lr.normal(1, SD.disc), size),
    };
  });

  // Centres from the target outwards: body half-heights plus the disc between.
  const centresY = new Array<number>(levels.length).fill(0);
  for (let i = targetIndex - 1; i >= 0; i--) {
    centresY[i] = centresY[i + 1] + draws[i + 1].heightMm / 2 + draws[i].discBelowMm + draws[i].heightMm / 2;
  }
  for (let i = targetIndex + 1; i < levels.length; i++) {
    centresY[i] = centresY[i - 1] - draws[i - 1].heightMm / 2 - draws[i - 1].discBelowMm - draws[i].heightMm / 2;
  }

  // A second treated level is fractured too (its own fracture); only the first is the frame's target.
  const second = scenario.secondLevel;
  const secondIndex = second ? levels.indexOf(second.level) : -1;
  const vertebrae = draws.map((d, i) =>
    buildVertebra(
      d,
      centresY[i],
      i === targetIndex,
      i === targetIndex ? scenario.fracture : i === secondIndex ? (second?.fracture ?? null) : null,
      size,
      r.fork(`pedicles:${d.level}`),
    ),
  );
  const target = vertebrae[targetIndex];
  const habitus = HABITUS[scenario.patient.habitus];
  const softTissueDepthMm = habitus.skinToLaminaMm * r.fork('softTissue').normal(1, SD.softTissue);
  const quality = boneQualityFromTScore(scenario.patient.tScore);
  const openings = buildOpenings(target, scenario.fracture, r.fork('openings'));

  return {
    scenario,
    vertebrae,
    targetIndex,
    skinZMm: target.laminaZMm + softTissueDepthMm,
    softTissueDepthMm,
    cancellousStrengthMPa: quality.cancellousStrengthMPa,
    cancellousDensity: quality.cancellousDensity,
    openings,
    channels: buildBoneChannels(target, openings, scenario.fracture, r.fork('channels')),
    bowelGas: drawBowelGas(vertebrae, scenario, r.fork('bowelGas')),
    segmentation,
    ...(scenario.patient.scoliosis ? { scoliosis: scenario.patient.scoliosis } : {}),
    ...(scenario.patient.priorAugmentation ? { priorCement: placePriorCement(scenario, vertebrae) } : {}),
    ...(second && secondIndex >= 0 ? { secondTarget: secondTarget(vertebrae, secondIndex, second.fracture, r) } : {}),
  };
}

/**
 * The second treated level's openings and hidden channels, from forks of their own (a fork does not
 * advance its parent, so the first level's draws are those of a one-level case).
 */
function secondTarget(
  vertebrae: readonly VertebraGeometry[],
  index: number,
  fracture: Scenario['fracture'],
  r: Rng,
): SecondTarget {
  const v = vertebrae[index];
  const openings = buildOpenings(v, fracture, r.fork(`openings:${v.level}`));
  return { index, openings, channels: buildBoneChannels(v, openings, fracture, r.fork(`channels:${v.level}`)) };
}

/** The disc below a level: none below a sacralised L5 (fused) and a lumbar one below a lumbarised S1 (mobile). */
function discBelow(level: SpineLevel, segmentation: SegmentationVariant, drawnMm: number, size: number): number {
  if (level === 'L5' && segmentation === 'sacralisedL5') return 0;
  if (level === 'S1' && segmentation === 'lumbarisedS1') return LUMBARISED_S1_DISC_MM * size;
  return drawnMm;
}

function buildVertebra(
  d: LevelDraw,
  centreY: number,
  isTarget: boolean,
  fracture: Scenario['fracture'] | null,
  size: number,
  pr: Rng,
): VertebraGeometry {
  const m = MORPHOMETRY[d.level];
  const post = POSTERIOR_MORPHOMETRY[d.level];
  const heights = fracture
    ? fracturedHeights(d.heightMm, fracture)
    : { anteriorHeightMm: d.heightMm, middleHeightMm: d.heightMm, posteriorHeightMm: d.heightMm };
  const a = d.widthMm / 2;
  const b = d.depthMm / 2;
  const ipd = m.interpedicularMm * size * pr.normal(1, SD.ipd);
  const angleDeg = m.pedicleTransverseAngleDeg + pr.normal(0, SD.angleDeg);
  const heightMm = m.pedicleHeightMm * size * pr.normal(1, SD.pedicleHeight);
  const lengthMm = post.pedicleLengthMm * size;
  // Upper part of the body, but never above the (possibly collapsed) posterior wall's top more than needed.
  const bottom = centreY - d.heightMm / 2;
  const pedY = Math.max(
    bottom + heightMm / 2,
    Math.min(
      centreY + d.heightMm / 2 - PEDICLE_TOP_GAP_MM - heightMm / 2,
      bottom + heights.posteriorHeightMm - heightMm / 2 - 0.5,
    ),
  );
  const pedicle = (side: 'left' | 'right'): PedicleGeometry => {
    const s = side === 'left' ? 1 : -1;
    const widthMm = m.pedicleWidthMm * size * pr.normal(1, SD.pedicleWidth);
    const th = (angleDeg * Math.PI) / 180;
    // The medial wall sits at ipd/2 at mid-length; the axis converges by angleDeg going anterior.
    const xa = s * (ipd / 2 + widthMm / 2 - (Math.sin(th) * lengthMm) / 2);
    const za = posteriorWallZ(xa, a, b);
    return {
      side,
      anteriorCentre: { x: xa, y: pedY, z: za },
      posteriorCentre: { x: xa + s * Math.sin(th) * lengthMm, y: pedY, z: za + Math.cos(th) * lengthMm },
      widthMm,
      heightMm,
      cortexMm: Math.min(PEDICLE_CORTEX_MM, 0.2 * widthMm),
    };
  };
  const pedicles = [pedicle('left'), pedicle('right')] as const;
  const zEnd = Math.max(pedicles[0].posteriorCentre.z, pedicles[1].posteriorCentre.z);
  const laminaZMm = zEnd + post.laminaThicknessMm;
  return {
    level: d.level,
    isTarget,
    centre: { x: 0, y: centreY, z: 0 },
    bodyWidthMm: d.widthMm,
    bodyDepthMm: d.depthMm,
    intactHeightMm: d.heightMm,
    ...heights,
    cortexMm: BODY_CORTEX_MM,
    pedicles,
    laminaZMm,
    spinousTipZMm: laminaZMm + post.spinousLengthMm * size,
    transverseProcessSpanMm: post.transverseSpanMm * size,
  };
}
