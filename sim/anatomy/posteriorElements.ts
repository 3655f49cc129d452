import { MORPHOMETRY } from './morphometry';
import { POSTERIOR_MORPHOMETRY } from './posteriorMorphometry';
import { CODE } from './tissueCodes';
import type { SpineLevel, VertebraGeometry } from './types';

/** Cortical shell of the posterior elements, mm (assumed). */
export const POSTERIOR_CORTEX_MM = 1.0;

/** What the shapes below return outside themselves (the classifier's "no answer"). */
const NONE = -1;

/**
 * Posterior elements of one vertebra as smooth solids (all sizes assumed from general anatomy
 * texts; README.md, Geometry): per side a sloping lamina plate, a superior and an inferior
 * articular process (sphere-swept segments) cut flat by the facet joint they share with the
 * neighbouring level, the pars interarticularis between them, a transverse process pointing
 * dorsolaterally, and the spinous process. Every solid has a POSTERIOR_CORTEX_MM cortical shell.
 * Tests compare squared distances, so no square root runs per sample.
 */

/** Width of the facet joint space (cartilage and synovial fluid, drawn as the soft tissue around it), mm. */
export const FACET_GAP_MM = 1.2;
/** Sagittal slope of the laminae: mm posterior per mm caudal (thoracic laminae shingle more steeply). */
const LAMINA_SLOPE_THORACIC = 0.4;
const LAMINA_SLOPE_LUMBAR = 0.15;
/**
 * The laminae thicken toward the midline (their posterior faces meet at the spinous process's root
 * like a roof, the anterior face stays the canal's flat back wall): extra thickness per mm toward the
 * midline. Small in the thoracic spine, where a thicker midline would close the shingles' gap.
 */
const LAMINA_ROOF_THORACIC = 0.1;
const LAMINA_ROOF_LUMBAR = 0.35;
/** How far a thoracic lamina's inferior edge reaches below the next level's superior edge, mm. */
const LAMINA_OVERLAP_THORACIC_MM = 3;

/**
 * Facet joint orientation of the joint ABOVE a level (the level's superior articular process
 * decides it, so the T12/L1 joint is already lumbar): alphaDeg = the joint plane's angle from
 * the axial plane, psiDeg = the horizontal direction its superior facet faces, measured from
 * straight back (+z) toward the midline (negative: facing back and slightly lateral).
 * Thoracic: about 60 degrees from axial and 10-20 degrees from the frontal plane, facing back, up
 * and slightly out (White and Panjabi's facet orientation figure gives ~20; Panjabi's 1993
 * quantitative facet study): 10 is used, so on a true lateral the 1.2 mm joint space is not
 * smeared wider than itself across the process's 7 mm; lumbar: vertical (90 degrees from axial) and near sagittal, about 25 degrees from
 * the sagittal plane at L1-L2 turning to about 45-50 degrees at L4-S1, facing back and medially
 * (the same sources; Masharawi's lumbar facet orientation study gives the same trend).
 * curve: the lumbar superior facet is concave (J-shaped in axial section), as a quadratic bend of
 * the joint surface per mm^2 along its horizontal tangent.
 */
function facetOrientation(level: SpineLevel): { alphaDeg: number; psiDeg: number; curve: number } {
  switch (level) {
    case 'T11':
      return { alphaDeg: 65, psiDeg: -10, curve: 0 };
    case 'T12':
      return { alphaDeg: 70, psiDeg: 0, curve: 0.01 };
    case 'L1':
      return { alphaDeg: 90, psiDeg: 65, curve: 0.03 };
    case 'L2':
      return { alphaDeg: 90, psiDeg: 60, curve: 0.03 };
    case 'L3':
      return { alphaDeg: 90, psiDeg: 55, curve: 0.03 };
    case 'L4':
      return { alphaDeg: 90, psiDeg: 45, curve: 0.03 };
    case 'L5':
    case 'S1':
    case 'S2':
      return { alphaDeg: 90, psiDeg: 40, curve: 0.03 };
    default:
      return { alphaDeg: 60, psiDeg: -10, curve: 0 };
  }
}

/** Thoracic levels (shingled laminae, coronal facets, transverse processes angled back). */
function isThoracic(level: SpineLevel): boolean {
  return level[0] === 'T';
}

