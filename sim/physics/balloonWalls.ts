import { footprintRimPoint } from '../anatomy/footprint';
import { compilePedicle } from '../anatomy/compileAnatomy';
import type { Anatomy } from '../anatomy/types';

/** Which part of the target body's rim a wall segment is: its cortex by outward normal, or a pedicle's core opening. */
export type BalloonWallId = 'lateral' | 'anterior' | 'posterior' | 'opening';

/** One rim segment in the axial plane (matter's x = patient x, matter's y = patient z): a thin rectangle. */
export interface BalloonWall {
  readonly id: BalloonWallId;
  readonly cx: number;
  readonly cz: number;
  readonly lengthMm: number;
  readonly thicknessMm: number;
  readonly angleRad: number;
}

/** Segments of the body's rim (the same count as the trocar's wallSensors.ts, so both see the same rim). */
const RIM_SEGMENTS = 64;
/** Thinnest wall built, mm: thinner would let a ring particle tunnel through in one step. */
const MIN_THICKNESS_MM = 1;

/**
 * The target body's cortical rim cut by the axial plane at height y, as the balloon's ring meets it
 * (sim/physics/README.md, Balloon world). Built like wallSensors.ts builds the trocar's rim (same
 * footprint, same 64 segments, cortex thickness inward, labelled by outward normal), with two
 * differences: every segment is built whatever the height (the balloon sits between the endplates,
 * and a wedge that drops the anterior plate below the plane must not open a hole in the ring's
 * world), and where a pedicle's core joins the body the segment is kept but labelled `opening`: the
 * working cannula fills that channel, so the balloon cannot inflate back into the pedicle, but
 * pressing there is not pressing on cortex.
 */
export function balloonWallsAt(anatomy: Anatomy, y: number): BalloonWall[] {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const peds = v.pedicles.map(compilePedicle);
  const inPedicleCore = (x: number, z: number): boolean =>
    peds.some((p) => {
      const dx = x - p.ax;
      const dz = z - p.az;
      const t = dx * p.ux + dz * p.uz;
      const w = (dx * p.nx + dz * p.nz) / (p.a - p.c);
      const dv = Math.max(-1, Math.min(1, (y - p.y) / (p.b - p.c)));
      return t >= -4 && t <= p.len && w * w + dv * dv <= 1;
    });
  const a = v.bodyWidthMm / 2;
  const b = v.bodyDepthMm / 2;
  const thick = Math.max(MIN_THICKNESS_MM, v.cortexMm);
  const out: BalloonWall[] = [];
  for (let i = 0; i < RIM_SEGMENTS; i++) {
    const p0 = footprintRimPoint((2 * Math.PI * i) / RIM_SEGMENTS, a, b);
    const p1 = footprintRimPoint((2 * Math.PI * (i + 1)) / RIM_SEGMENTS, a, b);
    const mx = (p0.x + p1.x) / 2;
    const mz = (p0.z + p1.z) / 2;
    const len = Math.hypot(p1.x - p0.x, p1.z - p0.z);
    // Outward normal of a counter-clockwise rim (theta increases from left to posterior).
    const nx = (p1.z - p0.z) / len;
    const nz = -(p1.x - p0.x) / len;
    const id: BalloonWallId = inPedicleCore(v.centre.x + mx, v.centre.z + mz)
      ? 'opening'
      : nz > 0.5
        ? 'posterior'
        : nz < -0.5
          ? 'anterior'
          : 'lateral';
    // The inner face lies cortexMm inside the rim, whatever thickness the body is built with.
    const inset = v.cortexMm - thick / 2;
    out.push({
      id,
      cx: v.centre.x + mx - nx * inset,
      cz: v.centre.z + mz - nz * inset,
      lengthMm: len + 0.4,
      thicknessMm: thick,
      angleRad: Math.atan2(p1.z - p0.z, p1.x - p0.x),
    });
  }
  return out;
}
