import { footprintSignedDistance } from './footprint';
import type { EndplateLift, VertebraGeometry } from './types';

/**
 * Central dip of each endplate below (superior) or above (inferior) its rim, mm at the centre,
 * weighted by centrality. Measured on CT of lumbar discs: the disc's cranial endplate (the inferior
 * endplate of the vertebra above) is deeper, ~1.5 mm, than its caudal one (the superior endplate of
 * the vertebra below), ~0.7 mm (Wang et al., Eur Spine J 2012; docs/clinical-sources.md). So each
 * body's inferior endplate dips 1.5 mm and its superior one 0.7 mm, and a true lateral shows both as
 * gentle curves, not straight lines.
 */
export const SUPERIOR_ENDPLATE_CONCAVITY_MM = 0.7;
export const INFERIOR_ENDPLATE_CONCAVITY_MM = 1.5;
/*
 * The target's heights (anterior, middle, posterior) are the fractured body's as its film measures
 * them, between the endplates' deepest points, so they already hold whatever concavity its
 * endplates have: the target gets none on top (and the balloon's and cement's room in it, calibrated
 * on those heights, stays as measured). Its neighbours' heights are rim heights (morphometry.ts), so
 * they dip.
 */
/** Radius (mm) of the rounded rim where each endplate meets the side wall (assumed), so no view shows a box corner. */
export const BODY_CORNER_RADIUS_MM = 1.75;

/**
 * The endplate surfaces of one body as numbers, so the tissue classifier can evaluate them
 * millions of times without allocating. See README.md (Endplates) for the equations.
 */
export interface EndplateProfile {
  readonly cx: number;
  readonly cy: number;
  readonly cz: number;
  readonly halfHeightMm: number;
  readonly a: number;
  readonly b: number;
  readonly anteriorEdgeMm: number;
  readonly posteriorEdgeMm: number;
  /** Central depression: mean edge height minus middle height (> 0 biconcave). */
  readonly bowlMm: number;
  /** Share of the bowl carried by the superior endplate (0.5 when biconcave, else 1). */
  readonly superiorShare: number;
  readonly liftAnteriorMm: number;
  /** Lift's own bowl: anterior/2 - middle (negative when the middle rises more). */
  readonly liftBowlMm: number;
  /** Footprint scale below which a point is surely farther than the corner radius from the rim. */
  readonly cornerScale: number;
  /** Central dip of the superior and of the inferior endplate, mm (0 for the target). */
  readonly superiorConcavityMm: number;
  readonly inferiorConcavityMm: number;
}

/** Precompute the endplate surfaces of a body, with the balloon's lift for the target. */
export function makeEndplateProfile(v: VertebraGeometry, lift?: EndplateLift): EndplateProfile {
  const ha = v.anteriorHeightMm;
  const hp = v.posteriorHeightMm;
  const bowl = (ha + hp) / 2 - v.middleHeightMm;
  const liftA = v.isTarget && lift ? Math.max(0, lift.anteriorMm) : 0;
  const liftM = v.isTarget && lift ? Math.max(0, lift.middleMm) : 0;
  return {
    cx: v.centre.x,
    cy: v.centre.y,
    cz: v.centre.z,
    halfHeightMm: v.intactHeightMm / 2,
    a: v.bodyWidthMm / 2,
    b: v.bodyDepthMm / 2,
    anteriorEdgeMm: ha,
    posteriorEdgeMm: hp,
    bowlMm: bowl,
    superiorShare: bowl > 0 ? 0.5 : 1,
    liftAnteriorMm: liftA,
    liftBowlMm: liftA / 2 - liftM,
    cornerScale: 1 - BODY_CORNER_RADIUS_MM / Math.min(v.bodyWidthMm / 2, v.bodyDepthMm / 2),
    superiorConcavityMm: v.isTarget ? 0 : SUPERIOR_ENDPLATE_CONCAVITY_MM,
    inferiorConcavityMm: v.isTarget ? 0 : INFERIOR_ENDPLATE_CONCAVITY_MM,
  };
}

/** 1 at the centre of the footprint, 0 at and beyond the rim (weights the central bowl). */
function centrality(p: EndplateProfile, lx: number, lz: number): number {
  const u = lx / p.a;
  const w = lz / p.b;
  return Math.max(0, 1 - (u * u + w * w));
}

/**
 * How far (mm) a rounded corner of radius R lowers an endplate at distance d inside the rim:
 * R - sqrt(R^2 - (R - d)^2) for d < R (R at the rim, 0 from d = R inward; 0 outside the footprint).
 * The footprint is convex around the centre and holds a disc of radius min(a, b), so a point on the
 * footprint scaled by s lies at least (1 - s) min(a, b) inside the rim: points with s below
 * cornerScale skip the distance computation (most of the body), as do points outside.
 */