/**
 * How far back the transverse process points from the coronal plane, degrees (assumed: thoracic
 * processes run posterolaterally to meet the rib tubercles, lumbar ones nearly coronal).
 * thorax.ts puts the rib tubercle on this axis.
 */
export function transverseProcessBackDeg(level: SpineLevel): number {
  return isThoracic(level) ? (level === 'T12' ? 10 : 20) : level[0] === 'L' ? 8 : 0;
}

/** z of the transverse process's axis at |x - centre| = ax (thorax.ts: the rib tubercle sits on it). */
export function transverseAxisZ(v: VertebraGeometry, ax: number): number {
  const [p0, p1] = v.pedicles;
  const zEnd = Math.max(p0.posteriorCentre.z, p1.posteriorCentre.z);
  const x0 =
    Math.min(Math.abs(p0.posteriorCentre.x) + p0.widthMm / 2, Math.abs(p1.posteriorCentre.x) + p1.widthMm / 2) - 1;
  return zEnd - 2.5 + Math.max(0, ax - x0) * Math.tan((transverseProcessBackDeg(v.level) * Math.PI) / 180);
}

/**
 * One facet joint (side frame: x = |x - centre|): centre, unit normal pointing from the lower
 * level's superior process to the upper level's inferior process, horizontal unit normal (hx, hz)
 * and tangent (tx, tz), half-height, bend.
 */
export interface FacetJoint {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly hx: number;
  readonly hz: number;
  readonly tx: number;
  readonly tz: number;
  readonly halfH: number;
  readonly curve: number;
  /** Radii of the superior (lower level) and inferior (upper level) processes, mm. */
  readonly rSup: number;
  readonly rInf: number;
}

/** A sphere-swept segment (side frame): start, vector, 1/|vector|^2, radius^2 and inner radius^2. */
interface Capsule {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly dx: number;
  readonly dy: number;
  readonly dz: number;
  readonly inv: number;
  readonly r2: number;
  readonly ri2: number;
  readonly r: number;
  /** Bounding box (side frame), for a cheap rejection before the distance. */
  readonly xLo: number;
  readonly xHi: number;
  readonly yLo: number;
  readonly yHi: number;
  readonly zLo: number;
  readonly zHi: number;
}

/** Everything posteriorElements needs of one level, in the side frame (x = |x - centre|). */
export interface CompiledPosterior {
  readonly pedY: number;
  readonly zEnd: number;
  /** Lamina: top and bottom of its mid-plane, the mid-plane's z at the top, slope, half-thickness, half-width. */
  readonly lamTopY: number;
  readonly lamBotY: number;
  readonly lamTopZ: number;
  readonly lamSlope: number;
  readonly lamCos: number;
  readonly lamHalfT: number;
  /** Extra thickness per mm toward the midline (posterior face only), and the largest half-thickness. */
  readonly lamRoof: number;
  readonly lamHalfTMax: number;
  readonly lamHalfX: number;
  readonly sup: FacetJoint;
  readonly inf: FacetJoint;
  readonly sap: Capsule;
  readonly iap: Capsule;
  readonly pars: Capsule;
  /** The docking channel behind the pedicle's entry (DOCKING_*): its start (|x|, y, z), unit axis (posterior) and radius. */
  readonly dockX: number;
  readonly dockY: number;
  readonly dockZ: number;
  readonly dockUx: number;
  readonly dockUy: number;
  readonly dockUz: number;
  /** Inverse squared half-axes of the channel's elliptic section: across (in the axial plane) and vertical. */
  readonly dockInvW2: number;
  readonly dockInvH2: number;
  /** Transverse process: root |x|, tip |x|, axis z at the root, slope dz/dx, centre y. */
  readonly tpX0: number;
  readonly tpX1: number;
  readonly tpZ0: number;
  readonly tpSlope: number;
  readonly tpY: number;
  /** Spinous process: base z, tip z, centre y at the base, drop per mm, half-height. */
  readonly spZ0: number;
  readonly spZ1: number;
  readonly spY0: number;
  readonly spSlope: number;
  readonly spHalfH: number;
  /** Bounds of every solid above (for the grid and the classifier's height test). */
  readonly yMin: number;
  readonly yMax: number;
  readonly xMax: number;
  readonly zMin: number;
  readonly zMax: number;
}

