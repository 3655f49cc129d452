import { HABITUS } from './habitus';
import { isThoracic, MORPHOMETRY, SPINE_ORDER } from './morphometry';
import { makeEndplateProfile, type EndplateProfile } from './endplateProfile';
import { POSTERIOR_MORPHOMETRY } from './posteriorMorphometry';
import type { Anatomy, EndplateLift, Opening, PedicleGeometry, VertebraGeometry } from './types';

/**
 * Everything the classifier needs, derived once from the Anatomy (and the tables it was built
 * from) as plain numbers. Shapes and constants are described in README.md (Geometry).
 */

/** Endplate cortex (brief: ~0.8 mm) and posterior-element shell, mm (assumed). */
export const ENDPLATE_CORTEX_MM = 0.8;
export const POSTERIOR_CORTEX_MM = 1.0;
/** Rib: radius of the neck tube, radial thickness and height of the shaft, drop toward the front (assumed). */
const RIB = { neckRadiusMm: 4, shaftThicknessMm: 6, shaftHalfHeightMm: 5.5, dropMm: 20 };
/** Hemithorax, each side: ellipse centre offset from the midline and half-axes, apex behind the pedicle ends (assumed). */
const HEMITHORAX = { centreXMm: 55, halfWidthMm: 75, halfDepthMm: 85, apexBehindPedicleMm: 10 };

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

export interface CompiledRib {
  readonly y: number;
  /** Neck: head -> tubercle -> angle, as two segments (s = +1 coordinates, mirrored by |x|). */
  readonly path: readonly [number, number, number][];
  /** cos of the largest arc angle from the apex (shorter floating ribs). */
  readonly arcCosMin: number;
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
  readonly peds: readonly [CompiledPedicle, CompiledPedicle];
  readonly pedY: number;
  readonly pedHalfH: number;
  /** Bounding values for quick rejection: body y-range, most anterior pedicle z (relative). */
  readonly bodyYMin: number;
  readonly bodyYMax: number;
  readonly pedZMin: number;
  readonly zEnd: number;
  readonly laminaZ: number;
  readonly laminaHalfX: number;
  readonly spinousHalfH: number;
  readonly spinousSlope: number;
  readonly canalHalfX: number;
  readonly foramenMaxX: number;
  readonly slabTop: number;
  readonly slabBottom: number;
  readonly discAboveTop: number;
  readonly discBelowBottom: number;
  readonly boneYMin: number;
  readonly boneYMax: number;
  readonly rib: CompiledRib | null;
  readonly holes: readonly Opening[];
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
  readonly thorax: {
    readonly cx: number; readonly a: number; readonly b: number; readonly zc: number;
    readonly lungMinX: number; readonly lungMaxZ: number; readonly mediastinumZ: number; readonly diaphragmY: number;
    readonly bandInner: number; readonly lungInner: number; readonly shaftHalfH: number; readonly dropMm: number;
    readonly ribs: readonly CompiledRib[];
  } | null;
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
    s, ax: p.anteriorCentre.x, az: p.anteriorCentre.z, y: p.anteriorCentre.y,
    ux, uz, nx: s * uz, nz: -s * ux, len,
    a: p.widthMm / 2, b: p.heightMm / 2, c: p.cortexMm, endX: Math.abs(p.posteriorCentre.x),
  };
}

/** Derive the classifier's numbers from an anatomy (and the balloon's lift of the target's endplate). */
export function compileAnatomy(anatomy: Anatomy, lift?: EndplateLift): CompiledAnatomy {
  const vs = anatomy.vertebrae;
  const target = vs[anatomy.targetIndex];
  const targetZEnd = Math.max(target.pedicles[0].posteriorCentre.z, target.pedicles[1].posteriorCentre.z);
  const verts = vs.map((v, i) => compileVertebra(v, vs[i - 1], vs[i + 1], anatomy.openings, lift));
  const thoracicVerts = vs.filter((v) => isThoracic(v.level));
  const habitus = HABITUS[anatomy.scenario.patient.habitus];
  const hb = HEMITHORAX.halfDepthMm;
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
    thorax: thoracicVerts.length === 0 ? null : {
      cx: HEMITHORAX.centreXMm,
      a: HEMITHORAX.halfWidthMm,
      b: hb,
      zc: targetZEnd + HEMITHORAX.apexBehindPedicleMm - hb,
      lungMinX: target.bodyWidthMm / 2 + 5,
      // Lungs stay in front of the transverse processes and rib necks.
      lungMaxZ: targetZEnd - 6,
      mediastinumZ: -target.bodyDepthMm / 2 - 5,
      diaphragmY: Math.min(...thoracicVerts.map((v) => v.centre.y - v.intactHeightMm / 2)),
      bandInner: 1 - RIB.shaftThicknessMm / hb,
      lungInner: 1 - (RIB.shaftThicknessMm + 3) / hb,
      shaftHalfH: RIB.shaftHalfHeightMm,
      dropMm: RIB.dropMm,
      ribs: verts.flatMap((c) => (c.rib ? [c.rib] : [])),
    },
  };
}