function cornerDropMm(p: EndplateProfile, lx: number, lz: number): number {
  const u = lx / p.a;
  const w = lz / p.b;
  const u2 = u * u;
  const w2 = w * w;
  if (lz <= 0) {
    const r2 = u2 + w2;
    if (r2 >= 1 || r2 < p.cornerScale * p.cornerScale) return 0;
  } else {
    const f4 = u2 * u2 + w2 * w2;
    const s2 = p.cornerScale * p.cornerScale;
    if (f4 >= 1 || f4 < s2 * s2) return 0;
  }
  const d = -footprintSignedDistance(lx, lz, p.a, p.b);
  if (d >= BODY_CORNER_RADIUS_MM) return 0;
  const r = BODY_CORNER_RADIUS_MM;
  const e = r - Math.max(0, d);
  return r - Math.sqrt(r * r - e * e);
}

/** Fraction of the way from the posterior (0) to the anterior (1) edge. */
function anteriority(p: EndplateProfile, lz: number): number {
  return Math.min(1, Math.max(0, (p.b - lz) / (2 * p.b)));
}

/** Superior endplate y at (lx, lz) relative to the body centre (absolute y returned). */
export function superiorYAt(p: EndplateProfile, lx: number, lz: number): number {
  const k = centrality(p, lx, lz);
  const t = anteriority(p, lz);
  const edge = p.posteriorEdgeMm + (p.anteriorEdgeMm - p.posteriorEdgeMm) * t;
  const shape = p.superiorConcavityMm * k + cornerDropMm(p, lx, lz);
  const fractured = p.cy - p.halfHeightMm + edge - p.superiorShare * p.bowlMm * k - shape;
  if (p.liftAnteriorMm === 0 && p.liftBowlMm === 0) return fractured;
  const lifted = fractured + p.liftAnteriorMm * t - p.liftBowlMm * k;
  return Math.max(fractured, Math.min(p.cy + p.halfHeightMm - shape, lifted));
}

/** Inferior endplate y at (lx, lz) relative to the body centre (absolute y returned). */
export function inferiorYAt(p: EndplateProfile, lx: number, lz: number): number {
  const k = centrality(p, lx, lz);
  const shape = p.inferiorConcavityMm * k + cornerDropMm(p, lx, lz);
  return p.cy - p.halfHeightMm + (1 - p.superiorShare) * p.bowlMm * k + shape;
}

/**
 * superiorYAt and inferiorYAt at one point in one go, for the classifier's hot path: the
 * centrality and corner drop are computed once, the corner drop from `signedDistanceMm`, which must
 * be footprintSignedDistance(lx, lz, p.a, p.b) (the caller has it already). Writes [superior,
 * inferior] into out (no float crosses the call, so V8 boxes nothing); the arithmetic is term for
 * term that of the two functions, so the results are the same to the bit.
 */
export function endplatesInto(
  p: EndplateProfile,
  lx: number,
  lz: number,
  signedDistanceMm: number,
  out: Float64Array,
): void {
  const u = lx / p.a;
  const w = lz / p.b;
  const u2 = u * u;
  const w2 = w * w;
  const k = Math.max(0, 1 - (u2 + w2));
  let drop = 0;
  let near: boolean;
  if (lz <= 0) {
    const r2 = u2 + w2;
    near = !(r2 >= 1 || r2 < p.cornerScale * p.cornerScale);
  } else {
    const f4 = u2 * u2 + w2 * w2;
    const s2 = p.cornerScale * p.cornerScale;
    near = !(f4 >= 1 || f4 < s2 * s2);
  }
  if (near) {
    const d = -signedDistanceMm;
    if (d < BODY_CORNER_RADIUS_MM) {
      const r = BODY_CORNER_RADIUS_MM;
      const e = r - Math.max(0, d);
      drop = r - Math.sqrt(r * r - e * e);
    }
  }
  const shape = p.superiorConcavityMm * k + drop;
  const t = Math.min(1, Math.max(0, (p.b - lz) / (2 * p.b)));
  const edge = p.posteriorEdgeMm + (p.anteriorEdgeMm - p.posteriorEdgeMm) * t;
  const fractured = p.cy - p.halfHeightMm + edge - p.superiorShare * p.bowlMm * k - shape;
  if (p.liftAnteriorMm === 0 && p.liftBowlMm === 0) out[0] = fractured;
  else
    out[0] = Math.max(
      fractured,
      Math.min(p.cy + p.halfHeightMm - shape, fractured + p.liftAnteriorMm * t - p.liftBowlMm * k),
    );
  out[1] = p.cy - p.halfHeightMm + (1 - p.superiorShare) * p.bowlMm * k + (p.inferiorConcavityMm * k + drop);
}
