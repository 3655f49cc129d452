import type { LevelName } from '../../levels/scenarioSchema';
import { add, scale, type Vec3 } from '../../sim/math/vec3';
import { type LevelScene, sceneAt, type View, viewOf, type ViewName } from './fluoroLandmarkViews';
import {
  cortexLines,
  darkBandWidth,
  darkBlobLength,
  darkLines,
  edgeSpread,
  lineProfile,
  meanInDisc,
  radialProfile,
} from './radiographMeasure';

/**
 * The radiologist's checklist measured on rendered images (docs/fluoroscopy.md): each figure is a
 * grey-level measurement at a place the projection points to. Millimetres are at the isocentre
 * (display pixels times mmPerPx). Profiles are sampled every STEP display pixels.
 */
const STEP = 0.5;

/** How a cortex crosses a profile: distinct dark lines, their spread and the dark band's width, mm. */
export interface CortexFigure {
  readonly lines: number;
  readonly spreadMm: number;
  readonly bandMm: number;
}

function cortexAlong(
  view: View,
  a: [number, number],
  b: [number, number],
  expectPx: number,
  windowMm: number,
): CortexFigure {
  const prof = lineProfile(view.image, a, b, STEP, 2);
  const centre = expectPx / STEP;
  const window = windowMm / view.mmPerPx / STEP;
  const c = cortexLines(prof, centre, window, 0.5, 4);
  return {
    lines: c.count,
    spreadMm: c.spread * STEP * view.mmPerPx,
    bandMm: darkBandWidth(prof, centre, window, 4) * STEP * view.mmPerPx,
  };
}

/** A vertical profile through `column` (patient point) crossing the endplate at height y. */
function endplateAt(view: View, column: Vec3, y: number): CortexFigure {
  const at = view.px({ ...column, y });
  const span = 6 / view.mmPerPx;
  return cortexAlong(view, [at[0], at[1] - span], [at[0], at[1] + span], span, 3);
}

export interface ApFigures {
  /** Centres (px) of the left and right pedicle rings and of the spinous process on the pedicle row. */
  readonly leftPx: number;
  readonly rightPx: number;
  readonly spinousPx: number;
  /** |left distance - right distance| / (their sum): 0 when the pedicles are symmetric about the spinous process. */
  readonly pedicleAsymmetry: number;
  /** Spinous process centre minus the pedicles' midpoint, mm. */
  readonly spinousOffsetMm: number;
  /** The target's inferior endplate (intact) on a column a quarter body width off the midline. */
  readonly inferiorEndplate: CortexFigure;
}

/** Ring centre on a profile: the midpoint of the two walls (the two deepest dark lines at least minSep apart). */
function ringCentre(prof: readonly number[], lo: number, hi: number, minSep: number): number {
  const near = darkLines(prof, 3).filter((l) => l.at >= lo && l.at <= hi);
  if (near.length === 0) return Number.NaN;
  const first = near[0];
  const second = near.find((l) => Math.abs(l.at - first.at) >= minSep);
  return second ? (first.at + second.at) / 2 : first.at;
}

export function apFigures(s: LevelScene, view: View): ApFigures {
  const t = s.target;
  const mid = (p: typeof s.left): Vec3 => scale(add(p.anteriorCentre, p.posteriorCentre), 0.5);
  const lp = view.px(mid(s.left));
  const rp = view.px(mid(s.right));
  const row = (lp[1] + rp[1]) / 2;
  const x0 = Math.min(lp[0], rp[0]) - 20 / view.mmPerPx;
  const x1 = Math.max(lp[0], rp[0]) + 20 / view.mmPerPx;
  const toPx = (i: number): number => x0 + i * STEP;
  const toI = (x: number): number => (x - x0) / STEP;
  const wPx = s.left.widthMm / view.mmPerPx;
  // Three rows across the pedicles' middle half; each finds its rings, the median is kept.
  const lefts: number[] = [];
  const rights: number[] = [];
  const spins: number[] = [];
  for (const dy of [-0.25, 0, 0.25]) {
    const y = row + (dy * s.left.heightMm) / view.mmPerPx;
    const prof = lineProfile(view.image, [x0, y], [x1, y], STEP, 1);
    const ring = (x: number): number =>
      toPx(ringCentre(prof, toI(x - 0.9 * wPx), toI(x + 0.9 * wPx), (0.4 * wPx) / STEP));
    const l = ring(lp[0]);
    const r = ring(rp[0]);
    lefts.push(l);
    rights.push(r);
    // The spinous process between the pedicles' medial walls: the midpoint of its outermost strong lines.
    const lo = toI(Math.min(l, r) + 0.75 * wPx);
    const hi = toI(Math.max(l, r) - 0.75 * wPx);
    const near = darkLines(prof, 3).filter((d) => d.at >= lo && d.at <= hi);
    const strong = near.filter((d) => d.depth >= 0.3 * (near[0]?.depth ?? 0)).map((d) => d.at);
    spins.push(strong.length ? toPx((Math.min(...strong) + Math.max(...strong)) / 2) : Number.NaN);
  }
  const med = (a: number[]): number => [...a].sort((p, q) => p - q)[1];
  const leftPx = med(lefts);
  const rightPx = med(rights);
  const spinousPx = med(spins);
  const dl = Math.abs(spinousPx - leftPx);
  const dr = Math.abs(rightPx - spinousPx);
  const column = { x: t.centre.x + t.bodyWidthMm / 4, y: 0, z: t.centre.z };
  return {
    leftPx,
    rightPx,
    spinousPx,
    pedicleAsymmetry: Math.abs(dl - dr) / (dl + dr),
    spinousOffsetMm: (spinousPx - (leftPx + rightPx) / 2) * view.mmPerPx,
    inferiorEndplate: endplateAt(view, column, t.centre.y - t.intactHeightMm / 2),
  };
}

