// Print the radiographic landmark figures of docs/fluoroscopy.md as a markdown table, measured on
// noise-free renders of the true and the mis-set views (tests/unit/fluoroLandmarkFigures.ts; the
// thresholds are asserted by tests/unit/fluoroLandmarks.test.ts). Usage:
//   npx tsx scripts/fluoro-landmarks.ts [level ...]      (default T12 L4)
import type { LevelName } from '../levels/scenarioSchema';
import { levelFigures } from '../tests/unit/fluoroLandmarkFigures';
import { landmarkTable } from '../tests/unit/fluoroLandmarkTable';

const levels = (process.argv.length > 2 ? process.argv.slice(2) : ['T12', 'L4']) as LevelName[];
console.log(landmarkTable(levels.map((l) => levelFigures(l))));
