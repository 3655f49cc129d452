import { CODE, IMAGING_CODE, TISSUES } from './tissueCodes';
import { compileAnatomy, ENDPLATE_CORTEX_MM, POSTERIOR_CORTEX_MM, type CompiledVertebra } from './compileAnatomy';
import { inferiorYAt, superiorYAt } from './endplateProfile';
import { footprintSignedDistance } from './footprint';
import { FRACTURE_DETAIL, fractureDetailCode, inHole } from './fractureDetail';
import { classifyTrunk } from './thorax';
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
 * The one classifier behind tissueAt, attenuationAt, the fast attenuation field and the trocar:
 * tissue codes only (the imaging codes of fractured bone read as cancellous).
 */
export function createTissueClassifier(anatomy: Anatomy, lift?: EndplateLift): TissueClassifier {
  const classify = createImagingClassifier(anatomy, lift);
  const n = TISSUES.length;
  return (x, y, z) => {
    const code = classify(x, y, z);
    return code < n ? code : CODE.cancellous;
  };
}

/**
 * The classifier with imaging codes (IMAGING_CODE: fracture gap, impaction band, lytic tissue,
 * subchondral and wall-rim bands).
 * Precedence: air outside the torso; skin; subcutaneous fat; bone (pedicle core, body, posterior
 * elements); disc, canal, foramen; ribs, lung and bowel gas; muscle for everything else.
 */
export function createImagingClassifier(anatomy: Anatomy, lift?: EndplateLift): TissueClassifier {
  const A = compileAnatomy(anatomy, lift);
  const verts = A.verts;
  const n = verts.length;
  const { torsoA, torsoB, torsoZc, skinMm, spineMaxX, spineMinZ, spineMaxZ, spineMinY, spineMaxY, trunk } = A;
  const fatEndMm = A.skinMm + A.fatMm;
  return (x, y, z) => {
    const tx = x / torsoA;
    const tz = (z - torsoZc) / torsoB;
    const r2 = tx * tx + tz * tz;
    if (r2 >= 1) return CODE.air;
    const r = Math.sqrt(r2);
    const gx = tx / torsoA;
    const gz = tz / torsoB;
    const depthMm = ((1 - r) * r) / Math.sqrt(gx * gx + gz * gz);
    if (depthMm < skinMm) return CODE.skin;
    if (depthMm < fatEndMm) return CODE.fat;
    if (Math.abs(x) <= spineMaxX && z >= spineMinZ && z <= spineMaxZ && y >= spineMinY && y <= spineMaxY) {
      for (let i = 0; i < n; i++) {
        const cv = verts[i];
        if (y < cv.boneYMin || y > cv.boneYMax) continue;
        const code = bone(cv, x, y, z);
        if (code !== NONE) return code;
      }
      for (let i = 0; i < n; i++) {
        const cv = verts[i];
        if (y < cv.slabBottom || y >= cv.slabTop) continue;
        const code = softSpinal(cv, verts[i - 1], verts[i + 1], x, y, z);
        if (code !== NONE) return code;
        break;
      }
    }
    return classifyTrunk(trunk, x, y, z);
  };
}

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
    const sup = superiorYAt(cv.ep, lx, lz);
    const inf = inferiorYAt(cv.ep, lx, lz);
    if (y >= inf && y <= sup) {
      const d = cv.detail;
      if (d !== null) {
        const code = fractureDetailCode(d, x, y, z, sup);
        if (code !== NONE) return code;
      }
      if (dSide > -cv.c || y - inf < ENDPLATE_CORTEX_MM || sup - y < ENDPLATE_CORTEX_MM) {
        return d !== null && inHole(d.holes, x, y, z) ? CODE.cancellous : CODE.cortical;
      }
      if (d !== null && sup - y < ENDPLATE_CORTEX_MM + FRACTURE_DETAIL.impactionBandMm) return IMAGING_CODE.impacted;
      if (y - inf < SUBCHONDRAL_END_MM || sup - y < SUBCHONDRAL_END_MM) return IMAGING_CODE.subchondral;
      if (dSide > -cv.c - WALL_RIM_MM) return IMAGING_CODE.wallRim;
      return CODE.cancellous;
    }
  }
  if (lz < cv.b * 0.5 || z > cv.spinousTipZ || Math.abs(lx) > cv.tpHalfSpan) return NONE;
  return posteriorElements(cv, Math.abs(lx), y, z, p.endX, p.a);
}

