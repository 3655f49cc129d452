import { CODE } from './tissueCodes';
import { levelPosition, levelPositions } from './levelPositions';
import { HABITUS } from './habitus';
import { compileGas, inGas, type CompiledGas } from './bowelGas';
import type { Anatomy, VertebraGeometry } from './types';

/**
 * Ribs, lungs, diaphragm, mediastinum and gas below the diaphragm: everything in the trunk that
 * is not the spine, compiled once into numbers (README.md, Thorax and abdomen). All shapes and
 * sizes are assumed from general radiographic anatomy (no figure in clinical-reference.md).
 */

/** Rib: neck tube radius, radial thickness and half-height of the shaft, drop toward the front (assumed). */
const RIB = { neckRadiusMm: 4, shaftThicknessMm: 6, shaftHalfHeightMm: 5.5, dropMm: 30 };
/** Hemithorax: ellipse centre offset from the midline, apex behind the pedicle ends, chest wall inside the fat (assumed). */
const HEMITHORAX = { centreXMm: 55, apexBehindPedicleMm: 10, wallMm: 12 };
/**
 * Diaphragm (assumed, end-expiration): each dome a paraboloid peaking 60 mm from the midline in the
 * front half of the chest; the right dome at the T9/T10 disc, the left ~15 mm lower (liver under the
 * right); both fall to the top of L1 at the back (posterior costophrenic recess).
 */
const DIAPHRAGM = { domeXMm: 60, domeHalfWidthMm: 75, domeInFrontOfBodyMm: 50, leftLowerMm: 15, frontFallShare: 0.4 };
/** Mediastinum (assumed): heart ellipsoid from T6 down, great vessels outside it; descending aorta left of the body. */
/**
 * Psoas (assumed): its lateral margin leaves the T12 body 2 mm out and runs caudally and laterally
 * (0.3 mm per mm), outlined by a 6 mm layer of retroperitoneal fat from the body's front to 80 %
 * of its depth behind the centre: the diverging psoas lines of an abdominal AP film.
 */
const PSOAS = { offsetMm: 2, slope: 0.3, fatMm: 6, backShare: 0.8 };
const MEDIASTINUM = { heartXMm: 15, heartInFrontMm: 75, heartHalfDepthMm: 55, heartHalfWidthMm: 62, vesselsHalfWidthMm: 24, aortaRadiusMm: 12 };

export interface CompiledRib {
  /** Tubercle height: the shaft starts here and drops going round. */
  readonly y: number;
  readonly yMin: number;
  readonly yMax: number;
  /** Neck: head -> tubercle -> angle, as two segments (s = +1 coordinates, mirrored by |x|). */
  readonly path: readonly [number, number, number][];
  /** cos of the largest arc angle from the apex (shorter floating ribs). */
  readonly arcCosMin: number;
  /** Smallest |x| of the neck (quick rejection). */
  readonly neckXMin: number;
}

export interface CompiledTrunk {
  readonly cx: number; readonly a: number; readonly b: number; readonly zc: number;
  readonly bandInner: number; readonly lungInner: number; readonly shaftHalfH: number; readonly dropMm: number;
  readonly ribs: readonly CompiledRib[];
  readonly ribYMin: number; readonly ribYMax: number;
  /** Most anterior z of any rib neck (quick rejection). */
  readonly neckZMin: number;
  /** Diaphragm: dome apex y per side (left, right), dome centre z, 1/half-width^2, 1/depth^2 behind / in front, fall to L1. */
  readonly domeLeftY: number; readonly domeRightY: number; readonly domeZ: number;
  readonly domeKx: number; readonly domeKzBack: number; readonly domeKzFront: number; readonly domeFallMm: number;
  readonly lungYMin: number;
  /** Spine exclusion ellipse (half-width, centre z, half-depth). */
  readonly spineA: number; readonly spineZ: number; readonly spineB: number;
  readonly heartX: number; readonly heartZ: number; readonly heartB: number; readonly heartCentreY: number; readonly heartHalfHeightMm: number;
  readonly aortaX: number; readonly aortaZ: number; readonly aortaYMin: number;
  readonly gas: CompiledGas;
  /** Psoas fat line: y range (T12 bottom to S1 top), x at the top, z range. */
  readonly psoasTopY: number; readonly psoasBottomY: number; readonly psoasX0: number;
  readonly psoasZMin: number; readonly psoasZMax: number;
}

