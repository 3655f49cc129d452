import { footprintRimPoint } from '../anatomy/footprint';
import { compilePedicle } from '../anatomy/compileAnatomy';
import type { VertebraGeometry } from '../anatomy/types';

/** Segments of the body's rim in an axial plane (more = smoother ring); the trocar's and the balloon's worlds share them. */
export const RIM_SEGMENTS = 64;

/** One segment of the body's footprint rim, relative to the body's centre (x, z in the axial plane). */
export interface RimSegment {
  /** Midpoint, relative to the body's centre, mm. */
  readonly mx: number;
  readonly mz: number;
  readonly lengthMm: number;
  /** Outward unit normal (counter-clockwise rim: theta increases from left to posterior). */
  readonly nx: number;
  readonly nz: number;
  readonly angleRad: number;
  /** Which wall by outward normal: posterior (nz > 0.5), anterior (nz < -0.5), else lateral. */
  readonly facing: 'posterior' | 'anterior' | 'lateral';
}

/** The body's footprint rim as RIM_SEGMENTS straight segments. */
export function bodyRimSegments(v: VertebraGeometry): RimSegment[] {
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const out: RimSegment[] = [];
  for (let i = 0; i < RIM_SEGMENTS; i++) {
    const p0 = footprintRimPoint((2 * Math.PI * i) / RIM_SEGMENTS, a, b);
    const p1 = footprintRimPoint((2 * Math.PI * (i + 1)) / RIM_SEGMENTS, a, b);
    const lengthMm = Math.hypot(p1.x - p0.x, p1.z - p0.z);
    const nx = (p1.z - p0.z) / lengthMm;
    const nz = -(p1.x - p0.x) / lengthMm;
    out.push({
      mx: (p0.x + p1.x) / 2,
      mz: (p0.z + p1.z) / 2,
      lengthMm,
      nx,
      nz,
      angleRad: Math.atan2(p1.z - p0.z, p1.x - p0.x),
      facing: nz > 0.5 ? 'posterior' : nz < -0.5 ? 'anterior' : 'lateral',
    });
  }
  return out;
}

/**
 * Whether an axial-plane point (absolute x, z) at height y lies in a pedicle's core where it runs
 * into the body (from 4 mm inside the body to its posterior end): there is no cortex there (the
 * classifier agrees). `clampHeight` treats a plane above or below the core as at its edge (the
 * balloon's world, which must stay closed at any height).
 */
export function pedicleCoreAt(v: VertebraGeometry, y: number, clampHeight = false): (x: number, z: number) => boolean {
  const peds = v.pedicles.map(compilePedicle);
  return (x, z) =>
    peds.some((p) => {
      const dx = x - p.ax;
      const dz = z - p.az;
      const t = dx * p.ux + dz * p.uz;
      const w = (dx * p.nx + dz * p.nz) / (p.a - p.c);
      const raw = (y - p.y) / (p.b - p.c);
      const dv = clampHeight ? Math.max(-1, Math.min(1, raw)) : raw;
      return t >= -4 && t <= p.len && w * w + dv * dv <= 1;
    });
}