/** Per-level numbers a joint needs, from the geometry alone (so both levels of a joint agree). */
function columnOf(v: VertebraGeometry): { pedY: number; ph: number; endX: number; pa: number; zEnd: number } {
  const [p0, p1] = v.pedicles;
  return {
    pedY: p0.anteriorCentre.y,
    ph: Math.max(p0.heightMm, p1.heightMm) / 2,
    endX: Math.min(Math.abs(p0.posteriorCentre.x), Math.abs(p1.posteriorCentre.x)),
    pa: Math.max(p0.widthMm, p1.widthMm) / 2,
    zEnd: Math.max(p0.posteriorCentre.z, p1.posteriorCentre.z),
  };
}

/** Pedicle-to-pedicle distance to the level below (or an estimate from the level's own height and disc). */
function pitchOf(upper: VertebraGeometry | undefined, lower: VertebraGeometry | undefined): number {
  if (upper && lower) return upper.pedicles[0].anteriorCentre.y - lower.pedicles[0].anteriorCentre.y;
  const v = (upper ?? lower) as VertebraGeometry;
  return v.intactHeightMm + MORPHOMETRY[v.level].discHeightMm;
}

/**
 * The facet joint between upper and lower (either may be missing at the ends of the model: the
 * joint is then placed from the other by the estimated pitch). It sits over the lower level's
 * pedicle end, 40 % of the pitch above its pedicle (at least 2 mm above the pedicle's top), so
 * the superior process forms the back wall of the foramen.
 */
export function facetJoint(upper: VertebraGeometry | undefined, lower: VertebraGeometry | undefined): FacetJoint {
  const pitch = pitchOf(upper, lower);
  const ref = (lower ?? upper) as VertebraGeometry;
  const c = columnOf(ref);
  const pedY = lower ? c.pedY : c.pedY - pitch;
  const o = facetOrientation(lower ? lower.level : nextLevel(ref.level));
  const thoracic = o.psiDeg <= 0;
  const a = (o.alphaDeg * Math.PI) / 180;
  const psi = (o.psiDeg * Math.PI) / 180;
  const hx = -Math.sin(psi);
  const hz = Math.cos(psi);
  return {
    x: c.endX - 0.4 * c.pa,
    y: pedY + Math.max(c.ph + 2, 0.4 * pitch),
    z: c.zEnd + 2,
    nx: hx * Math.sin(a),
    ny: Math.cos(a),
    nz: hz * Math.sin(a),
    hx,
    hz,
    tx: hz,
    tz: -hx,
    halfH: thoracic ? 5 : 7,
    curve: o.curve,
    rSup: thoracic ? 3.5 : Math.min(5, 2.5 + 0.5 * c.pa),
    rInf: thoracic ? 3.5 : Math.min(4.5, 2.5 + 0.4 * c.pa),
  };
}

const NEXT: Partial<Record<SpineLevel, SpineLevel>> = { T12: 'L1', L5: 'S1', S1: 'S2' };
function nextLevel(level: SpineLevel): SpineLevel {
  const n = NEXT[level];
  if (n) return n;
  const k = Number(level.slice(1));
  return `${level[0]}${Math.min(k + 1, level[0] === 'T' ? 12 : 5)}` as SpineLevel;
}

function capsule(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, r: number): Capsule {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const dz = z1 - z0;
  const ri = Math.max(0, r - POSTERIOR_CORTEX_MM);
  return {
    x: x0,
    y: y0,
    z: z0,
    dx,
    dy,
    dz,
    inv: 1 / (dx * dx + dy * dy + dz * dz),
    r2: r * r,
    ri2: ri * ri,
    r,
    xLo: Math.min(x0, x1) - r,
    xHi: Math.max(x0, x1) + r,
    yLo: Math.min(y0, y1) - r,
    yHi: Math.max(y0, y1) + r,
    zLo: Math.min(z0, z1) - r,
    zHi: Math.max(z0, z1) + r,
  };
}

/** Compile the posterior elements of v (above / below: its neighbours in the model, if any). */
/**
 * The trocar docks on the pedicle's posterior end, at the junction of the transverse process and
 * the superior articular process, where the bone faces the needle. Solid processes that bulge over
 * that spot would turn every docking into a glancing contact (a skive) and push a textbook needle
 * into the medial wall, which the bone does not do to an expert. So the posterior elements leave a
 * channel clear behind the pedicle's end: DOCKING_DEPTH_MM back along the pedicle's axis, within
 * DOCKING_MARGIN_MM of its outline beside it and DOCKING_MARGIN_VERTICAL_MM above and below (the approach within a few degrees of the axis meets the
 * pedicle's cortical cap first; assumed, a simplification of the entry's local shape).
 */
