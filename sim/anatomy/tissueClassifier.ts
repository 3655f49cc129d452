import { CODE, IMAGING_CODE, TISSUES } from './tissueCodes';
import { compileAnatomy, ENDPLATE_CORTEX_MM, type CompiledVertebra } from './compileAnatomy';
import { posteriorElements } from './posteriorElements';
import { wallInsetMm } from './bodyWaist';
import { endplatesInto } from './endplateProfile';
import { footprintSignedDistance } from './footprint';
import { FRACTURE_DETAIL, fractureDetailCode, inHole } from './fractureDetail';
import { classifyTrunk } from './thorax';
import { valueNoise3 } from './trabecularTexture';
import {
  classifierGridFor,
  type ClassifierGrid,
  GRID_ALL,
  GRID_BONE_BITS,
  GRID_FLAG,
  GRID_TRUNK,
  gridFlags,
} from './classifierGrid';
import type { Anatomy, EndplateLift } from './types';

/** Maps a point (patient frame, mm) to a tissue code (index into TISSUES). Allocation-free. */
export type TissueClassifier = (x: number, y: number, z: number) => number;

const NONE = -1;

/**
 * Imaging-only bands of denser trabeculae (assumed widths): subchondral bone 1.5 mm under each
 * endplate's cortex, and 1 mm inside the side wall's cortex (the wall line seen edge-on).
 */
const SUBCHONDRAL_END_MM = ENDPLATE_CORTEX_MM + 1.5;
const WALL_RIM_MM = 1;
/**
 * The vertebral body's cortical shell is thin: ~0.25-0.35 mm (thoracic 0.24, lumbar 0.29 mm; Silva
 * et al. 1994, Ritzel et al. 1997; docs/clinical-sources.md). The side wall's mechanical shell
 * (`cortexMm`, 1 mm, which the balloon, the cement outlets and the trocar's rim are calibrated on)
 * is that cortex plus the condensed trabeculae that carry load with it; tissueAt calls all of it
 * cortical, the image draws the outer 0.3 mm as compact bone and the rest as condensed trabeculae
 * (IMAGING_CODE.subcorticalShell).
 */
const SIDE_WALL_CORTEX_MM = 0.3;
/**
 * The ring apophysis: the endplate's cortex, 0.8 mm centrally, doubles over the outer 3 mm of its
 * rim, where the epiphyseal ring fuses (assumed figures; the ring's dense margin is what makes an
 * endplate read as one crisp line on a true view).
 */
const RING_APOPHYSIS_EXTRA_MM = 0.8;
const RING_APOPHYSIS_WIDTH_MM = 3;

/** Extra endplate cortex (mm) at signed distance dSide (<= 0) from the footprint's rim. */
function ringApophysisMm(dSide: number): number {
  const inside = -dSide;
  return inside >= RING_APOPHYSIS_WIDTH_MM ? 0 : RING_APOPHYSIS_EXTRA_MM * (1 - inside / RING_APOPHYSIS_WIDTH_MM);
}
/** How far an earlier level's cement edge wanders (share of the squared radius; assumed). */
const PRIOR_CEMENT_LOBES = 0.35;

/**
 * The one classifier behind tissueAt, attenuationAt, the fast attenuation field and the trocar:
 * tissue codes only (the imaging codes of fractured bone read as cancellous).
 */
export function createTissueClassifier(anatomy: Anatomy, lift?: EndplateLift): TissueClassifier {
  const classify = createImagingClassifier(anatomy, lift);
  const n = TISSUES.length;
  return (x, y, z) => {
    const code = classify(x, y, z);
    return code < n ? code : code === IMAGING_CODE.subcorticalShell ? CODE.cortical : CODE.cancellous;
  };
}

/**
 * The classifier with imaging codes (IMAGING_CODE: fracture gap, impaction band, lytic tissue,
 * subchondral and wall-rim bands).
 * Precedence: air outside the torso; skin; subcutaneous fat; bone (pedicle core, body, posterior
 * elements); disc, canal, foramen; ribs, lung and bowel gas; muscle for everything else.
 */
