import { posteriorConcaveHalfWidthMm } from './bodyWaist';
import { HABITUS } from './habitus';
import { MORPHOMETRY, SPINE_ORDER } from './morphometry';
import { makeEndplateProfile, type EndplateProfile } from './endplateProfile';
import { compileFractureDetail, type CompiledFractureDetail } from './fractureDetail';
import { POSTERIOR_MORPHOMETRY } from './posteriorMorphometry';
import { type CompiledPosterior, compilePosterior } from './posteriorElements';
import { compileTrunk, type CompiledTrunk } from './thorax';
import type { Anatomy, EndplateLift, Opening, PedicleGeometry, PriorCement, VertebraGeometry } from './types';

/**
 * Everything the classifier needs, derived once from the Anatomy (and the tables it was built
 * from) as plain numbers. Shapes and constants are described in README.md (Geometry).
 */

/** Endplate cortex (brief: ~0.8 mm), mm (assumed); the posterior elements' shell is in posteriorElements.ts. */
export const ENDPLATE_CORTEX_MM = 0.8;
export interface CompiledPedicle {
  readonly s: number;
  readonly ax: number;
  readonly az: number;
  readonly y: number;
  /** Unit axis pointing posterior (ux, uz) and unit lateral normal (nx, nz). */
  readonly ux: number;
  readonly uz: number;
  readonly nx: number;
  readonly nz: number;
  readonly len: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** |x| of the axis at the posterior end. */
  readonly endX: number;
}

export interface CompiledVertebra {
  readonly v: VertebraGeometry;
  readonly cx: number;
  readonly cz: number;
  readonly spinousTipZ: number;
  readonly tpHalfSpan: number;
  readonly ep: EndplateProfile;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Half width of the posterior wall's concave stretch (bodyWaist.ts). */
  readonly concaveHalfWidth: number;
  readonly peds: readonly [CompiledPedicle, CompiledPedicle];
  readonly pedY: number;
  readonly pedHalfH: number;
  /** Bounding values for quick rejection: body y-range, most anterior pedicle z (relative). */
  readonly bodyYMin: number;
  readonly bodyYMax: number;
  readonly pedZMin: number;
  readonly zEnd: number;
  readonly canalHalfX: number;
  readonly foramenMaxX: number;
  readonly slabTop: number;
  readonly slabBottom: number;
  readonly discAboveTop: number;
  readonly discBelowBottom: number;
  readonly boneYMin: number;
  readonly boneYMax: number;
  /** Lamina, articular processes, pars, transverse and spinous processes (posteriorElements.ts). */
  readonly post: CompiledPosterior;
  /** Target only: cleft, openings, crack line, lytic defects, impaction band. */
  readonly detail: CompiledFractureDetail | null;
  /** An earlier augmentation's cement in this body (priorCement.ts): centre and inverse radii, mm; null: none. */
  readonly priorCement: {
    readonly cx: number;
    readonly cy: number;
    readonly cz: number;
    readonly ix: number;
    readonly iy: number;
    readonly iz: number;
  } | null;
}

export interface CompiledAnatomy {
  readonly verts: readonly CompiledVertebra[];
  readonly torsoA: number;
  readonly torsoB: number;
  readonly torsoZc: number;
  readonly skinMm: number;
  readonly fatMm: number;
  readonly spineMaxX: number;
  readonly spineMinZ: number;
  readonly spineMaxZ: number;
  readonly spineMinY: number;
  readonly spineMaxY: number;
  /** Ribs, lungs, diaphragm, bowel gas. */
  readonly trunk: CompiledTrunk;
}

/** Pedicle frame: axis, lateral normal and sizes, from its geometry. */
export function compilePedicle(p: PedicleGeometry): CompiledPedicle {
  const s = p.side === 'left' ? 1 : -1;
  const dx = p.posteriorCentre.x - p.anteriorCentre.x;
  const dz = p.posteriorCentre.z - p.anteriorCentre.z;
  const len = Math.hypot(dx, dz);
  const ux = dx / len;
  const uz = dz / len;
  return {
    s,
    ax: p.anteriorCentre.x,
    az: p.anteriorCentre.z,
    y: p.anteriorCentre.y,
    ux,
    uz,
    nx: s * uz,
    nz: -s * ux,
    len,
    a: p.widthMm / 2,
    b: p.heightMm / 2,
    c: p.cortexMm,
    endX: Math.abs(p.posteriorCentre.x),
  };
}

