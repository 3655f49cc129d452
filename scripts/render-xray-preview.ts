/**
 * Render the AP and lateral C-arm images of a scenario with the pure parts of the X-ray renderer
 * (no browser) and write them as PNGs, to look at the imaging model:
 *
 *   npx tsx scripts/render-xray-preview.ts [levels/<scenario>.json] [seed] [outDir]
 *
 * Both views are corrected for the seeded patient rotation. A trocar is placed along the left pedicle axis, tip 5 mm past the posterior wall. Writes
 * <outDir>/xray-ap.png and <outDir>/xray-lat.png (default /tmp), 512 px (2x upsampled).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../levels/scenarioSchema';
import { buildAnatomy } from '../sim/anatomy';
import { DETECTOR_DIAMETER_MM, drawPatientRotation, makePose, targetIsocentre } from '../sim/imaging';
import { DEFAULT_COLLIMATION } from '../sim/imaging';
import { relativeNoise } from '../sim/imaging';
import { createRng } from '../sim/math';
import { add, normalize, scale, sub } from '../sim/math';
import { GAUGE_OD_MM, MU_PER_MM, SHAFT_LENGTH_MM, type RadiopaqueShape } from '../sim/imaging';
import { renderStill } from '../sim/imaging';
import { encodeGreyPng } from './pngEncode';

const [scenarioPath = 'levels/l1-osteoporotic-wedge.json', seedArg = '1', outDir = '/tmp'] = process.argv.slice(2);
const N = 256;
const scenario = parseScenario(JSON.parse(readFileSync(scenarioPath, 'utf8')), scenarioPath);
const seed = Number(seedArg);
const anatomy = buildAnatomy(scenario, createRng(seed));
const lift = { anteriorMm: 0, middleMm: 0 };
const patient = drawPatientRotation(createRng(seed));

// A plausible transpedicular trocar: along the left pedicle axis, 5 mm past the posterior wall, 5 deg caudal.
const target = anatomy.vertebrae[anatomy.targetIndex];
const pedicle = target.pedicles.find((p) => p.side === 'left') ?? target.pedicles[0];
const axis = normalize(add(normalize(sub(pedicle.anteriorCentre, pedicle.posteriorCentre)), { x: 0, y: -0.09, z: 0 }));
const tip = add(pedicle.anteriorCentre, scale(axis, 5));
const trocar: RadiopaqueShape = {
  kind: 'capsule',
  a: sub(tip, scale(axis, SHAFT_LENGTH_MM)),
  b: tip,
  radiusMm: GAUGE_OD_MM[scenario.equipment.trocarGauge] / 2,
  innerRadiusMm: 0,
  muPerMm: MU_PER_MM.steel,
};

const mode = 'pulsed7.5' as const;
const SIZE = 2 * N;

for (const view of ['AP', 'lateral'] as const) {
  const t0 = performance.now();
  // Corrected to the true view (orbit = roll; tilt = pitch on AP, list on lateral), as a trainee would.
  const tilt = view === 'AP' ? patient.pitchDeg : patient.listDeg;
  const pose = makePose(view, patient.rollDeg, tilt, patient, targetIsocentre(anatomy));
  // The browser's pipeline on the CPU: projection, frame map with the trocar, noise, developValue at 512 px.
  const { grey, projection: sp } = renderStill(anatomy, lift, pose, [trocar], {
    mapPx: N,
    displayPx: SIZE,
    detectorSizeMm: DETECTOR_DIAMETER_MM,
    collimation: DEFAULT_COLLIMATION,
    noiseSigma: 0.045 * relativeNoise(mode),
    uniform: Math.random,
  });
  const file = join(outDir, view === 'AP' ? 'xray-ap.png' : 'xray-lat.png');
  writeFileSync(file, encodeGreyPng(grey, SIZE, SIZE));
  console.log(
    `${view}: rendered in ${(performance.now() - t0).toFixed(0)} ms; window ${sp.window.lo.toFixed(2)}-${sp.window.hi.toFixed(2)}; centre integral ${sp.centreIntegral.toFixed(2)} -> ${file}`,
  );
}
console.log(
  `patient rotation roll ${patient.rollDeg.toFixed(1)} pitch ${patient.pitchDeg.toFixed(1)} list ${patient.listDeg.toFixed(1)} deg`,
);
