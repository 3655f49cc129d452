import { CODE } from './tissueCodes';
import { FULL_ORDER, levelPosition, levelPositions } from './levelPositions';
import { bearsRibs, segmentationOf } from './segmentation';
import { HABITUS } from './habitus';
import { compileGas, inGas, type CompiledGas } from './bowelGas';
import type { Anatomy, VertebraGeometry } from './types';
import { transverseAxisZ } from './posteriorElements';

/**
 * Ribs, lungs, diaphragm, mediastinum and gas below the diaphragm: everything in the trunk that
 * is not the spine, compiled once into numbers (README.md, Thorax and abdomen). All shapes and
 * sizes are assumed from general radiographic anatomy (no figure in docs/clinical-sources.md).
 */

/** Rib: neck tube radius, radial thickness and half-height of the shaft, drop toward the front (assumed). */
export const RIB = { neckRadiusMm: 4, shaftThicknessMm: 6, shaftHalfHeightMm: 5.5, dropMm: 30 };
/** Hemithorax: ellipse centre offset from the midline, apex behind the pedicle ends, chest wall inside the fat (assumed). */
const HEMITHORAX = { centreXMm: 55, apexBehindPedicleMm: 10, wallMm: 12 };
/**
 * Diaphragm (assumed, end-expiration): each dome a paraboloid peaking 60 mm from the midline in the
 * front half of the chest; the right dome at the T9/T10 disc, the left ~15 mm lower (liver under the
 * right); both fall to the top of L1 at the back (posterior costophrenic recess).
 */
export const DIAPHRAGM = {
  domeXMm: 60,
  domeHalfWidthMm: 75,
  domeInFrontOfBodyMm: 50,
  leftLowerMm: 15,
  frontFallShare: 0.4,
};
/** Mediastinum (assumed): heart ellipsoid from T6 down, great vessels outside it; descending aorta left of the body. */
/**
 * Psoas (assumed): its lateral margin leaves the T12 body 2 mm out and runs caudally and laterally
 * (0.3 mm per mm), outlined by a 6 mm layer of retroperitoneal fat from the body's front to 80 %
 * of its depth behind the centre: the diverging psoas lines of an abdominal AP film.
 */
export const PSOAS = { offsetMm: 2, slope: 0.3, fatMm: 6, backShare: 0.8 };
export const MEDIASTINUM = {
  heartXMm: 15,
  heartInFrontMm: 75,
  heartHalfDepthMm: 55,
  heartHalfWidthMm: 62,
  vesselsHalfWidthMm: 24,
  aortaRadiusMm: 12,
};

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

/**
 * Rib necks as flat numbers, NECK_STRIDE per rib, in rib order: the rib's gate (yMin, yMax,
 * neckXMin, as CompiledRib), then per segment (head -> tubercle, tubercle -> angle) its start p,
 * its vector d = q - p, |d|^2 and the bounding box of the segment grown by the neck's radius
 * (plus 1e-6 mm): a point outside that box is surely more than a radius from the segment, so the
 * distance (and its square root) is computed only inside it. Same arithmetic as the path form.
 */
export const NECK_SEG = 13;
/** The rib neck's radius, mm (classifierGrid.ts marks the cells near each neck). */
export const NECK_RADIUS_MM = RIB.neckRadiusMm;
export const NECK_STRIDE = 3 + 2 * NECK_SEG;
const NECK_BOX_MARGIN_MM = 1e-6;