const DOCKING_DEPTH_MM = 20;
const DOCKING_MARGIN_MM = 3;
/** Above and below the pedicle the channel keeps only this much, so the articular processes over it stay whole. */
const DOCKING_MARGIN_VERTICAL_MM = 0.5;

/** The docking channel of a vertebra, averaged over its two (nearly mirror-image) pedicles. */
function dockingChannel(
  v: VertebraGeometry,
): Pick<CompiledPosterior, 'dockX' | 'dockY' | 'dockZ' | 'dockUx' | 'dockUy' | 'dockUz' | 'dockInvW2' | 'dockInvH2'> {
  let x = 0;
  let y = 0;
  let z = 0;
  let ux = 0;
  let uz = 0;
  let w = 0;
  let h = 0;
  for (const p of v.pedicles) {
    const px = Math.abs(p.posteriorCentre.x - v.centre.x);
    x += px / 2;
    y += p.posteriorCentre.y / 2;
    z += p.posteriorCentre.z / 2;
    ux += (px - Math.abs(p.anteriorCentre.x - v.centre.x)) / 2;
    uz += (p.posteriorCentre.z - p.anteriorCentre.z) / 2;
    w = Math.max(w, p.widthMm / 2 + DOCKING_MARGIN_MM);
    h = Math.max(h, p.heightMm / 2 + DOCKING_MARGIN_VERTICAL_MM);
  }
  const n = Math.hypot(ux, uz);
  return {
    dockX: x,
    dockY: y,
    dockZ: z,
    dockUx: ux / n,
    dockUy: 0,
    dockUz: uz / n,
    dockInvW2: 1 / (w * w),
    dockInvH2: 1 / (h * h),
  };
}

/** Whether (|x|, y, z) lies in the docking channel behind the pedicle's entry. */
function inDockingChannel(P: CompiledPosterior, ax: number, y: number, z: number): boolean {
  const dx = ax - P.dockX;
  const dy = y - P.dockY;
  const dz = z - P.dockZ;
  const t = dx * P.dockUx + dy * P.dockUy + dz * P.dockUz;
  if (t < 0 || t > DOCKING_DEPTH_MM) return false;
  // The axis is horizontal: the section's vertical offset is dy, its horizontal one the rest.
  const ex = dx - t * P.dockUx;
  const ez = dz - t * P.dockUz;
  return (ex * ex + ez * ez) * P.dockInvW2 + dy * dy * P.dockInvH2 <= 1;
}

