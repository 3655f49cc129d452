import { IMAGING_CODE, CODE } from './tissueCodes';
import type { Opening, VertebraGeometry } from './types';

/**
 * What a fracture adds inside the target body, for the images as on real films (all sizes assumed;
 * radiographic signs from standard musculoskeletal radiology):
 * - impaction band: compressed trabeculae under the fractured superior endplate, a dense band
 *   3 mm deep (twice the bone volume fraction), the "band of condensation" of compression fractures;
 * - endplate fracture line (scenario.fracture.endplateCrack): a 1 mm coronal gap through the
 *   superior endplate cortex and 5 mm into the body, over 60 % of the body's width, centred on the
 *   crack opening (the opening's diameter still sets the cement leak);
 * - lytic defects (posterior wall / lateral cortex defect, malignant cases): the cortex is missing
 *   and the bone behind it replaced by soft tissue over a sphere of radius 1.2 d + 3 mm around the
 *   opening, so the wall line is interrupted and the body is rarefied there;
 * - the intravertebral cleft: gas (existing).
 */
export const FRACTURE_DETAIL = {
  impactionBandMm: 3,
  crackGapHalfMm: 0.5,
  crackDepthMm: 5,
  crackHalfLengthShare: 0.3,
  lyticRadiusPerD: 1.2,
  lyticRadiusAddMm: 3,
};

const NONE = -1;

export interface CompiledFractureDetail {
  readonly holes: readonly Opening[];
  /** Crack line: x centre, z, half-length (NaN x when none). */
  readonly crackX: number;
  readonly crackZ: number;
  readonly crackHalfLen: number;
  /** Lytic spheres: x, y, z, r^2 per defect. */
  readonly lytic: Float64Array;
}

/** Compile the fracture's image detail for the target body. */
export function compileFractureDetail(v: VertebraGeometry, openings: readonly Opening[]): CompiledFractureDetail {
  const crack = openings.find((o) => o.kind === 'endplateCrack');
  const lyticOpenings = openings.filter((o) => o.kind === 'posteriorWallDefect' || o.kind === 'lateralCortexDefect');
  const lytic = new Float64Array(lyticOpenings.length * 4);
  lyticOpenings.forEach((o, i) => {
    const r = FRACTURE_DETAIL.lyticRadiusPerD * o.diameterMm + FRACTURE_DETAIL.lyticRadiusAddMm;
    lytic.set([o.position.x, o.position.y, o.position.z, r * r], i * 4);
  });
  return {
    holes: openings,
    crackX: crack ? crack.position.x : NaN,
    crackZ: crack ? crack.position.z : NaN,
    // Within the body: the line stops short of the lateral walls.
    crackHalfLen: crack
      ? Math.max(
          1,
          Math.min(
            FRACTURE_DETAIL.crackHalfLengthShare * v.bodyWidthMm,
            0.85 * (v.bodyWidthMm / 2) - Math.abs(crack.position.x - v.centre.x),
          ),
        )
      : 0,
    lytic,
  };
}

/**
 * Code inside the target body (between its endplates) where the fracture changes it, else -1:
 * cleft gas, lytic tissue, the crack's gap; `sup` is the superior endplate's y there.
 */
export function fractureDetailCode(d: CompiledFractureDetail, x: number, y: number, z: number, sup: number): number {
  if (inCleft(d.holes, x, y, z)) return CODE.air;
  const l = d.lytic;
  for (let i = 0; i < l.length; i += 4) {
    const dx = x - l[i];
    const dy = y - l[i + 1];
    const dz = z - l[i + 2];
    if (dx * dx + dy * dy + dz * dz <= l[i + 3]) return IMAGING_CODE.lytic;
  }
  if (
    Math.abs(z - d.crackZ) <= FRACTURE_DETAIL.crackGapHalfMm &&
    Math.abs(x - d.crackX) <= d.crackHalfLen &&
    sup - y <= FRACTURE_DETAIL.crackDepthMm
  ) {
    return IMAGING_CODE.fractureGap;
  }
  return NONE;
}

function inCleft(holes: readonly Opening[], x: number, y: number, z: number): boolean {
  for (let i = 0; i < holes.length; i++) {
    const o = holes[i];
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
export function inHole(holes: readonly Opening[], x: number, y: number, z: number): boolean {
  for (let i = 0; i < holes.length; i++) {
    const o = holes[i];
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