export function createImagingClassifier(anatomy: Anatomy, lift?: EndplateLift, accelerate = false): TissueClassifier {
  return imagingClassifierParts(anatomy, lift, accelerate).classify;
}

/**
 * What a ray sampler needs to answer the commonest points itself, as the classifier would
 * (attenuation.ts): outside the torso ellipse (r2 >= 1, computed as below) is air; skin and fat by
 * their depth where r2 > deepR2; past them, where the grid's flags are 0, the classifier says muscle.
 */
export interface ClassifierShortcuts {
  readonly torsoA: number;
  readonly torsoB: number;
  readonly torsoZc: number;
  readonly deepR2: number;
  readonly skinMm: number;
  readonly fatEndMm: number;
  readonly grid: ClassifierGrid | null;
}

/**
 * The imaging classifier and its shortcuts; `accelerate` builds the grid of classifierGrid.ts (same
 * codes, fewer tests). classifyInside(x, y, z, flags) is the classifier after its skin and fat
 * tests, for a caller that has made them (as the shortcuts say) and looked up the grid's flags.
 */
export function imagingClassifierParts(
  anatomy: Anatomy,
  lift: EndplateLift | undefined,
  accelerate: boolean,
): {
  classify: TissueClassifier;
  classifyInside: (x: number, y: number, z: number, flags: number) => number;
  shortcuts: ClassifierShortcuts;
} {
  const A = compileAnatomy(anatomy, lift);
  const verts = A.verts;
  const n = verts.length;
  // Neighbours by index, null past the ends (an out-of-range array read is a slow path in V8).
  const above = verts.map((_, i) => (i > 0 ? verts[i - 1] : null));
  const below = verts.map((_, i) => (i + 1 < n ? verts[i + 1] : null));
  const { torsoA, torsoB, torsoZc, skinMm, spineMaxX, spineMinZ, spineMaxZ, spineMinY, spineMaxY, trunk } = A;
  const fatEndMm = A.skinMm + A.fatMm;
  // The depth below is (1 - r) / sqrt(cos^2/a^2 + sin^2/b^2) >= (1 - r) min(a, b): inside this
  // radius (less a margin far above rounding) it is surely past the fat, so most points skip it.
  const deepR = 1 - (fatEndMm + 1e-6) / Math.min(torsoA, torsoB);
  const deepR2 = deepR > 0 ? deepR * deepR : -1;
  const grid = accelerate ? classifierGridFor(anatomy, A) : null;
  const classify: TissueClassifier = (x, y, z) => {
    const tx = x / torsoA;
    const tz = (z - torsoZc) / torsoB;
    const r2 = tx * tx + tz * tz;
    if (r2 >= 1) return CODE.air;
    if (r2 > deepR2) {
      const r = Math.sqrt(r2);
      const gx = tx / torsoA;
      const gz = tz / torsoB;
      const depthMm = ((1 - r) * r) / Math.sqrt(gx * gx + gz * gz);
      if (depthMm < skinMm) return CODE.skin;
      if (depthMm < fatEndMm) return CODE.fat;
    }
    return inside(x, y, z, grid === null ? GRID_ALL : gridFlags(grid, x, y, z));
  };
  /** The rest of the classifier, for a point inside the torso and past the fat, with its grid flags. */
  const inside = (x: number, y: number, z: number, flags: number): number => {
    if (
      (flags & (GRID_BONE_BITS | GRID_FLAG.soft)) !== 0 &&
      Math.abs(x) <= spineMaxX &&
      z >= spineMinZ &&
      z <= spineMaxZ &&
      y >= spineMinY &&
      y <= spineMaxY
    ) {
      for (let i = 0; i < n; i++) {
        if (((flags >> (i & 7)) & 1) === 0) continue;
        const cv = verts[i];
        if (y < cv.boneYMin || y > cv.boneYMax) continue;
        const code = bone(cv, x, y, z);
        if (code !== NONE) return code;
      }
      if ((flags & GRID_FLAG.soft) !== 0) {
        for (let i = 0; i < n; i++) {
          const cv = verts[i];
          if (y < cv.slabBottom || y >= cv.slabTop) continue;
          const code = softSpinal(cv, above[i], below[i], x, y, z);
          if (code !== NONE) return code;
          break;
        }
      }
    }
    if ((flags & GRID_TRUNK) === 0) return CODE.muscle;
    return classifyTrunk(trunk, x, y, z, flags);
  };
  return { classify, classifyInside: inside, shortcuts: { torsoA, torsoB, torsoZc, deepR2, skinMm, fatEndMm, grid } };
}

