/** Angular bins around the balloon centre (1 deg). */
const BINS = 360;
/** A point this close inside the swept radius still counts as at the compaction front, mm. */
const FRONT_TOLERANCE_MM = 0.02;
/** Points sampled along each ring segment when sweeping. */
const SAMPLES_PER_SEGMENT = 4;

/**
 * The cancellous bone the balloon's ring has already crushed, in its axial plane: the largest
 * distance from the balloon centre the ring has reached in each direction (the cavity is
 * star-shaped about the centre: a capsule around the shaft). Crushing fresh bone costs the yield
 * pressure; moving inside what was swept (re-inflating after a deflation) costs nothing.
 */
export class CompactedBone {
  private readonly reach = new Float64Array(BINS);

  constructor(
    private readonly cx: number,
    private readonly cz: number,
    initial: readonly { x: number; z: number }[],
  ) {
    this.sweep(initial);
  }

  /** Whether a point lies at or beyond the compaction front (moving outward there crushes bone). */
  isFresh(x: number, z: number): boolean {
    const dx = x - this.cx;
    const dz = z - this.cz;
    return Math.hypot(dx, dz) >= this.reach[this.bin(dx, dz)] - FRONT_TOLERANCE_MM;
  }

  /** The swept radius in the direction of a point, mm. */
  reachMm(x: number, z: number): number {
    return this.reach[this.bin(x - this.cx, z - this.cz)];
  }

  /** Extend the front to a closed ring's outline (sampled along each segment). */
  sweep(ring: readonly { x: number; z: number }[]): void {
    for (let i = 0; i < ring.length; i++) {
      const p = ring[i];
      const q = ring[(i + 1) % ring.length];
      for (let k = 0; k < SAMPLES_PER_SEGMENT; k++) {
        const f = k / SAMPLES_PER_SEGMENT;
        const dx = p.x + (q.x - p.x) * f - this.cx;
        const dz = p.z + (q.z - p.z) * f - this.cz;
        const b = this.bin(dx, dz);
        this.reach[b] = Math.max(this.reach[b], Math.hypot(dx, dz));
      }
    }
  }

  private bin(dx: number, dz: number): number {
    const a = Math.atan2(dz, dx);
    return Math.min(BINS - 1, Math.floor(((a + Math.PI) / (2 * Math.PI)) * BINS));
  }
}