function posteriorElements(cv: CompiledVertebra, ax: number, y: number, z: number, endX: number, pa: number): number {
  const py = cv.pedY;
  const ph = cv.pedHalfH;
  const zEnd = cv.zEnd;
  let code = box(ax, -1, cv.laminaHalfX, y, py - ph - 8, py + ph + 1, z, zEnd, cv.laminaZ);
  if (code !== NONE) return code;
  // Articular pillar (facets) over the medial half of the pedicle's end.
  code = box(ax, endX - pa - 3, endX, y, py - ph - 6, py + ph + 5, z, zEnd - 3, zEnd + 8);
  if (code !== NONE) return code;
  // Transverse process: elliptic section (8 x 5 mm), narrowing to a rounded tip over its last 6 mm.
  const x0 = endX + pa - 1;
  if (ax >= x0 && ax <= cv.tpHalfSpan) {
    const tip = Math.min(1, (cv.tpHalfSpan - ax) / 6);
    const k = Math.sqrt(tip * (2 - tip));
    const u = (y - py) / (4 * k + 0.5);
    const w = (z - (zEnd - 2.5)) / (2.5 * k + 0.5);
    const r2 = u * u + w * w;
    if (r2 <= 1) return r2 > (1 - POSTERIOR_CORTEX_MM / 3) ** 2 ? CODE.cortical : CODE.cancellous;
  }
  // Spinous process: elliptic section, 5 mm wide at the lamina widening to 7 mm at the tip, sloping caudally.
  if (ax <= 3.5 && z >= cv.laminaZ - 2 && z <= cv.spinousTipZ) {
    const yc = py - 2 - cv.spinousSlope * Math.max(0, z - cv.laminaZ);
    const hw = 2.5 + (z - cv.laminaZ) / (cv.spinousTipZ - cv.laminaZ);
    const u = ax / hw;
    const w = (y - yc) / cv.spinousHalfH;
    const r2 = u * u + w * w;
    if (r2 <= 1) {
      const ui = ax / (hw - POSTERIOR_CORTEX_MM);
      const wi = (y - yc) / (cv.spinousHalfH - POSTERIOR_CORTEX_MM);
      return ui * ui + wi * wi > 1 ? CODE.cortical : CODE.cancellous;
    }
  }
  return NONE;
}

/** Bone box with a cortical shell; NONE outside. */
function box(x: number, x0: number, x1: number, y: number, y0: number, y1: number, z: number, z0: number, z1: number): number {
  if (x < x0 || x > x1 || y < y0 || y > y1 || z < z0 || z > z1) return NONE;
  const d = Math.min(x1 - x, y - y0, y1 - y, z - z0, z1 - z, x0 < 0 ? Infinity : x - x0);
  return d < POSTERIOR_CORTEX_MM ? CODE.cortical : CODE.cancellous;
}



function softSpinal(
  cv: CompiledVertebra,
  above: CompiledVertebra | undefined,
  below: CompiledVertebra | undefined,
  x: number,
  y: number,
  z: number,
): number {
  const lx = x - cv.cx;
  const lz = z - cv.cz;
  const inside = footprintSignedDistance(lx, lz, cv.a, cv.b) <= 0;
  if (y > superiorYAt(cv.ep, lx, lz)) {
    const inNeighbour = above !== undefined && footprintSignedDistance(x - above.cx, z - above.cz, above.a, above.b) <= 0;
    const ceiling = above ? inferiorYAt(above.ep, x - above.cx, z - above.cz) : cv.discAboveTop;
    if ((inside || inNeighbour) && y < ceiling) return CODE.disc;
  } else if (y < inferiorYAt(cv.ep, lx, lz)) {
    const inNeighbour = below !== undefined && footprintSignedDistance(x - below.cx, z - below.cz, below.a, below.b) <= 0;
    const floor = below ? superiorYAt(below.ep, x - below.cx, z - below.cz) : cv.discBelowBottom;
    if ((inside || inNeighbour) && y > floor) return CODE.disc;
  }
  const ax = Math.abs(lx);
  if (lz > cv.b * 0.8 && z < cv.zEnd && ax < cv.canalHalfX) return CODE.canal;
  // The foramen lies between the pedicles of neighbouring levels, not beside a pedicle.
  const besidePedicle = Math.abs(y - cv.pedY) <= cv.pedHalfH;
  if (!besidePedicle && lz > cv.b * 0.6 && z < cv.zEnd && ax >= cv.canalHalfX && ax <= cv.foramenMaxX) return CODE.foramen;
  return NONE;
}