/** Scratch for endplatesInto: [superior y, inferior y] (module-level, so no allocation per call). */
const EP = new Float64Array(2);

function bone(cv: CompiledVertebra, x: number, y: number, z: number): number {
  const lx = x - cv.cx;
  const lz = z - cv.cz;
  const inBodyBox = Math.abs(lx) <= cv.a && lz >= -cv.b && lz <= cv.b && y >= cv.bodyYMin && y <= cv.bodyYMax;
  const dSide = inBodyBox ? footprintSignedDistance(lx, lz, cv.a, cv.b) : 1;
  const p = lx >= 0 ? cv.peds[0] : cv.peds[1];
  if (lz >= cv.pedZMin && z <= cv.zEnd + 1 && Math.abs(y - p.y) <= p.b) {
    const dx = x - p.ax;
    const dz = z - p.az;
    const t = dx * p.ux + dz * p.uz;
    if (t >= -4 && t <= p.len) {
      const w = dx * p.nx + dz * p.nz;
      const vv = y - p.y;
      const wo = w / p.a;
      const vo = vv / p.b;
      if (wo * wo + vo * vo <= 1) {
        const wi = w / (p.a - p.c);
        const vi = vv / (p.b - p.c);
        // The pedicle's core runs into the body's cancellous bone: no cortex between them.
        if (wi * wi + vi * vi <= 1 && t <= p.len - p.c) return CODE.cancellous;
        if (t >= 0 || dSide > -cv.c) return CODE.cortical;
      }
    }
  }
  if (dSide <= 0) {
    endplatesInto(cv.ep, lx, lz, dSide, EP);
    const sup = EP[0];
    const inf = EP[1];
    // The waist (bodyWaist.ts): the anterior and lateral walls lie inside the rim between the endplates.
    const dWall =
      y >= inf && y <= sup
        ? dSide + wallInsetMm(y, cv.ep.cy, cv.ep.halfHeightMm, lx, lz, cv.concaveHalfWidth, cv.b)
        : 1;
    if (dWall <= 0) {
      const d = cv.detail;
      if (d !== null) {
        const code = fractureDetailCode(d, x, y, z, sup);
        if (code !== NONE) return code;
      }
      // The endplate's cortex thickens toward its rim (the ring apophysis).
      const endCortex = ENDPLATE_CORTEX_MM + ringApophysisMm(dSide);
      if (dWall > -cv.c || y - inf < endCortex || sup - y < endCortex) {
        if (d !== null && inHole(d.holes, x, y, z)) return CODE.cancellous;
        // The side wall's mechanical shell (cv.c) is a thin cortex over condensed subcortical trabeculae.
        return dWall > -SIDE_WALL_CORTEX_MM || y - inf < endCortex || sup - y < endCortex
          ? CODE.cortical
          : IMAGING_CODE.subcorticalShell;
      }
      const pc = cv.priorCement;
      if (pc !== null) {
        const ex = (x - pc.cx) * pc.ix;
        const ey = (y - pc.cy) * pc.iy;
        const ez = (z - pc.cz) * pc.iz;
        // Set cement interdigitates with the trabeculae: its edge is lobulated, not a smooth shell
        // (the boundary moves by up to PRIOR_CEMENT_LOBES of the radius over ~4 mm).
        const r2 = ex * ex + ey * ey + ez * ez;
        // The first test spares the noise where no lobe can reach.
        if (r2 <= 1 + PRIOR_CEMENT_LOBES && r2 <= 1 + PRIOR_CEMENT_LOBES * valueNoise3(x * 0.25, y * 0.25, z * 0.25))
          return IMAGING_CODE.priorCement;
      }
      if (d !== null && sup - y < ENDPLATE_CORTEX_MM + FRACTURE_DETAIL.impactionBandMm) return IMAGING_CODE.impacted;
      if (y - inf < SUBCHONDRAL_END_MM || sup - y < SUBCHONDRAL_END_MM) return IMAGING_CODE.subchondral;
      if (dWall > -cv.c - WALL_RIM_MM) return IMAGING_CODE.wallRim;
      return CODE.cancellous;
    }
  }
  if (lz < cv.b * 0.5 || z > cv.spinousTipZ || Math.abs(lx) > cv.tpHalfSpan) return NONE;
  return posteriorElements(cv.post, Math.abs(lx), y, z);
}

