/**
 * Dev tool: single-thread cost of one static X-ray projection (256 px line-integral map, default
 * steps) in Node, for AP and lateral at L1 and T12 — the work one C-arm move asks of the worker
 * pool (src/render/projectionCache.ts). The attenuation field is built once per level (timed
 * apart, fieldMs) and reused, as the worker does (attenuationFieldFor). Prints the median and
 * minimum of `runs` timings per pose and a checksum of the map, so a speed-up that changes the
 * image shows as a changed checksum. The machine's load moves absolute figures a lot: compare
 * versions interleaved, or by their minimum.
 *
 *   npx tsx scripts/profile-projection.ts [runs=5]
 *   node --cpu-prof --import tsx scripts/profile-projection.ts 1   # CPU profile (*.cpuprofile)
 */
import { readFileSync } from 'node:fs';
import { parseScenario } from '../levels/scenarioSchema';
import { createAttenuationField } from '../sim/anatomy';
import { buildAnatomy } from '../sim/anatomy';
import { DETECTOR_DIAMETER_MM, drawPatientRotation, makePose, targetIsocentre } from '../sim/imaging';
import { createProjection } from '../sim/imaging';
import { createRng } from '../sim/math';
import { computeLineIntegralMap, DEFAULT_STEPS, samplingBoxes } from '../sim/imaging';

const runs = Number(process.argv[2] ?? 5);
const LEVELS = ['levels/l1-osteoporotic-wedge.json', 'levels/t12-biconcave-vertebroplasty.json'];

/** FNV-1a over the map's float bits: equal maps, equal checksums. */
function checksum(map: Float32Array): string {
  const bytes = new Uint8Array(map.buffer, map.byteOffset, map.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const rows: Record<string, unknown>[] = [];
for (const file of LEVELS) {
  const scenario = parseScenario(JSON.parse(readFileSync(file, 'utf8')), file);
  const anatomy = buildAnatomy(scenario, createRng(1));
  const patient = drawPatientRotation(createRng(1));
  const options = { sizePx: 256, ...samplingBoxes(anatomy), ...DEFAULT_STEPS };
  const t0 = performance.now();
  const field = createAttenuationField(anatomy);
  const fieldMs = Math.round(performance.now() - t0);
  for (const view of ['AP', 'lateral'] as const) {
    const pose = makePose(view, patient.rollDeg, 0, patient, targetIsocentre(anatomy));
    const projection = createProjection(pose, DETECTOR_DIAMETER_MM);
    const times: number[] = [];
    let map: Float32Array = new Float32Array(0);
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      map = computeLineIntegralMap(field, projection, options);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    rows.push({
      level: scenario.level,
      view,
      fieldMs,
      medianMs: Math.round(times[Math.floor(times.length / 2)]),
      minMs: Math.round(times[0]),
      checksum: checksum(map),
    });
  }
}
console.table(rows);
