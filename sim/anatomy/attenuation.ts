import type { Vec3 } from '../math/vec3';
import { imagingClassifierFor } from './classifierCache';
import { PRIOR_CEMENT_FILL } from './priorCement';
import { GRID_ALL, GRID_ALL_LUNG, gridFlags } from './classifierGrid';
import { imagingClassifierParts } from './tissueClassifier';
import { CODE, IMAGING_CODE, IMAGING_CODE_COUNT, TISSUES } from './tissueCodes';
import { type TrabecularPattern, trabecularDeltaMu, trabecularPattern } from './trabecularTexture';
import type { Anatomy, EndplateLift, Tissue } from './types';

/**
 * Linear attenuation coefficients, 1/mm, at an effective photon energy of ~60 keV: mass
 * attenuation coefficients from the NIST X-ray tables (Hubbell & Seltzer; water 0.206, adipose
 * ~0.198, skeletal muscle ~0.205, cortical bone (ICRU-44) ~0.315 cm^2/g at 60 keV) times density
 * (water 1.0, fat 0.95, muscle 1.05, cortical bone 1.92, inflated lung ~0.26 g/cm^3), rounded.
 * Disc, canal (CSF) and foramen (fat around the root) are assumed water-, water- and fat-like.
 */
export const MU_PER_MM: Readonly<Record<Tissue, number>> = {
  air: 0,
  skin: 0.021,
  fat: 0.0188,
  muscle: 0.0215,
  cortical: 0.0604,
  // Placeholder for the table's completeness: cancellous depends on density, see cancellousMuPerMm.
  cancellous: 0.028,
  disc: 0.021,
  canal: 0.0206,
  foramen: 0.0195,
  lung: 0.0054,
  bowelGas: 0,
};

/** Marrow (red/yellow mix, between water and fat) and healthy trabecular bone volume fraction (assumed). */
const MARROW_MU_PER_MM = 0.02;
const HEALTHY_BONE_VOLUME_FRACTION = 0.2;

/**
 * Cancellous bone as a mixture of marrow and bone tissue: mu = mu_marrow + BV/TV * (mu_cortical -
 * mu_marrow), with BV/TV = 0.2 x relative density (assumed). Healthy ~0.028/mm, T = -3.2 ~0.023/mm.
 */
export function cancellousMuPerMm(cancellousDensity: number): number {
  return MARROW_MU_PER_MM + HEALTHY_BONE_VOLUME_FRACTION * cancellousDensity * (MU_PER_MM.cortical - MARROW_MU_PER_MM);
}

/**
 * Fractured bone (fractureDetail.ts): the gap of a fracture line holds haematoma and marrow
 * (between water and fat, 0.0195/mm, assumed); the impaction band has twice the bone volume
 * fraction of the patient's cancellous bone; lytic tumour tissue is soft tissue (muscle-like).
 */
const FRACTURE_GAP_MU_PER_MM = 0.0195;
const IMPACTION_DENSITY_FACTOR = 2;
/**
 * Imaging-only bands (assumed factors on the bone volume fraction): subchondral bone under the
 * endplates is denser than the mid-body trabeculae, and the trabeculae just inside the side wall
 * thicken the wall line seen edge-on.
 */
const SUBCHONDRAL_DENSITY_FACTOR = 3;
/**
 * PMMA bone cement with ~30 % BaSO4 by weight (docs/clinical-sources.md, ~0.28 g Ba/cm3), 1/mm at the
 * ~50-60 keV mean energy of an 80-100 kVp beam (NIST, approximate): the cement this procedure injects
 * (sim/imaging/radiograph/radiopaqueShapes.ts) and an earlier level's set cement, which replaces
 * PRIOR_CEMENT_FILL of that body's marrow (priorCement.ts).
 */
export const CEMENT_MU_PER_MM = 0.26;
const WALL_RIM_DENSITY_FACTOR = 3;
/**
 * The condensed trabeculae of the side wall's shell under its 0.3 mm cortex (tissueClassifier.ts):
 * four times the patient's bone volume fraction (0.8 healthy, ~0.3 at T = -3.2; assumed), so the
 * shell thins on the image as the bone does.
 */
const SUBCORTICAL_DENSITY_FACTOR = 4;

/** Coefficient per imaging code for one anatomy (cancellous set by its density). */
export function muTable(anatomy: Anatomy): Float64Array {
  const table = new Float64Array(IMAGING_CODE_COUNT);
  TISSUES.forEach((t, i) => {
    table[i] = MU_PER_MM[t];
  });
  table[CODE.cancellous] = cancellousMuPerMm(anatomy.cancellousDensity);
  table[IMAGING_CODE.fractureGap] = FRACTURE_GAP_MU_PER_MM;
  table[IMAGING_CODE.impacted] = cancellousMuPerMm(IMPACTION_DENSITY_FACTOR * anatomy.cancellousDensity);
  table[IMAGING_CODE.lytic] = MU_PER_MM.muscle;
  table[IMAGING_CODE.subchondral] = cancellousMuPerMm(SUBCHONDRAL_DENSITY_FACTOR * anatomy.cancellousDensity);
  table[IMAGING_CODE.wallRim] = cancellousMuPerMm(WALL_RIM_DENSITY_FACTOR * anatomy.cancellousDensity);
  table[IMAGING_CODE.subcorticalShell] = cancellousMuPerMm(SUBCORTICAL_DENSITY_FACTOR * anatomy.cancellousDensity);
  table[IMAGING_CODE.priorCement] = table[CODE.cancellous] + PRIOR_CEMENT_FILL * (CEMENT_MU_PER_MM - MARROW_MU_PER_MM);
  return table;
}

