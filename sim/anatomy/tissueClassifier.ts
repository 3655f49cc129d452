import { CODE } from './tissueCodes';
import { compileAnatomy, ENDPLATE_CORTEX_MM, POSTERIOR_CORTEX_MM, type CompiledAnatomy, type CompiledVertebra } from './compileAnatomy';
import { inferiorYAt, superiorYAt } from './endplateProfile';
import { footprintSignedDistance } from './footprint';
import type { Anatomy, EndplateLift } from './types';

/** Maps a point (patient frame, mm) to a tissue code (index into TISSUES). Allocation-free. */
export type TissueClassifier = (x: number, y: number, z: number) => number;

const NONE = -1;

/**
 * The one classifier behind tissueAt, attenuationAt, the fast attenuation field and the trocar.
 * Precedence: air outside the torso; skin; subcutaneous fat; bone (pedicle core, body, posterior
 * elements); disc, canal, foramen; ribs and lung; muscle for everything else inside the torso.
 */
export function createTissueClassifier(anatomy: Anatomy, lift?: EndplateLift): TissueClassifier {
  const A = compileAnatomy(anatomy, lift);
  const verts = A.verts;
  const n = verts.length;
  const { torsoA, torsoB, torsoZc, skinMm, spineMaxX, spineMinZ, spineMaxZ, spineMinY, spineMaxY } = A;
  const fatEndMm = A.skinMm + A.fatMm;
  const hasThorax = A.thorax !== null;
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
    if (hasThorax) return thorax(A, x, y, z);
    return CODE.muscle;
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
      if (cv.holes.length > 0 && inCleft(cv, x, y, z)) return CODE.air;
      if (dSide > -cv.c || y - inf < ENDPLATE_CORTEX_MM || sup - y < ENDPLATE_CORTEX_MM) {
        return cv.holes.length > 0 && inHole(cv, x, y, z) ? CODE.cancellous : CODE.cortical;
      }
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
  code = box(ax, endX + pa - 1, cv.tpHalfSpan, y, py - 4, py + 4, z, zEnd - 5, zEnd);
  if (code !== NONE) return code;
  if (ax <= 2.5 && z >= cv.laminaZ - 2 && z <= cv.spinousTipZ) {
    const yc = py - 2 - cv.spinousSlope * Math.max(0, z - cv.laminaZ);
    const dy = Math.abs(y - yc);
    if (dy <= cv.spinousHalfH) {
      return ax > 2.5 - POSTERIOR_CORTEX_MM || dy > cv.spinousHalfH - POSTERIOR_CORTEX_MM ? CODE.cortical : CODE.cancellous;
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

function inCleft(cv: CompiledVertebra, x: number, y: number, z: number): boolean {
  for (let i = 0; i < cv.holes.length; i++) {
    const o = cv.holes[i];
    if (o.kind !== 'cleft') continue;
    const r = o.diameterMm / 2;
    const u = (x - o.position.x) / r;
    const v = (y - o.position.y) / (r / 2);
    const w = (z - o.position.z) / r;
    if (u * u + v * v + w * w <= 1) return true;
  }
  return false;
}

/** An opening punches through the shell: the cortex is missing within its radius. */
function inHole(cv: CompiledVertebra, x: number, y: number, z: number): boolean {
  for (let i = 0; i < cv.holes.length; i++) {
    const o = cv.holes[i];
    if (o.kind === 'cleft') continue;
    const r = o.diameterMm / 2;
    const dx = x - o.position.x;
    const dz = z - o.position.z;
    if (o.kind === 'endplateCrack') {
      if (dx * dx + dz * dz <= r * r && y > o.position.y - 3) return true;
    } else {
      const dy = y - o.position.y;
      if (dx * dx + dy * dy + dz * dz <= r * r) return true;
    }
  }
  return false;
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

function thorax(A: CompiledAnatomy, x: number, y: number, z: number): number {
  const th = A.thorax!;
  const ax = Math.abs(x);
  const ribs = th.ribs;
  for (let i = 0; i < ribs.length; i++) {
    const rib = ribs[i];
    if (Math.abs(y - rib.y) > 14) continue;
    for (let k = 0; k + 1 < rib.path.length; k++) {
      const d = segmentDistance(ax, y, z, rib.path[k], rib.path[k + 1]);
      if (d <= 4) return d > 3 ? CODE.cortical : CODE.cancellous;
    }
  }
  const ex = (ax - th.cx) / th.a;
  const ez = (z - th.zc) / th.b;
  const rho = Math.sqrt(ex * ex + ez * ez);
  if (rho <= 1 && rho >= th.bandInner && ex >= 0) {
    const cosPhi = ez / rho;
    for (let i = 0; i < ribs.length; i++) {
      const rib = ribs[i];
      if (cosPhi < rib.arcCosMin) continue;
      const dy = Math.abs(y - (rib.y - th.dropMm * (1 - cosPhi)));
      if (dy > th.shaftHalfH) continue;
      const shell = dy > th.shaftHalfH - 1 || rho > 1 - 1 / th.b || rho < th.bandInner + 1 / th.b;
      return shell ? CODE.cortical : CODE.cancellous;
    }
  }
  if (rho < th.lungInner && ax > th.lungMinX && z < th.lungMaxZ && y > th.diaphragmY && !(ax < 40 && z < th.mediastinumZ)) {
    return CODE.lung;
  }
  return CODE.muscle;
}

function segmentDistance(x: number, y: number, z: number, p: readonly number[], q: readonly number[]): number {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const dz = q[2] - p[2];
  const l2 = dx * dx + dy * dy + dz * dz;
  const t = Math.max(0, Math.min(1, ((x - p[0]) * dx + (y - p[1]) * dy + (z - p[2]) * dz) / l2));
  const ex = x - p[0] - t * dx;
  const ey = y - p[1] - t * dy;
  const ez = z - p[2] - t * dz;
  return Math.sqrt(ex * ex + ey * ey + ez * ez);
}