export interface CompiledTrunk {
  readonly cx: number;
  readonly a: number;
  readonly b: number;
  readonly zc: number;
  readonly bandInner: number;
  readonly lungInner: number;
  readonly shaftHalfH: number;
  readonly dropMm: number;
  readonly ribs: readonly CompiledRib[];
  /** The ribs' necks, flat (NECK_STRIDE numbers per rib). */
  readonly necks: Float64Array;
  /** Per rib, flat: tubercle y and cos of the largest arc angle (the shaft test). */
  readonly shafts: Float64Array;
  readonly ribYMin: number;
  readonly ribYMax: number;
  /** Most anterior z of any rib neck (quick rejection). */
  readonly neckZMin: number;
  /** Diaphragm: dome apex y per side (left, right), dome centre z, 1/half-width^2, 1/depth^2 behind / in front, fall to L1. */
  readonly domeLeftY: number;
  readonly domeRightY: number;
  readonly domeZ: number;
  readonly domeKx: number;
  readonly domeKzBack: number;
  readonly domeKzFront: number;
  readonly domeFallMm: number;
  readonly lungYMin: number;
  /** Spine exclusion ellipse (half-width, centre z, half-depth). */
  readonly spineA: number;
  readonly spineZ: number;
  readonly spineB: number;
  readonly heartX: number;
  readonly heartZ: number;
  readonly heartB: number;
  readonly heartCentreY: number;
  readonly heartHalfHeightMm: number;
  readonly aortaX: number;
  readonly aortaZ: number;
  readonly aortaYMin: number;
  readonly gas: CompiledGas;
  /** Psoas fat line: y range (T12 bottom to S1 top), x at the top, z range. */
  readonly psoasTopY: number;
  readonly psoasBottomY: number;
  readonly psoasX0: number;
  readonly psoasZMin: number;
  readonly psoasZMax: number;
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
  // Rib n on the nth rib-bearing level: T1-T12, or T1-T11 (11 pairs), or T1-L1 (13 pairs; segmentation.ts).
  const variant = segmentationOf(anatomy);
  const ribLevels = FULL_ORDER.filter((level) => bearsRibs(level, variant));
  for (let n = 1; n <= ribLevels.length; n++) {
    const p = levelPosition(pos, ribLevels[n - 1]);
    const rib = compileRib(n, p.centreY, p.heightMm, p.nearest, cx, apexZ);
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
    cx,
    a,
    b,
    zc,
    bandInner: 1 - RIB.shaftThicknessMm / b,
    lungInner: 1 - (RIB.shaftThicknessMm + 3) / b,
    shaftHalfH: RIB.shaftHalfHeightMm,
    dropMm: RIB.dropMm,
    ribs,
    necks: compileNecks(ribs),
    shafts: Float64Array.from(ribs.flatMap((r) => [r.y, r.arcCosMin])),
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
    aortaX: (target.bodyWidthMm / 2) * 0.6 + 6,
    aortaZ: (-target.bodyDepthMm / 2) * 0.5,
    aortaYMin: l1Top,
    gas: compileGas(anatomy.bowelGas ?? []),
    psoasTopY: t12.centreY - t12.heightMm / 2,
    psoasBottomY: s1.centreY + s1.heightMm / 2,
    psoasX0: target.bodyWidthMm / 2 + PSOAS.offsetMm,
    psoasZMin: -target.bodyDepthMm / 2,
    psoasZMax: (PSOAS.backShare * target.bodyDepthMm) / 2,
  };
}

/**
 * Rib n: the head on the costovertebral joint (the disc above its vertebra for ribs 2-9, its own
 * body for 1 and 10-12), the neck to the tubercle on the transverse process, the angle behind the
 * lung, then the shaft round the hemithorax, dropping toward the front (floating 11 and 12 short).
 */
function compileRib(
  n: number,
  centreY: number,
  heightMm: number,
  v: VertebraGeometry,
  cx: number,
  apexZ: number,
): CompiledRib {
  const dy = centreY - v.centre.y;
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const span = v.transverseProcessSpanMm / 2;
  const pedY = v.pedicles[0].anteriorCentre.y + dy;
  const headY = n === 1 || n >= 10 ? centreY + heightMm / 2 - 4 : centreY + heightMm / 2 + 2.5;
  // A 13th (lumbar) rib is a short stub (assumed).
  const arcDeg = n >= 13 ? 40 : n === 12 ? 60 : n === 11 ? 110 : 170;
  const arcCosMin = Math.cos((arcDeg * Math.PI) / 180);
  const y = pedY - 1;
  return {
    y,
    yMin: y - RIB.dropMm * (1 - arcCosMin) - RIB.shaftHalfHeightMm - 1,
    yMax: Math.max(headY, pedY) + RIB.neckRadiusMm + 1,
    path: [
      [0.85 * a, headY, 0.5 * b],
      [0.95 * span, pedY, transverseAxisZ(v, 0.95 * span)],
      [cx, y, apexZ - RIB.shaftThicknessMm / 2],
    ],
    arcCosMin,
    neckXMin: 0.85 * a - RIB.neckRadiusMm,
  };
}