export interface LateralFigures {
  /** The posterior wall on a row a third of the body height below its centre (under the pedicles). */
  readonly posteriorWall: CortexFigure;
  /** The target's inferior endplate and the superior endplate of the body below, on the body's centre column. */
  readonly inferiorEndplate: CortexFigure;
  readonly belowSuperiorEndplate: CortexFigure;
  /** Spread of the pedicles' caudal border (a step edge), mm: sharp when left and right superimpose. */
  readonly pedicleEdgeMm: number;
  /** The disc below the target: height of the light band between the two endplate lines, mm, and its lift over the bodies, grey levels. */
  readonly discHeightMm: number;
  readonly discContrast: number;
  /** Mean grey of the foramen below the pedicle minus that of the pedicle: positive when the foramen is lighter. */
  readonly foramenContrast: number;
}

export function lateralFigures(s: LevelScene, view: View): LateralFigures {
  const t = s.target;
  const below = s.anatomy.vertebrae[s.anatomy.targetIndex + 1];
  const wallZ = t.centre.z + t.bodyDepthMm / 2;
  const wallAt = view.px({ x: t.centre.x, y: t.centre.y - t.intactHeightMm / 3, z: wallZ });
  const span = 8 / view.mmPerPx;
  const posteriorWall = cortexAlong(view, [wallAt[0] - span, wallAt[1]], [wallAt[0] + span, wallAt[1]], span, 3);
  const column = t.centre;
  const infY = t.centre.y - t.intactHeightMm / 2;
  const belowSupY = below.centre.y + below.intactHeightMm / 2;
  const inferiorEndplate = endplateAt(view, column, infY);
  const belowSuperiorEndplate = endplateAt(view, column, belowSupY);
  // Disc: the profile between the two endplates; the light band's width at half its rise above the endplate lines.
  const a = view.px({ ...column, y: infY });
  const b = view.px({ ...column, y: belowSupY });
  const pad = 3 / view.mmPerPx;
  const prof = lineProfile(view.image, [a[0], a[1] - pad], [b[0], b[1] + pad], STEP, 3);
  const lines = darkLines(prof, 4);
  const top = lines.filter((l) => l.at * STEP <= 2 * pad).sort((p, q) => q.depth - p.depth)[0];
  const bottom = lines
    .filter((l) => l.at * STEP >= Math.hypot(b[0] - a[0], b[1] - a[1]))
    .sort((p, q) => q.depth - p.depth)[0];
  let discHeightMm = 0;
  let discContrast = 0;
  if (top && bottom) {
    const seg = prof.slice(Math.round(top.at), Math.round(bottom.at) + 1);
    const peak = Math.max(...seg);
    const floor = Math.max(prof[Math.round(top.at)], prof[Math.round(bottom.at)]);
    const half = (peak + floor) / 2;
    discHeightMm = seg.filter((g) => g >= half).length * STEP * view.mmPerPx;
    // Against the bodies' interiors just outside the endplates.
    const inside = 2.5 / view.mmPerPx / STEP;
    const body = lineProfile(view.image, [a[0], a[1] - inside * STEP * 2], [a[0], a[1] - inside * STEP], STEP, 3)
      .concat(lineProfile(view.image, [b[0], b[1] + inside * STEP], [b[0], b[1] + inside * STEP * 2], STEP, 3))
      .reduce((p, q) => p + q, 0);
    discContrast = peak - body / (2 * (Math.round(inside) + 1));
  }
  // Pedicles: on a true lateral the left and right pedicle bands superimpose, so the band's caudal
  // border is one sharp step; doubled it is a staircase. Median over four columns along the pedicle.
  const pMid = scale(
    add(add(s.left.anteriorCentre, s.left.posteriorCentre), add(s.right.anteriorCentre, s.right.posteriorCentre)),
    0.25,
  );
  const spreads = [0.3, 0.4, 0.5, 0.6]
    .map((f) => {
      const a = scale(add(s.left.anteriorCentre, s.right.anteriorCentre), 0.5);
      const b = scale(add(s.left.posteriorCentre, s.right.posteriorCentre), 0.5);
      const e = view.px({ x: a.x, y: a.y - s.left.heightMm / 2, z: a.z + (b.z - a.z) * f });
      const reach = 4 / view.mmPerPx;
      const p = lineProfile(view.image, [e[0], e[1] - reach], [e[0], e[1] + reach], STEP, 2);
      return edgeSpread(p, reach / STEP, 2.5 / view.mmPerPx / STEP) * STEP * view.mmPerPx;
    })
    .sort((p, q) => p - q);
  const pedicleEdgeMm = (spreads[1] + spreads[2]) / 2;
  // Foramen: between this pedicle's caudal border and the next level's pedicle, behind the body.
  const nextPed = below.pedicles[0];
  const foramenY = (pMid.y - s.left.heightMm / 2 + nextPed.anteriorCentre.y + nextPed.heightMm / 2) / 2;
  const rPx = 1.5 / view.mmPerPx;
  const fp = view.px({ ...pMid, y: foramenY });
  const pp = view.px(pMid);
  const foramenContrast = meanInDisc(view.image, fp[0], fp[1], rPx) - meanInDisc(view.image, pp[0], pp[1], rPx);
  return {
    posteriorWall,
    inferiorEndplate,
    belowSuperiorEndplate,
    pedicleEdgeMm,
    discHeightMm,
    discContrast,
    foramenContrast,
  };
}