/** Constants of the trabecular texture for one anatomy (trabecularTexture.ts). */
interface Texture {
  readonly table: Float64Array;
  readonly pattern: TrabecularPattern;
}

function makeTexture(anatomy: Anatomy): Texture {
  const table = muTable(anatomy);
  return { table, pattern: trabecularPattern(anatomy.cancellousDensity, table[CODE.cancellous]) };
}

/** Attenuation of an imaging code at a point: cancellous bone carries the trabecular texture. */
function textured(t: Texture, code: number, x: number, y: number, z: number): number {
  if (code !== CODE.cancellous) return t.table[code];
  return t.table[code] + trabecularDeltaMu(t.pattern, x, y, z);
}

const textures = new WeakMap<Anatomy, Texture>();

/** Linear attenuation coefficient (1/mm) at a point; for many samples use createAttenuationField. */
export function attenuationAt(anatomy: Anatomy, p: Vec3, lift?: EndplateLift): number {
  let texture = textures.get(anatomy);
  if (!texture) {
    texture = makeTexture(anatomy);
    textures.set(anatomy, texture);
  }
  return textured(texture, imagingClassifierFor(anatomy, lift)(p.x, p.y, p.z), p.x, p.y, p.z);
}

/**
 * An attenuation field that can also sum its samples along a ray segment itself: sumSamples adds
 * field(o + t_k d) for t_k = a + (k + phase) h, k = 0 .. count-1, in that order, so the sum is the
 * same to the bit as calling the field per sample (lineIntegralMap.ts uses it when present).
 */
export interface SampledAttenuationField {
  (x: number, y: number, z: number): number;
  sumSamples(
    ox: number,
    oy: number,
    oz: number,
    dx: number,
    dy: number,
    dz: number,
    a: number,
    h: number,
    count: number,
    phase: number,
  ): number;
}

/**
 * Allocation-free attenuation field (1/mm) for the renderer's line integrals; constants precomputed.
 * Its sumSamples answers the commonest samples inline, without calling the classifier: air outside
 * the torso, skin and subcutaneous fat, muscle where the classifier's grid (classifierGrid.ts)
 * rules every other test out and lung where it proves every point lung, all with the classifier's
 * own arithmetic, so every sample gets the classifier's code (and no float crosses a call for
 * them, which V8 would box).
 */
export function createAttenuationField(anatomy: Anatomy, lift?: EndplateLift): SampledAttenuationField {
  const { classify, classifyInside, shortcuts } = imagingClassifierParts(anatomy, lift, true);
  const { table, pattern } = makeTexture(anatomy);
  const cancellous = table[CODE.cancellous];
  // Same arithmetic as textured(), inlined: this runs per ray sample.
  const field = (x: number, y: number, z: number): number => {
    const code = classify(x, y, z);
    if (code !== CODE.cancellous) return table[code];
    return cancellous + trabecularDeltaMu(pattern, x, y, z);
  };
  const { torsoA, torsoB, torsoZc, deepR2, skinMm, fatEndMm, grid } = shortcuts;
  const muscle = table[CODE.muscle];
  const skin = table[CODE.skin];
  const fat = table[CODE.fat];
  const lung = table[CODE.lung];
  const sumSamples = (
    ox: number,
    oy: number,
    oz: number,
    dx: number,
    dy: number,
    dz: number,
    a: number,
    h: number,
    count: number,
    phase: number,
  ): number => {
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const t = a + (k + phase) * h;
      const x = ox + dx * t;
      const y = oy + dy * t;
      const z = oz + dz * t;
      // The classifier's first tests, term for term (tissueClassifier.ts).
      const tx = x / torsoA;
      const tz = (z - torsoZc) / torsoB;
      const r2 = tx * tx + tz * tz;
      // Air: mu 0, adding it changes nothing.
      if (r2 >= 1) continue;
      if (r2 > deepR2) {
        const r = Math.sqrt(r2);
        const gx = tx / torsoA;
        const gz = tz / torsoB;
        const depthMm = ((1 - r) * r) / Math.sqrt(gx * gx + gz * gz);
        if (depthMm < skinMm) {
          sum += skin;
          continue;
        }
        if (depthMm < fatEndMm) {
          sum += fat;
          continue;
        }
      }
      const flags = grid === null ? GRID_ALL : gridFlags(grid, x, y, z);
      if (flags === 0) {
        sum += muscle;
        continue;
      }
      if (flags === GRID_ALL_LUNG) {
        sum += lung;
        continue;
      }
      const code = classifyInside(x, y, z, flags);
      sum += code !== CODE.cancellous ? table[code] : cancellous + trabecularDeltaMu(pattern, x, y, z);
    }
    return sum;
  };
  return Object.assign(field, { sumSamples });
}