export function compilePosterior(
  v: VertebraGeometry,
  above: VertebraGeometry | undefined,
  below: VertebraGeometry | undefined,
): CompiledPosterior {
  const post = POSTERIOR_MORPHOMETRY[v.level];
  const c = columnOf(v);
  const { pedY, ph, endX, pa, zEnd } = c;
  const thoracic = isThoracic(v.level);
  const sup = facetJoint(above, v);
  const inf = facetJoint(v, below);
  const laminaZ = v.laminaZMm;
  const lamHalfT = (laminaZ - zEnd) / 2;
  const lamSlope = thoracic ? LAMINA_SLOPE_THORACIC : LAMINA_SLOPE_LUMBAR;
  const lamTopY = pedY + ph + 1 - lamHalfT;
  // Thoracic laminae shingle: the inferior edge reaches below the next level's superior edge.
  const pitch = pitchOf(v, below);
  const nextTop = pedY - pitch + (below ? columnOf(below).ph : ph) + 1;
  const lamBotY = thoracic ? nextTop - LAMINA_OVERLAP_THORACIC_MM + lamHalfT : pedY - ph - 8 + lamHalfT;
  // The mid-plane passes through the old lamina's centre at the pedicle's height.
  const lamTopZ = zEnd + lamHalfT - lamSlope * (lamTopY - pedY);
  const xA = endX - 0.4 * pa;
  const zA = zEnd + 2;
  // Superior process: from just above the pedicle's end up past the joint's centre, its axis
  // set back from the joint by half its radius, so the joint cuts a flat facet off it.
  const so = 0.5 * sup.rSup;
  const sap = capsule(
    sup.x - sup.hx * so,
    pedY + ph + 1,
    sup.z - sup.hz * so,
    sup.x - sup.hx * so,
    sup.y + 0.6 * sup.halfH,
    sup.z - sup.hz * so,
    sup.rSup,
  );
  // Inferior process: from the lamina's inferolateral corner down past the lower joint's centre.
  const io = 0.5 * inf.rInf;
  const iap = capsule(
    xA + inf.hx * io,
    pedY - ph - 2,
    zA + inf.hz * io,
    inf.x + inf.hx * io,
    inf.y - 0.6 * inf.halfH,
    inf.z + inf.hz * io,
    inf.rInf,
  );
  // Pars interarticularis: the column behind the pedicle's medial half joining the two processes.
  const pars = capsule(
    endX - 0.6 * pa,
    pedY + ph,
    zEnd + 1.5,
    endX - 0.6 * pa,
    pedY - ph - 2,
    zEnd + 1.5,
    thoracic ? 2.5 : 3.5,
  );
  const tpX0 = endX + pa - 1;
  const tpX1 = v.transverseProcessSpanMm / 2;
  const tpSlope = Math.tan((transverseProcessBackDeg(v.level) * Math.PI) / 180);
  const spZ0 = laminaZ - 2;
  const spDrop = post.spinousSlope * Math.max(0, v.spinousTipZMm - laminaZ);
  const spHalfH = post.spinousHeightMm / 2;
  const lamBotZ = lamTopZ + lamSlope * (lamTopY - lamBotY);
  const lamHalfX = endX - pa + 1;
  const lamRoof = thoracic ? LAMINA_ROOF_THORACIC : LAMINA_ROOF_LUMBAR;
  const lamHalfTMax = lamHalfT + (lamRoof * lamHalfX) / 2;
  return {
    pedY,
    zEnd,
    lamTopY,
    lamBotY,
    lamTopZ,
    lamSlope,
    lamCos: 1 / Math.sqrt(1 + lamSlope * lamSlope),
    lamHalfT,
    lamRoof,
    lamHalfTMax,
    lamHalfX,
    sup,
    inf,
    sap,
    iap,
    pars,
    ...dockingChannel(v),
    tpX0,
    tpX1,
    tpZ0: zEnd - 2.5,
    tpSlope,
    tpY: pedY,
    spZ0,
    spZ1: v.spinousTipZMm,
    spY0: pedY - 2,
    spSlope: post.spinousSlope,
    spHalfH,
    yMin: Math.min(lamBotY - lamHalfTMax, iap.y + iap.dy - iap.r, pedY - 2 - spDrop - spHalfH, pedY - 5) - 1,
    yMax: Math.max(lamTopY + lamHalfTMax, sap.y + sap.dy + sap.r, pedY + 5) + 1,
    xMax: Math.max(tpX1, sap.x + sap.r, iap.x + iap.r, iap.x + iap.dx + iap.r) + 1,
    zMin: Math.min(zEnd - 5.5, sap.z - sap.r, lamTopZ - laminaReachZ(lamHalfT, lamHalfTMax, lamSlope)) - 1,
    zMax:
      Math.max(
        v.spinousTipZMm,
        lamBotZ + laminaReachZ(lamHalfT, lamHalfTMax, lamSlope),
        iap.z + iap.r,
        iap.z + iap.dz + iap.r,
      ) + 1,
  };
}

/**
 * How far (in z) the lamina reaches from its mid-plane's z at its top or bottom edge: the section's
 * half-thickness (at most lamHalfT + 2 (lamHalfTMax - lamHalfT) from the mid-plane, with the roof's
 * shift) over cos of the slope, plus the slope times the rounded edge's height (the mid-plane runs on
 * past the edges).
 */
function laminaReachZ(lamHalfT: number, lamHalfTMax: number, slope: number): number {
  return (2 * lamHalfTMax - lamHalfT) * Math.sqrt(1 + slope * slope) + slope * lamHalfTMax;
}

/** Signed side of the joint surface (> 0 toward the upper level's inferior process), with the lumbar bend. */
function jointSide(j: FacetJoint, ax: number, y: number, z: number): number {
  const dx = ax - j.x;
  const dz = z - j.z;
  const t = dx * j.tx + dz * j.tz;
  return dx * j.nx + (y - j.y) * j.ny + dz * j.nz + j.curve * t * t;
}

