import type { EndplateLift, VertebraGeometry } from './types';

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
  };
}

/** 1 at the centre of the footprint, 0 at and beyond the rim (weights the central bowl). */
function centrality(p: EndplateProfile, lx: number, lz: number): number {
  const u = lx / p.a;
  const w = lz / p.b;
  return Math.max(0, 1 - (u * u + w * w));
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
  const fractured = p.cy - p.halfHeightMm + edge - p.superiorShare * p.bowlMm * k;
  if (p.liftAnteriorMm === 0 && p.liftBowlMm === 0) return fractured;
  const lifted = fractured + p.liftAnteriorMm * t - p.liftBowlMm * k;
  return Math.max(fractured, Math.min(p.cy + p.halfHeightMm, lifted));
}

/** Inferior endplate y at (lx, lz) relative to the body centre (absolute y returned). */
export function inferiorYAt(p: EndplateProfile, lx: number, lz: number): number {
  return p.cy - p.halfHeightMm + (1 - p.superiorShare) * p.bowlMm * centrality(p, lx, lz);
}