/** Compile the trunk around the spine: ribs for every thoracic level near the modelled ones, lungs, diaphragm, gas. */
export function compileTrunk(anatomy: Anatomy): CompiledTrunk {
  const vs = anatomy.vertebrae;
  const target = vs[anatomy.targetIndex];
  const zEndOf = (v: VertebraGeometry) => Math.max(v.pedicles[0].posteriorCentre.z, v.pedicles[1].posteriorCentre.z);
  const targetZEnd = zEndOf(target);
  const h = HABITUS[anatomy.scenario.patient.habitus];
  const torsoZc = anatomy.skinZMm - h.torsoHalfDepthMm;
  const wall = h.skinMm + h.subcutaneousFatMm + HEMITHORAX.wallMm;
  const cx = HEMITHORAX.centreXMm;
  const a = h.torsoHalfWidthMm - wall - cx;
  const apexZ = targetZEnd + HEMITHORAX.apexBehindPedicleMm;
  const b = (apexZ - (torsoZc - h.torsoHalfDepthMm + wall)) / 2;
  const zc = apexZ - b;

  const pos = levelPositions(vs);
  const spineTop = vs[0].centre.y + vs[0].intactHeightMm / 2;
  const spineBottom = vs[vs.length - 1].centre.y - vs[vs.length - 1].intactHeightMm / 2;
  const ribs: CompiledRib[] = [];
  for (let n = 1; n <= 12; n++) {
    const p = levelPosition(pos, `T${n}`);
    const rib = compileRib(n, p.centreY, p.heightMm, p.nearest, cx, apexZ, zEndOf(p.nearest));
    if (rib.yMax > spineBottom - 40 && rib.yMin < spineTop + 40) ribs.push(rib);
  }

  const t10 = levelPosition(pos, 'T10');
  const l1 = levelPosition(pos, 'L1');
  const domeRightY = t10.centreY + t10.heightMm / 2 + 3;
  const l1Top = l1.centreY + l1.heightMm / 2;
  const domeZ = -target.bodyDepthMm / 2 - DIAPHRAGM.domeInFrontOfBodyMm;
  const t6 = levelPosition(pos, 'T6');
  const t11 = levelPosition(pos, 'T11');
  const t12 = levelPosition(pos, 'T12');
  const s1 = levelPosition(pos, 'S1');
  return {
    cx, a, b, zc,
    bandInner: 1 - RIB.shaftThicknessMm / b,
    lungInner: 1 - (RIB.shaftThicknessMm + 3) / b,
    shaftHalfH: RIB.shaftHalfHeightMm,
    dropMm: RIB.dropMm,
    ribs,
    ribYMin: Math.min(Infinity, ...ribs.map((r) => r.yMin)),
    ribYMax: Math.max(-Infinity, ...ribs.map((r) => r.yMax)),
    neckZMin: Math.min(Infinity, ...ribs.map((r) => Math.min(...r.path.map((p) => p[2])))) - RIB.neckRadiusMm,
    domeLeftY: domeRightY - DIAPHRAGM.leftLowerMm,
    domeRightY,
    domeZ,
    domeKx: 1 / DIAPHRAGM.domeHalfWidthMm ** 2,
    domeKzBack: 1 / (apexZ - domeZ) ** 2,
    // The front of the dome falls less (attached at the xiphoid and costal margin, ~T9-T10; assumed 40 %).
    domeKzFront: DIAPHRAGM.frontFallShare / (domeZ - (zc - b)) ** 2,
    domeFallMm: domeRightY - l1Top,
    lungYMin: l1Top - DIAPHRAGM.leftLowerMm,
    spineA: target.bodyWidthMm / 2 + 4,
    spineZ: 4,
    spineB: target.bodyDepthMm / 2 + 20,
    heartX: MEDIASTINUM.heartXMm,
    heartZ: -target.bodyDepthMm / 2 - MEDIASTINUM.heartInFrontMm,
    heartB: MEDIASTINUM.heartHalfDepthMm,
    heartCentreY: (t6.centreY + t11.centreY) / 2,
    heartHalfHeightMm: (t6.centreY - t11.centreY) / 2 + 10,
    aortaX: target.bodyWidthMm / 2 * 0.6 + 6,
    aortaZ: -target.bodyDepthMm / 2 * 0.5,
    aortaYMin: l1Top,
    gas: compileGas(anatomy.bowelGas ?? []),
    psoasTopY: t12.centreY - t12.heightMm / 2,
    psoasBottomY: s1.centreY + s1.heightMm / 2,
    psoasX0: target.bodyWidthMm / 2 + PSOAS.offsetMm,
    psoasZMin: -target.bodyDepthMm / 2,
    psoasZMax: PSOAS.backShare * target.bodyDepthMm / 2,
  };
}

/**
 * Rib n: the head on the costovertebral joint (the disc above its vertebra for ribs 2-9, its own
 * body for 1 and 10-12), the neck to the tubercle on the transverse process, the angle behind the
 * lung, then the shaft round the hemithorax, dropping toward the front (floating 11 and 12 short).
 */