/** Within reach of the joint: where a neighbour's process can be, so this level's bone must keep clear of the gap. */
function nearJoint(j: FacetJoint, ax: number, y: number, z: number): boolean {
  const reach = Math.max(j.rSup, j.rInf) + 1;
  if (Math.abs(y - j.y) > 0.6 * j.halfH + reach) return false;
  const dx = ax - j.x;
  const dz = z - j.z;
  const t = dx * j.tx + dz * j.tz;
  const h = dx * j.hx + dz * j.hz;
  return Math.abs(t) <= reach && Math.abs(h) <= 1.5 * reach + 1;
}

/** Squared distance from a point to a capsule's segment, compared with its radii: NONE, cortical or cancellous. */
function capsuleCode(c: Capsule, ax: number, y: number, z: number): number {
  if (y < c.yLo || y > c.yHi || ax < c.xLo || ax > c.xHi || z < c.zLo || z > c.zHi) return NONE;
  const px = ax - c.x;
  const py = y - c.y;
  const pz = z - c.z;
  let t = (px * c.dx + py * c.dy + pz * c.dz) * c.inv;
  t = Math.max(0, Math.min(1, t));
  const qx = px - t * c.dx;
  const qy = py - t * c.dy;
  const qz = pz - t * c.dz;
  const d2 = qx * qx + qy * qy + qz * qz;
  if (d2 > c.r2) return NONE;
  return d2 > c.ri2 ? CODE.cortical : CODE.cancellous;
}

/**
 * The posterior elements of one vertebra at |x - centre| = ax: a tissue code, or NONE. Order:
 * articular processes (with the joint cut), pars, lamina, transverse process, spinous process.
 */
export function posteriorElements(P: CompiledPosterior, ax: number, y: number, z: number): number {
  if (y < P.yMin || y > P.yMax || z < P.zMin || z > P.zMax || ax > P.xMax) return NONE;
  if (inDockingChannel(P, ax, y, z)) return NONE;
  const half = FACET_GAP_MM / 2;
  // Keep clear of both joints' gaps: on the lower level's side of the joint above, the upper's side of the one below.
  let sSup = -Infinity;
  if (nearJoint(P.sup, ax, y, z)) {
    sSup = jointSide(P.sup, ax, y, z);
    if (sSup > -half) return NONE;
  }
  let sInf = Infinity;
  if (nearJoint(P.inf, ax, y, z)) {
    sInf = jointSide(P.inf, ax, y, z);
    if (sInf < half) return NONE;
  }
  // Superior and inferior articular processes: the subchondral plate under each facet is cortical.
  let code = capsuleCode(P.sap, ax, y, z);
  if (code !== NONE) return sSup > -half - POSTERIOR_CORTEX_MM ? CODE.cortical : code;
  code = capsuleCode(P.iap, ax, y, z);
  if (code !== NONE) return sInf < half + POSTERIOR_CORTEX_MM ? CODE.cortical : code;
  code = capsuleCode(P.pars, ax, y, z);
  if (code !== NONE) return code;
  // Lamina: a plate sloping back going caudally, rounded at its superior and inferior edges.
  if (ax <= P.lamHalfX && y >= P.lamBotY - P.lamHalfTMax && y <= P.lamTopY + P.lamHalfTMax) {
    const extra = 0.5 * P.lamRoof * (P.lamHalfX - ax);
    const across = (z - P.lamTopZ - extra - P.lamSlope * (P.lamTopY - y)) * P.lamCos;
    const over = y > P.lamTopY ? y - P.lamTopY : y < P.lamBotY ? P.lamBotY - y : 0;
    const d2 = across * across + over * over;
    const t = P.lamHalfT + extra;
    if (d2 <= t * t) {
      const ti = t - POSTERIOR_CORTEX_MM;
      return d2 > ti * ti || ax > P.lamHalfX - POSTERIOR_CORTEX_MM ? CODE.cortical : CODE.cancellous;
    }
  }
  // Transverse process: elliptic section (8 x 5 mm) about an axis running dorsolaterally, rounded over its last 6 mm.
  if (ax >= P.tpX0 && ax <= P.tpX1) {
    const tip = Math.min(1, (P.tpX1 - ax) / 6);
    const k = Math.sqrt(tip * (2 - tip));
    const u = (y - P.tpY) / (4 * k + 0.5);
    const w = (z - P.tpZ0 - P.tpSlope * (ax - P.tpX0)) / (2.5 * k + 0.5);
    const r2 = u * u + w * w;
    if (r2 <= 1) return r2 > (1 - POSTERIOR_CORTEX_MM / 3) ** 2 ? CODE.cortical : CODE.cancellous;
  }
  // Spinous process: elliptic section, 5 mm wide widening to 7 mm at the tip, sloping caudally;
  // its base flares to 10 mm where it leaves the lamina, so the two blend without a step.
  if (ax <= 5 && z >= P.spZ0 && z <= P.spZ1) {
    const f = (z - P.spZ0) / (P.spZ1 - P.spZ0);
    const flare = f < 0.25 ? 1 - 4 * f : 0;
    const hw = 2.5 + f + 2.5 * flare * flare;
    if (ax <= hw) {
      const yc = P.spY0 - P.spSlope * Math.max(0, z - P.spZ0 - 2);
      const hh = P.spHalfH + 2 * flare * flare;
      const u = ax / hw;
      const w = (y - yc) / hh;
      const r2 = u * u + w * w;
      if (r2 <= 1) {
        const ui = ax / (hw - POSTERIOR_CORTEX_MM);
        const wi = (y - yc) / (hh - POSTERIOR_CORTEX_MM);
        return ui * ui + wi * wi > 1 ? CODE.cortical : CODE.cancellous;
      }
    }
  }
  return NONE;
}