/** Beyond rounding: a footprint's signed distance is <= 0 only inside its box (|lx| <= a, |lz| <= b). */
const BOX_MARGIN_MM = 1e-6;

function softSpinal(
  cv: CompiledVertebra,
  above: CompiledVertebra | null,
  below: CompiledVertebra | null,
  x: number,
  y: number,
  z: number,
): number {
  const lx = x - cv.cx;
  const lz = z - cv.cz;
  const ax = Math.abs(lx);
  // A disc needs the point inside this body's footprint or a neighbour's: outside all their boxes, skip the surfaces.
  if (
    (ax <= cv.a + BOX_MARGIN_MM && Math.abs(lz) <= cv.b + BOX_MARGIN_MM) ||
    (above !== null &&
      Math.abs(x - above.cx) <= above.a + BOX_MARGIN_MM &&
      Math.abs(z - above.cz) <= above.b + BOX_MARGIN_MM) ||
    (below !== null &&
      Math.abs(x - below.cx) <= below.a + BOX_MARGIN_MM &&
      Math.abs(z - below.cz) <= below.b + BOX_MARGIN_MM)
  ) {
    const code = disc(cv, above, below, x, y, z, lx, lz);
    if (code !== NONE) return code;
  }
  if (lz > cv.b * 0.8 && z < cv.zEnd && ax < cv.canalHalfX) return CODE.canal;
  // The foramen lies between the pedicles of neighbouring levels, not beside a pedicle.
  const besidePedicle = Math.abs(y - cv.pedY) <= cv.pedHalfH;
  if (!besidePedicle && lz > cv.b * 0.6 && z < cv.zEnd && ax >= cv.canalHalfX && ax <= cv.foramenMaxX)
    return CODE.foramen;
  return NONE;
}

/** Disc above or below this body, between its endplate and the neighbour's, inside either footprint; NONE elsewhere. */
function disc(
  cv: CompiledVertebra,
  above: CompiledVertebra | null,
  below: CompiledVertebra | null,
  x: number,
  y: number,
  z: number,
  lx: number,
  lz: number,
): number {
  const dSide = footprintSignedDistance(lx, lz, cv.a, cv.b);
  const inside = dSide <= 0;
  endplatesInto(cv.ep, lx, lz, dSide, EP);
  if (y > EP[0]) {
    if (above === null) return inside && y < cv.discAboveTop ? CODE.disc : NONE;
    const nx = x - above.cx;
    const nz = z - above.cz;
    const nd = footprintSignedDistance(nx, nz, above.a, above.b);
    if (!inside && nd > 0) return NONE;
    endplatesInto(above.ep, nx, nz, nd, EP);
    return y < EP[1] ? CODE.disc : NONE;
  }
  if (y < EP[1]) {
    if (below === null) return inside && y > cv.discBelowBottom ? CODE.disc : NONE;
    const nx = x - below.cx;
    const nz = z - below.cz;
    const nd = footprintSignedDistance(nx, nz, below.a, below.b);
    if (!inside && nd > 0) return NONE;
    endplatesInto(below.ep, nx, nz, nd, EP);
    return y > EP[0] ? CODE.disc : NONE;
  }
  return NONE;
}