/** Derive the classifier's numbers from an anatomy (and the balloon's lift of the target's endplate). */
export function compileAnatomy(anatomy: Anatomy, lift?: EndplateLift): CompiledAnatomy {
  const vs = anatomy.vertebrae;
  const verts = vs.map((v, i) =>
    compileVertebra(
      v,
      vs[i - 1],
      vs[i + 1],
      anatomy.openings,
      lift,
      anatomy.priorCement?.find((p) => p.vertebraIndex === i),
    ),
  );
  const habitus = HABITUS[anatomy.scenario.patient.habitus];
  return {
    verts,
    torsoA: habitus.torsoHalfWidthMm,
    torsoB: habitus.torsoHalfDepthMm,
    torsoZc: anatomy.skinZMm - habitus.torsoHalfDepthMm,
    skinMm: habitus.skinMm,
    fatMm: habitus.subcutaneousFatMm,
    spineMaxX: Math.max(...vs.map((v) => Math.max(v.transverseProcessSpanMm / 2, v.bodyWidthMm / 2))) + 2,
    spineMinZ: -Math.max(...vs.map((v) => v.bodyDepthMm / 2)) - 2,
    spineMaxZ: Math.max(...vs.map((v) => v.spinousTipZMm)) + 2,
    spineMinY: Math.min(...verts.map((c) => c.boneYMin)),
    spineMaxY: Math.max(...verts.map((c) => c.boneYMax)),
    trunk: compileTrunk(anatomy),
  };
}

function compileVertebra(
  v: VertebraGeometry,
  above: VertebraGeometry | undefined,
  below: VertebraGeometry | undefined,
  openings: readonly Opening[],
  lift?: EndplateLift,
  prior?: PriorCement,
): CompiledVertebra {
  const post = POSTERIOR_MORPHOMETRY[v.level];
  const peds = [compilePedicle(v.pedicles[0]), compilePedicle(v.pedicles[1])] as const;
  const pedY = peds[0].y;
  const pedHalfH = Math.max(peds[0].b, peds[1].b);
  const pa = Math.max(peds[0].a, peds[1].a);
  const zEnd = Math.max(v.pedicles[0].posteriorCentre.z, v.pedicles[1].posteriorCentre.z);
  const top = v.centre.y + v.intactHeightMm / 2;
  const bottom = v.centre.y - v.intactHeightMm / 2;
  const ord = SPINE_ORDER.indexOf(v.level);
  const discAbove = above
    ? bottom - (above.centre.y - above.intactHeightMm / 2)
    : MORPHOMETRY[SPINE_ORDER[Math.max(0, ord - 1)]].discHeightMm;
  const discBelow = MORPHOMETRY[v.level].discHeightMm;
  const slabTop = above ? (top + above.centre.y - above.intactHeightMm / 2) / 2 : top + discAbove;
  const slabBottom = below ? (bottom + below.centre.y + below.intactHeightMm / 2) / 2 : bottom - discBelow;
  const spinousDrop = post.spinousSlope * (v.spinousTipZMm - v.laminaZMm);
  const canalHalfX = Math.min(...peds.map((p) => Math.abs(p.ax + (p.ux * p.len) / 2) - p.a));
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const posterior = compilePosterior(v, above, below);
  return {
    v,
    cx: v.centre.x,
    cz: v.centre.z,
    spinousTipZ: v.spinousTipZMm,
    tpHalfSpan: v.transverseProcessSpanMm / 2,
    ep: makeEndplateProfile(v, lift),
    a,
    b,
    c: v.cortexMm,
    concaveHalfWidth: posteriorConcaveHalfWidthMm(v),
    peds,
    pedY,
    pedHalfH,
    bodyYMin: bottom,
    bodyYMax: top,
    pedZMin: Math.min(peds[0].az, peds[1].az) - v.centre.z - 4,
    zEnd,
    canalHalfX,
    foramenMaxX: canalHalfX + 2 * pa + 4,
    slabTop,
    slabBottom,
    discAboveTop: top + discAbove,
    discBelowBottom: bottom - discBelow,
    boneYMin: Math.min(
      bottom - 1,
      pedY - pedHalfH - 8,
      pedY - 2 - spinousDrop - post.spinousHeightMm / 2,
      slabBottom,
      posterior.yMin,
    ),
    boneYMax: Math.max(top + 1, pedY + pedHalfH + 5, slabTop, posterior.yMax),
    post: posterior,
    detail: v.isTarget ? compileFractureDetail(v, openings) : null,
    priorCement: prior
      ? {
          cx: prior.centre.x,
          cy: prior.centre.y,
          cz: prior.centre.z,
          ix: 1 / prior.radii.x,
          iy: 1 / prior.radii.y,
          iz: 1 / prior.radii.z,
        }
      : null,
  };
}