type Range = readonly [number, number];
/** A box in the side frame: |x - centre|, y, z. */
export type SideBox = readonly [Range, Range, Range];

function capsuleBox(c: Capsule): SideBox {
  return [
    [c.xLo, c.xHi],
    [c.yLo, c.yHi],
    [c.zLo, c.zHi],
  ];
}

/** Boxes (side frame) that hold every point where posteriorElements can return a code (classifierGrid.ts). */
export function posteriorBoxes(P: CompiledPosterior): SideBox[] {
  const boxes: SideBox[] = [capsuleBox(P.sap), capsuleBox(P.iap), capsuleBox(P.pars)];
  // The sloping solids in slices, each with the z (or y) range of its own stretch, so the grid
  // flags little empty space beside them.
  const SLICES = 6;
  const lamSec = (2 * P.lamHalfTMax - P.lamHalfT) / P.lamCos;
  const lamY0 = P.lamBotY - P.lamHalfTMax;
  const lamY1 = P.lamTopY + P.lamHalfTMax;
  const lamZ = (y: number) => P.lamTopZ + P.lamSlope * (P.lamTopY - y);
  for (let k = 0; k < SLICES; k++) {
    const ya = lamY0 + ((lamY1 - lamY0) * k) / SLICES;
    const yb = lamY0 + ((lamY1 - lamY0) * (k + 1)) / SLICES;
    boxes.push([
      [0, P.lamHalfX],
      [ya, yb],
      [Math.min(lamZ(ya), lamZ(yb)) - lamSec, Math.max(lamZ(ya), lamZ(yb)) + lamSec],
    ]);
  }
  const tpZ = (x: number) => P.tpZ0 + P.tpSlope * (x - P.tpX0);
  for (let k = 0; k < SLICES; k++) {
    const xa = P.tpX0 + ((P.tpX1 - P.tpX0) * k) / SLICES;
    const xb = P.tpX0 + ((P.tpX1 - P.tpX0) * (k + 1)) / SLICES;
    boxes.push([
      [xa, xb],
      [P.tpY - 4.5, P.tpY + 4.5],
      [Math.min(tpZ(xa), tpZ(xb)) - 3, Math.max(tpZ(xa), tpZ(xb)) + 3],
    ]);
  }
  const spY = (z: number) => P.spY0 - P.spSlope * Math.max(0, z - P.spZ0 - 2);
  const hh = P.spHalfH + 2;
  for (let k = 0; k < SLICES; k++) {
    const za = P.spZ0 + ((P.spZ1 - P.spZ0) * k) / SLICES;
    const zb = P.spZ0 + ((P.spZ1 - P.spZ0) * (k + 1)) / SLICES;
    boxes.push([
      [0, 5],
      [Math.min(spY(za), spY(zb)) - hh, Math.max(spY(za), spY(zb)) + hh],
      [za, zb],
    ]);
  }
  return boxes;
}