export interface OwlFigures {
  /** Radius of the darkest circle round the pedicle's projected centre, mm, and how much darker it is than the core. */
  readonly ringRadiusMm: number;
  readonly ringContrast: number;
  /** With the docked trocar: the steel dot's longest extent, mm, and its centre's distance from the ring centre, mm. */
  readonly dotLengthMm: number;
  readonly dotOffsetMm: number;
}

export function owlFigures(s: LevelScene, plain: View, trocar: View): OwlFigures {
  const aspect = s.left.widthMm / s.left.heightMm;
  const maxR = (0.75 * s.left.heightMm) / plain.mmPerPx;
  const coreN = Math.max(2, Math.round((0.15 * s.left.heightMm) / plain.mmPerPx / STEP));
  const ringAt = (x: number, y: number) => {
    const prof = radialProfile(plain.image, x, y, maxR, STEP, aspect);
    let iMin = coreN;
    for (let i = coreN; i < prof.length; i++) if (prof[i] < prof[iMin]) iMin = i;
    const core = prof.slice(0, coreN).reduce((p, q) => p + q, 0) / coreN;
    return { iMin, ring: prof[iMin], contrast: core - prof[iMin] };
  };
  // The ring's centre from the image: where, within 2 mm of the projected pedicle centre, the
  // radial profile's darkest ellipse is darkest (concentric with the cortex).
  const guess = plain.px(s.left.anteriorCentre);
  const reach = Math.round(2 / plain.mmPerPx);
  let c: [number, number] = guess;
  let best = ringAt(guess[0], guess[1]);
  for (let dy = -reach; dy <= reach; dy += 2)
    for (let dx = -reach; dx <= reach; dx += 2) {
      const r = ringAt(guess[0] + dx, guess[1] + dy);
      if (r.ring < best.ring) {
        best = r;
        c = [guess[0] + dx, guess[1] + dy];
      }
    }
  const iMin = best.iMin;
  const ringRadiusMm = iMin * STEP * plain.mmPerPx;
  const ringContrast = best.contrast;
  const ringGrey = best.ring;
  // Steel: far darker than any bone; threshold at a third of the ring's grey.
  const threshold = ringGrey / 3;
  const r = iMin * STEP;
  const dotLengthMm = darkBlobLength(trocar.image, c[0], c[1], r, threshold) * trocar.mmPerPx;
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = Math.floor(c[1] - r); y <= Math.ceil(c[1] + r); y++)
    for (let x = Math.floor(c[0] - r); x <= Math.ceil(c[0] + r); x++)
      if (trocar.image.grey[y * trocar.image.size + x] < threshold) {
        sx += x + 0.5;
        sy += y + 0.5;
        n++;
      }
  const dotOffsetMm = n ? Math.hypot(sx / n - c[0], sy / n - c[1]) * trocar.mmPerPx : Number.NaN;
  return { ringRadiusMm, ringContrast, dotLengthMm, dotOffsetMm };
}

export interface LevelFigures {
  readonly level: LevelName;
  readonly ap: ApFigures;
  readonly apRotated: ApFigures;
  readonly lateral: LateralFigures;
  readonly lateralMisaligned: LateralFigures;
  readonly owl: OwlFigures;
  readonly owlOff: OwlFigures;
}

const figures = new Map<LevelName, LevelFigures>();

/** Every checklist figure of one level (renders cached). */
export function levelFigures(level: LevelName): LevelFigures {
  const hit = figures.get(level);
  if (hit) return hit;
  const s = sceneAt(level);
  const v = (name: ViewName): View => viewOf(s, name);
  const f: LevelFigures = {
    level,
    ap: apFigures(s, v('ap')),
    apRotated: apFigures(s, v('apRotated')),
    lateral: lateralFigures(s, v('lateral')),
    lateralMisaligned: lateralFigures(s, v('lateralMisaligned')),
    owl: owlFigures(s, v('owl'), v('owlTrocar')),
    owlOff: owlFigures(s, v('owlOff'), v('owlOffTrocar')),
  };
  figures.set(level, f);
  return f;
}