function compileVertebra(
  v: VertebraGeometry,
  above: VertebraGeometry | undefined,
  below: VertebraGeometry | undefined,
  openings: readonly Opening[],
  lift?: EndplateLift,
): CompiledVertebra {
  const post = POSTERIOR_MORPHOMETRY[v.level];
  const peds = [compilePedicle(v.pedicles[0]), compilePedicle(v.pedicles[1])] as const;
  const pedY = peds[0].y;
  const pedHalfH = Math.max(peds[0].b, peds[1].b);
  const pa = Math.max(peds[0].a, peds[1].a);
  const zEnd = Math.max(v.pedicles[0].posteriorCentre.z, v.pedicles[1].posteriorCentre.z);
  const endX = Math.min(peds[0].endX, peds[1].endX);
  const top = v.centre.y + v.intactHeightMm / 2;
  const bottom = v.centre.y - v.intactHeightMm / 2;
  const ord = SPINE_ORDER.indexOf(v.level);
  const discAbove = above ? bottom - (above.centre.y - above.intactHeightMm / 2) : MORPHOMETRY[SPINE_ORDER[Math.max(0, ord - 1)]].discHeightMm;
  const discBelow = MORPHOMETRY[v.level].discHeightMm;
  const slabTop = above ? (top + above.centre.y - above.intactHeightMm / 2) / 2 : top + discAbove;
  const slabBottom = below ? (bottom + below.centre.y + below.intactHeightMm / 2) / 2 : bottom - discBelow;
  const spinousDrop = post.spinousSlope * (v.spinousTipZMm - v.laminaZMm);
  const canalHalfX = Math.min(...peds.map((p) => Math.abs(p.ax + (p.ux * p.len) / 2) - p.a));
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
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
    peds,
    pedY,
    pedHalfH,
    bodyYMin: bottom,
    bodyYMax: top,
    pedZMin: Math.min(peds[0].az, peds[1].az) - v.centre.z - 4,
    zEnd,
    laminaZ: v.laminaZMm,
    laminaHalfX: endX - pa,
    spinousHalfH: post.spinousHeightMm / 2,
    spinousSlope: post.spinousSlope,
    canalHalfX,
    foramenMaxX: canalHalfX + 2 * pa + 4,
    slabTop,
    slabBottom,
    discAboveTop: top + discAbove,
    discBelowBottom: bottom - discBelow,
    boneYMin: Math.min(bottom - 1, pedY - pedHalfH - 8, pedY - 2 - spinousDrop - post.spinousHeightMm / 2, slabBottom),
    boneYMax: Math.max(top + 1, pedY + pedHalfH + 5, slabTop),
    rib: isThoracic(v.level) ? compileRib(v, pedY, zEnd) : null,
    holes: v.isTarget ? openings : [],
  };
}

function compileRib(v: VertebraGeometry, pedY: number, zEnd: number): CompiledRib {
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const span = v.transverseProcessSpanMm / 2;
  // Floating ribs (T11, T12) are short: their shaft stops part way round (assumed arc lengths).
  const arcDeg = v.level === 'T12' ? 60 : v.level === 'T11' ? 110 : 170;
  return {
    y: pedY,
    path: [
      [0.85 * a, pedY + 1, 0.55 * b],
      [0.95 * span, pedY, zEnd - 2.5],
      [HEMITHORAX.centreXMm, pedY - 1, zEnd + HEMITHORAX.apexBehindPedicleMm - RIB.shaftThicknessMm / 2],
    ],
    arcCosMin: Math.cos((arcDeg * Math.PI) / 180),
  };
}