function compileRib(n: number, centreY: number, heightMm: number, v: VertebraGeometry, cx: number, apexZ: number, zEnd: number): CompiledRib {
  const dy = centreY - v.centre.y;
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const span = v.transverseProcessSpanMm / 2;
  const pedY = v.pedicles[0].anteriorCentre.y + dy;
  const headY = n === 1 || n >= 10 ? centreY + heightMm / 2 - 4 : centreY + heightMm / 2 + 2.5;
  const arcDeg = n === 12 ? 60 : n === 11 ? 110 : 170;
  const arcCosMin = Math.cos((arcDeg * Math.PI) / 180);
  const y = pedY - 1;
  return {
    y,
    yMin: y - RIB.dropMm * (1 - arcCosMin) - RIB.shaftHalfHeightMm - 1,
    yMax: Math.max(headY, pedY) + RIB.neckRadiusMm + 1,
    path: [
      [0.85 * a, headY, 0.5 * b],
      [0.95 * span, pedY, zEnd - 2.5],
      [cx, y, apexZ - RIB.shaftThicknessMm / 2],
    ],
    arcCosMin,
    neckXMin: 0.85 * a - RIB.neckRadiusMm,
  };
}

/** Tissue code of a trunk point outside the spine: rib, lung, gas in the bowel, else muscle. Cheap rejections first: this runs for most samples of an image. */
export function classifyTrunk(T: CompiledTrunk, x: number, y: number, z: number): number {
  const ax = Math.abs(x);
  const ex = (ax - T.cx) / T.a;
  const ez = (z - T.zc) / T.b;
  const r2 = ex * ex + ez * ez;
  if (y >= T.ribYMin && y <= T.ribYMax) {
    const ribs = T.ribs;
    if (z >= T.neckZMin && ax <= T.cx + RIB.neckRadiusMm) {
      for (let i = 0; i < ribs.length; i++) {
        const rib = ribs[i];
        if (y < rib.yMin || y > rib.yMax || ax < rib.neckXMin) continue;
        for (let k = 0; k + 1 < rib.path.length; k++) {
          const d = segmentDistance(ax, y, z, rib.path[k], rib.path[k + 1]);
          if (d <= RIB.neckRadiusMm) return d > RIB.neckRadiusMm - 1 ? CODE.cortical : CODE.cancellous;
        }
      }
    }
    if (r2 <= 1 && r2 >= T.bandInner * T.bandInner && ex >= 0) {
      const rho = Math.sqrt(r2);
      const cosPhi = ez / rho;
      for (let i = 0; i < ribs.length; i++) {
        const rib = ribs[i];
        if (cosPhi < rib.arcCosMin) continue;
        const d = Math.abs(y - (rib.y - T.dropMm * (1 - cosPhi)));
        if (d > T.shaftHalfH) continue;
        const shell = d > T.shaftHalfH - 1 || rho > 1 - 1 / T.b || rho < T.bandInner + 1 / T.b;
        return shell ? CODE.cortical : CODE.cancellous;
      }
    }
  }
  if (y > T.lungYMin && r2 < T.lungInner * T.lungInner && isLung(T, x, ax, y, z)) return CODE.lung;
  if (inGas(T.gas, x, y, z) && y < diaphragmY(T, x, ax, z) - 5) return CODE.bowelGas;
  if (y < T.psoasTopY && y > T.psoasBottomY && z >= T.psoasZMin && z <= T.psoasZMax) {
    const edge = T.psoasX0 + PSOAS.slope * (T.psoasTopY - y);
    if (ax >= edge && ax <= edge + PSOAS.fatMm) return CODE.fat;
  }
  return CODE.muscle;
}

/** Diaphragm height at (x, z): the dome of that side, a paraboloid falling to the top of L1 at the back. */
export function diaphragmY(T: CompiledTrunk, x: number, ax: number, z: number): number {
  const dx = ax - DIAPHRAGM.domeXMm;
  const dz = z - T.domeZ;
  const k = dx * dx * T.domeKx + dz * dz * (dz > 0 ? T.domeKzBack : T.domeKzFront);
  return x >= 0 ? T.domeLeftY - (T.domeFallMm - DIAPHRAGM.leftLowerMm) * k : T.domeRightY - T.domeFallMm * k;
}

function isLung(T: CompiledTrunk, x: number, ax: number, y: number, z: number): boolean {
  if (y <= diaphragmY(T, x, ax, z)) return false;
  const sx = ax / T.spineA;
  const sz = (z - T.spineZ) / T.spineB;
  if (sx * sx + sz * sz <= 1) return false;
  // The heart: an ellipsoid from T6 to the diaphragm, left of the midline; the great vessels above and below it.
  const hy = (y - T.heartCentreY) / T.heartHalfHeightMm;
  const heart = hy * hy < 1 ? Math.sqrt(1 - hy * hy) : 0;
  const hw = Math.max(MEDIASTINUM.vesselsHalfWidthMm, MEDIASTINUM.heartHalfWidthMm * heart);
  const hx = (x - T.heartX * heart) / hw;
  const hz = (z - T.heartZ) / T.heartB;
  if (hx * hx + hz * hz <= 1) return false;
  if (y > T.aortaYMin) {
    const dx = x - T.aortaX;
    const dz = z - T.aortaZ;
    if (dx * dx + dz * dz <= MEDIASTINUM.aortaRadiusMm ** 2) return false;
  }
  return true;
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
