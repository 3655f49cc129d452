import type { Scenario } from '../../levels/scenarioSchema';
import type { Rng } from '../math/rng';
import { makeEndplateProfile, superiorYAt } from './endplateProfile';
import { footprintRimPoint } from './footprint';
import type { BoneChannel, BoneChannels, Opening, VertebraGeometry } from './types';

/** Probability of at least one hairline fissure by Genant grade (assumed; grade 3 crushes are nearly always cracked). */
const ENDPLATE_FISSURE_P: Readonly<Record<1 | 2 | 3, number>> = { 1: 0.35, 2: 0.5, 3: 0.7 };
const CORTEX_FISSURE_P: Readonly<Record<1 | 2 | 3, number>> = { 1: 0.2, 2: 0.3, 3: 0.45 };

/** Hidden channels of the target body for one patient. */
export function buildBoneChannels(
  v: VertebraGeometry,
  openings: readonly Opening[],
  fracture: Scenario['fracture'],
  rng: Rng,
): BoneChannels {
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const c = v.centre;
  const profile = makeEndplateProfile(v);
  const channels: BoneChannel[] = [];
  const veins = rng.fork('veins');
  openings.forEach((o, i) => {
    if (o.kind === 'basivertebralVein') {
      // Two or three branches fanning forwards from the ostium (assumed).
      const n = veins.next() < 0.5 ? 2 : 3;
      for (let k = 0; k < n; k++) {
        const angle = veins.range(-0.6, 0.6);
        const lengthMm = veins.range(4, 0.4 * b + 4);
        const dy = veins.range(-0.15, 0.15) * v.middleHeightMm;
        const end = {
          x: o.position.x + Math.sin(angle) * lengthMm,
          y: o.position.y + dy,
          z: o.position.z - Math.cos(angle) * lengthMm,
        };
        channels.push({
          kind: 'basivertebralVein',
          path: [end, o.position],
          widthMm: veins.range(0.6, 1.2),
          openingIndex: i,
        });
      }
    } else if (o.kind === 'lateralCortexDefect' || o.kind === 'posteriorWallDefect') {
      // A defect in a fractured wall is the end of a fracture line through the body (assumed 8-14 mm long).
      const lengthMm = veins.range(8, 14);
      const dx = c.x - o.position.x;
      const dz = c.z - o.position.z;
      const d = Math.hypot(dx, dz) || 1;
      const end = {
        x: o.position.x + (dx / d) * lengthMm,
        y: o.position.y + veins.range(-2, 2),
        z: o.position.z + (dz / d) * lengthMm,
      };
      channels.push({ kind: 'fractureLine', path: [end, o.position], widthMm: o.diameterMm / 3, openingIndex: i });
    } else if (o.kind === 'segmentalVein') {
      const lengthMm = veins.range(3, 10);
      const dx = c.x - o.position.x;
      const dz = c.z - o.position.z;
      const d = Math.hypot(dx, dz) || 1;
      const end = { x: o.position.x + (dx / d) * lengthMm, y: o.position.y, z: o.position.z + (dz / d) * lengthMm };
      channels.push({
        kind: 'segmentalVein',
        path: [end, o.position],
        widthMm: veins.range(0.5, 1.0),
        openingIndex: i,
      });
    }
  });
  const grade = fracture.genantGrade;
  const plate = rng.fork('endplateFissures');
  const plateCount = plate.next() < ENDPLATE_FISSURE_P[grade] ? (plate.next() < 0.3 ? 2 : 1) : 0;
  for (let k = 0; k < plateCount; k++) {
    // Where the endplate is most depressed: the central and anterior part (assumed).
    const lx = plate.range(-0.4, 0.4) * a;
    const lz = plate.range(-0.6, 0.2) * b;
    const top = { x: c.x + lx, y: superiorYAt(profile, lx, lz), z: c.z + lz };
    const depthMm = plate.range(4, 10);
    const deep = { x: top.x + plate.range(-3, 3), y: top.y - depthMm, z: top.z + plate.range(-3, 3) };
    channels.push({ kind: 'endplateFissure', path: [deep, top], widthMm: plate.range(0.3, 0.9), openingIndex: null });
  }
  const wall = rng.fork('cortexFissures');
  const wallCount = wall.next() < CORTEX_FISSURE_P[grade] ? (wall.next() < 0.3 ? 2 : 1) : 0;
  for (let k = 0; k < wallCount; k++) {
    // Anterior half of the rim (theta 3pi/2 is straight ahead), upper two thirds of the fractured height.
    const theta = (3 * Math.PI) / 2 + wall.range(-1.0, 1.0);
    const rim = footprintRimPoint(theta, a, b);
    const y = c.y - v.intactHeightMm / 2 + v.anteriorHeightMm * wall.range(0.35, 0.85);
    const out = { x: c.x + rim.x, y, z: c.z + rim.z };
    const depthMm = wall.range(4, 10);
    const r = Math.hypot(rim.x, rim.z) || 1;
    const deep = { x: out.x - (rim.x / r) * depthMm, y: y + wall.range(-2, 2), z: out.z - (rim.z / r) * depthMm };
    channels.push({ kind: 'cortexFissure', path: [deep, out], widthMm: wall.range(0.3, 0.9), openingIndex: null });
  }
  return { channels, poreFieldSeed: Math.floor(rng.fork('poreField').next() * 2 ** 31) };
}
