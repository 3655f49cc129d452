/**
 * Render AP images along the spine of one patient, to look at the landmarks a trainee counts the
 * level from (no browser): the lowest rib, the sacrum and the fractured vertebra with the skin mark.
 *
 *   npx tsx scripts/render-level-preview.ts [levels/<scenario>.json] [seed] [segmentation] [outDir]
 *
 * segmentation: normal, lumbarisedS1, sacralisedL5, ribs11, ribs13 (default: the patient's own
 * draw). Writes <outDir>/level-rib.png, level-sacrum.png and level-target.png (default /tmp).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, SEGMENTATION_VARIANTS, type SegmentationVariant } from '../levels/scenarioSchema';
import { buildAnatomy, segmentationOf, spineSegments } from '../sim/anatomy';
import {
  DEFAULT_COLLIMATION,
  DETECTOR_DIAMETER_MM,
  drawPatientRotation,
  makePose,
  pannedIsocentre,
  relativeNoise,
  renderStill,
  skinMarkShape,
} from '../sim/imaging';
import { createRng } from '../sim/math';
import { skinZAt } from '../sim/anatomy';
import { encodeGreyPng } from './pngEncode';

const [scenarioPath = 'levels/l1-osteoporotic-wedge.json', seedArg = '1', variantArg = '', outDir = '/tmp'] =
  process.argv.slice(2);
const parsed = parseScenario(JSON.parse(readFileSync(scenarioPath, 'utf8')), scenarioPath);
const segmentation = (SEGMENTATION_VARIANTS as readonly string[]).includes(variantArg)
  ? (variantArg as SegmentationVariant)
  : undefined;
const scenario = segmentation ? { ...parsed, patient: { ...parsed.patient, segmentation } } : parsed;
const seed = Number(seedArg);
const anatomy = buildAnatomy(scenario, createRng(seed));
const patient = drawPatientRotation(createRng(seed));
const segments = spineSegments(anatomy);
const target = anatomy.vertebrae[anatomy.targetIndex];
const N = 256;
const SIZE = 2 * N;

const lowestRib = segments.filter((s) => s.ribs).at(-1);
const firstSacral = segments.find((s) => s.sacral);
const views: [string, number][] = [
  ['level-rib.png', (lowestRib?.centreY ?? 0) - target.centre.y],
  ['level-sacrum.png', (firstSacral?.topY ?? 0) - target.centre.y],
  ['level-target.png', 0],
];
const mark = skinMarkShape({ x: 0, y: target.centre.y, z: skinZAt(anatomy, 0) });
for (const [name, pan] of views) {
  const t0 = performance.now();
  const pose = makePose('AP', patient.rollDeg, patient.pitchDeg, patient, pannedIsocentre(anatomy, pan));
  const { grey } = renderStill(
    anatomy,
    { anteriorMm: 0, middleMm: 0 },
    pose,
    name === 'level-target.png' ? [mark] : [],
    {
      mapPx: N,
      displayPx: SIZE,
      detectorSizeMm: DETECTOR_DIAMETER_MM,
      collimation: DEFAULT_COLLIMATION,
      noiseSigma: 0.045 * relativeNoise('pulsed7.5'),
      uniform: Math.random,
    },
  );
  const file = join(outDir, name);
  writeFileSync(file, encodeGreyPng(grey, SIZE, SIZE));
  console.log(`${name}: pan ${pan.toFixed(0)} mm, ${(performance.now() - t0).toFixed(0)} ms -> ${file}`);
}
console.log(
  `segmentation ${segmentationOf(anatomy)}; modelled ${anatomy.vertebrae.map((v) => v.level).join(' ')}; lowest rib ${lowestRib?.level}; first sacral ${firstSacral?.level}`,
);