function compileNecks(ribs: readonly CompiledRib[]): Float64Array {
  const out = new Float64Array(ribs.length * NECK_STRIDE);
  const r = RIB.neckRadiusMm + NECK_BOX_MARGIN_MM;
  ribs.forEach((rib, i) => {
    const o = i * NECK_STRIDE;
    out[o] = rib.yMin;
    out[o + 1] = rib.yMax;
    out[o + 2] = rib.neckXMin;
    for (let k = 0; k < 2; k++) {
      const p = rib.path[k];
      const q = rib.path[k + 1];
      const dx = q[0] - p[0];
      const dy = q[1] - p[1];
      const dz = q[2] - p[2];
      out.set([p[0], p[1], p[2], dx, dy, dz, dx * dx + dy * dy + dz * dz], o + 3 + k * NECK_SEG);
      out.set(
        [
          Math.min(p[0], q[0]) - r,
          Math.max(p[0], q[0]) + r,
          Math.min(p[1], q[1]) - r,
          Math.max(p[1], q[1]) + r,
          Math.min(p[2], q[2]) - r,
          Math.max(p[2], q[2]) + r,
        ],
        o + 10 + k * NECK_SEG,
      );
    }
  });
  return out;
}

/** Bits of the trunk's tests, for the classifier's grid (classifierGrid.ts). */
export const TRUNK_FLAG = { ribNeck: 1 << 9, ribShaft: 1 << 10, lung: 1 << 11, gas: 1 << 12, psoas: 1 << 13 } as const;

/**
 * Tissue code of a trunk point outside the spine: rib, lung, gas in the bowel, else muscle. Cheap
 * rejections first: this runs for most samples of an image. `flags` (TRUNK_FLAG bits, from
 * classifierGrid.ts) names the tests that can succeed at this point; the others are skipped (all
 * bits set: every test runs). Allocation-free apart from V8 boxing the float arguments of calls it does not inline.
 */
export function classifyTrunk(T: CompiledTrunk, x: number, y: number, z: number, flags: number): number {
  const ax = Math.abs(x);
  const ex = (ax - T.cx) / T.a;
  const ez = (z - T.zc) / T.b;
  const r2 = ex * ex + ez * ez;
  if ((flags & (TRUNK_FLAG.ribNeck | TRUNK_FLAG.ribShaft)) !== 0 && y >= T.ribYMin && y <= T.ribYMax) {
    if ((flags & TRUNK_FLAG.ribNeck) !== 0 && z >= T.neckZMin && ax <= T.cx + RIB.neckRadiusMm) {
      const code = ribNeck(T.necks, ax, y, z);
      if (code !== NO_RIB) return code;
    }
    if ((flags & TRUNK_FLAG.ribShaft) !== 0 && r2 <= 1 && r2 >= T.bandInner * T.bandInner && ex >= 0) {
      const rho = Math.sqrt(r2);
      const cosPhi = ez / rho;
      const sh = T.shafts;
      for (let i = 0; i < sh.length; i += 2) {
        if (cosPhi < sh[i + 1]) continue;
        const d = Math.abs(y - (sh[i] - T.dropMm * (1 - cosPhi)));
        if (d > T.shaftHalfH) continue;
        const shell = d > T.shaftHalfH - 1 || rho > 1 - 1 / T.b || rho < T.bandInner + 1 / T.b;
        return shell ? CODE.cortical : CODE.cancellous;
      }
    }
  }
  if ((flags & TRUNK_FLAG.lung) !== 0 && y > T.lungYMin && r2 < T.lungInner * T.lungInner && isLung(T, x, ax, y, z))
    return CODE.lung;
  if ((flags & TRUNK_FLAG.gas) !== 0 && inGas(T.gas, x, y, z) && diaphragmSide(T, x, ax, y, z, 5) < 0)
    return CODE.bowelGas;
  if (
    (flags & TRUNK_FLAG.psoas) !== 0 &&
    y < T.psoasTopY &&
    y > T.psoasBottomY &&
    z >= T.psoasZMin &&
    z <= T.psoasZMax
  ) {
    const edge = T.psoasX0 + PSOAS.slope * (T.psoasTopY - y);
    if (ax >= edge && ax <= edge + PSOAS.fatMm) return CODE.fat;
  }
  return CODE.muscle;
}

