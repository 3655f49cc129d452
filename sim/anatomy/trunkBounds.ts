import { DIAPHRAGM, MEDIASTINUM, PSOAS, type CompiledTrunk } from './thorax';

/**
 * Conservative bounds of the trunk's shapes over boxes of space, for the classifier's grid
 * (classifierGrid.ts): where the rib shafts and the psoas line can be, the lowest the lung can
 * reach over a column, and where a whole cell is surely lung. Each bound errs on the safe side
 * (with slack far above rounding), so the grid never skips a test that would succeed.
 */

/** Where the rib shafts and the psoas fat line can be (for classifierGrid.ts): y range of the shafts, the psoas line's inner edge at a height and its width. */
export function trunkBounds(T: CompiledTrunk): {
  shaftYMin: number;
  shaftYMax: number;
  psoasEdgeAt: (y: number) => number;
  psoasFatMm: number;
} {
  let shaftYMin = Infinity;
  let shaftYMax = -Infinity;
  for (let i = 0; i < T.shafts.length; i += 2) {
    shaftYMin = Math.min(shaftYMin, T.shafts[i] - T.dropMm * (1 - T.shafts[i + 1]) - T.shaftHalfH);
    shaftYMax = Math.max(shaftYMax, T.shafts[i] + T.shaftHalfH);
  }
  return {
    shaftYMin,
    shaftYMax,
    psoasEdgeAt: (y) => T.psoasX0 + PSOAS.slope * (T.psoasTopY - y),
    psoasFatMm: PSOAS.fatMm,
  };
}

/**
 * For classifierGrid.ts: a y below which no point of the column [xa, xb] x [za, zb] is lung (the
 * lowest the diaphragm gets over it, bounded from the paraboloids' largest k at the corners),
 * Infinity where the whole column is inside the paraspinal exclusion ellipse.
 */
export function lungFloorY(T: CompiledTrunk, xa: number, xb: number, za: number, zb: number): number {
  const axLo = xa <= 0 && xb >= 0 ? 0 : Math.min(Math.abs(xa), Math.abs(xb));
  const axHi = Math.max(Math.abs(xa), Math.abs(xb));
  const sz2 = Math.max(((za - T.spineZ) / T.spineB) ** 2, ((zb - T.spineZ) / T.spineB) ** 2);
  if ((axHi / T.spineA) ** 2 + sz2 <= 1 - 1e-9) return Infinity;
  const dz2k = (z: number) => {
    const dz = z - T.domeZ;
    return dz * dz * (dz > 0 ? T.domeKzBack : T.domeKzFront);
  };
  const kMax =
    Math.max((axLo - DIAPHRAGM.domeXMm) ** 2, (axHi - DIAPHRAGM.domeXMm) ** 2) * T.domeKx +
    Math.max(dz2k(za), dz2k(zb));
  const lowest = (top: number, fall: number) => Math.min(top, top - fall * kMax);
  let y = Infinity;
  if (xb >= 0) y = Math.min(y, lowest(T.domeLeftY, T.domeFallMm - DIAPHRAGM.leftLowerMm));
  if (xa < 0) y = Math.min(y, lowest(T.domeRightY, T.domeFallMm));
  return Math.max(y, T.lungYMin);
}

/**
 * For classifierGrid.ts: over the column [xa, xb] x [za, zb], the heights where every point
 * surely passes classifyTrunk's lung test (inside the lung ellipse, above the diaphragm, outside
 * the paraspinal ellipse, the heart and great vessels and the aorta), from bounds of each term:
 * `fromY` (above the diaphragm and lungYMin), `toY` (up to the aorta's top when the column may
 * touch it), and `clearOfHeart(ya, yb)` for the heart, which changes with height. null when no
 * height qualifies.
 */
export function surelyLungColumn(
  T: CompiledTrunk,
  xa: number,
  xb: number,
  za: number,
  zb: number,
): { fromY: number; toY: number; clearOfHeart: (ya: number, yb: number) => boolean } | null {
  const eps = 1e-9;
  const axLo = xa <= 0 && xb >= 0 ? 0 : Math.min(Math.abs(xa), Math.abs(xb));
  const axHi = Math.max(Math.abs(xa), Math.abs(xb));
  const ex = sqRange((axLo - T.cx) / T.a, (axHi - T.cx) / T.a);
  const ez = sqRange((za - T.zc) / T.b, (zb - T.zc) / T.b);
  if (!(ex.max + ez.max < T.lungInner * T.lungInner - eps)) return null;
  const sz = sqRange((za - T.spineZ) / T.spineB, (zb - T.spineZ) / T.spineB);
  if (!((axLo / T.spineA) ** 2 + sz.min > 1 + eps)) return null;
  // Above the diaphragm everywhere: the dome is highest where k is least.
  const dx = sqRange(axLo - DIAPHRAGM.domeXMm, axHi - DIAPHRAGM.domeXMm);
  const kz = (z: number) => (z - T.domeZ) ** 2 * (z - T.domeZ > 0 ? T.domeKzBack : T.domeKzFront);
  const kMin = dx.min * T.domeKx + (za <= T.domeZ && zb >= T.domeZ ? 0 : Math.min(kz(za), kz(zb)));
  const kMax = dx.max * T.domeKx + Math.max(kz(za), kz(zb));
  const highest = (top: number, fall: number) => Math.max(top - fall * kMin, top - fall * kMax);
  let dome = -Infinity;
  if (xb >= 0) dome = Math.max(dome, highest(T.domeLeftY, T.domeFallMm - DIAPHRAGM.leftLowerMm));
  if (xa < 0) dome = Math.max(dome, highest(T.domeRightY, T.domeFallMm));
  const adx = sqRange(xa - T.aortaX, xb - T.aortaX);
  const adz = sqRange(za - T.aortaZ, zb - T.aortaZ);
  const clearOfAorta = adx.min + adz.min > MEDIASTINUM.aortaRadiusMm ** 2 + 1e-6;
  const hz = sqRange((za - T.heartZ) / T.heartB, (zb - T.heartZ) / T.heartB).min;
  return {
    fromY: Math.max(T.lungYMin, dome + 1e-6),
    toY: clearOfAorta ? Infinity : T.aortaYMin,
    // Heart and great vessels: centre heartX h left, half-width max(vessels, heart h), h = sqrt(1 - hy^2) over [ya, yb].
    clearOfHeart: (ya, yb) => {
      const hy = sqRange((ya - T.heartCentreY) / T.heartHalfHeightMm, (yb - T.heartCentreY) / T.heartHalfHeightMm);
      const hMax = hy.min < 1 ? Math.sqrt(1 - hy.min) : 0;
      const hMin = hy.max < 1 ? Math.sqrt(1 - hy.max) : 0;
      const gap = Math.max(0, T.heartX * hMin - xb, xa - T.heartX * hMax);
      const hw = Math.max(MEDIASTINUM.vesselsHalfWidthMm, MEDIASTINUM.heartHalfWidthMm * hMax);
      return (gap / hw) ** 2 + hz > 1 + eps;
    },
  };
}

/** Smallest and largest v^2 for v in [lo, hi]. */
function sqRange(lo: number, hi: number): { min: number; max: number } {
  return { min: lo <= 0 && hi >= 0 ? 0 : Math.min(lo * lo, hi * hi), max: Math.max(lo * lo, hi * hi) };
}