const NO_RIB = -1;

/** The first rib (in rib order) whose neck holds (ax, y, z): cortical in its outer 1 mm, else cancellous; NO_RIB when none. */
function ribNeck(N: Float64Array, ax: number, y: number, z: number): number {
  for (let o = 0; o < N.length; o += NECK_STRIDE) {
    if (y < N[o] || y > N[o + 1] || ax < N[o + 2]) continue;
    for (let s = o + 3; s < o + 3 + 2 * NECK_SEG; s += NECK_SEG) {
      if (ax < N[s + 7] || ax > N[s + 8] || y < N[s + 9] || y > N[s + 10] || z < N[s + 11] || z > N[s + 12]) continue;
      // segmentDistance, term for term.
      const px = N[s];
      const py = N[s + 1];
      const pz = N[s + 2];
      const dx = N[s + 3];
      const dy = N[s + 4];
      const dz = N[s + 5];
      const t = Math.max(0, Math.min(1, ((ax - px) * dx + (y - py) * dy + (z - pz) * dz) / N[s + 6]));
      const ex = ax - px - t * dx;
      const ey = y - py - t * dy;
      const ez = z - pz - t * dz;
      const d2 = ex * ex + ey * ey + ez * ez;
      // sqrt(d2) > radius for sure past this (the exact test below decides the rest).
      if (d2 > RIB.neckRadiusMm * RIB.neckRadiusMm + 1e-6) continue;
      const d = Math.sqrt(d2);
      if (d <= RIB.neckRadiusMm) return d > RIB.neckRadiusMm - 1 ? CODE.cortical : CODE.cancellous;
    }
  }
  return NO_RIB;
}

/** Diaphragm height at (x, z): the dome of that side, a paraboloid falling to the top of L1 at the back. */
export function diaphragmY(T: CompiledTrunk, x: number, ax: number, z: number): number {
  const dx = ax - DIAPHRAGM.domeXMm;
  const dz = z - T.domeZ;
  const k = dx * dx * T.domeKx + dz * dz * (dz > 0 ? T.domeKzBack : T.domeKzFront);
  return x >= 0 ? T.domeLeftY - (T.domeFallMm - DIAPHRAGM.leftLowerMm) * k : T.domeRightY - T.domeFallMm * k;
}

/** Sign of y - (diaphragmY(T, x, ax, z) - marginMm): -1 below, 0 on, 1 above (an integer, so no float crosses a call). */
function diaphragmSide(T: CompiledTrunk, x: number, ax: number, y: number, z: number, marginMm: number): number {
  const dx = ax - DIAPHRAGM.domeXMm;
  const dz = z - T.domeZ;
  const k = dx * dx * T.domeKx + dz * dz * (dz > 0 ? T.domeKzBack : T.domeKzFront);
  const d =
    (x >= 0 ? T.domeLeftY - (T.domeFallMm - DIAPHRAGM.leftLowerMm) * k : T.domeRightY - T.domeFallMm * k) - marginMm;
  return y < d ? -1 : y > d ? 1 : 0;
}

function isLung(T: CompiledTrunk, x: number, ax: number, y: number, z: number): boolean {
  if (diaphragmSide(T, x, ax, y, z, 0) <= 0) return false;
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
