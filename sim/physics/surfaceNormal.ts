import type { Vec3 } from '../math/vec3';

/** 26 directions of the unit cube's neighbours, normalised (a cheap, even sphere sampling). */
const DIRECTIONS: readonly Vec3[] = (() => {
  const out: Vec3[] = [];
  for (let x = -1; x <= 1; x++)
    for (let y = -1; y <= 1; y++)
      for (let z = -1; z <= 1; z++) {
        if (x === 0 && y === 0 && z === 0) continue;
        const l = Math.hypot(x, y, z);
        out.push({ x: x / l, y: y / l, z: z / l });
      }
  return out;
})();

/**
 * Outward normal of a bone surface near q, from the occupancy of a small sphere around it: the
 * normal points away from the mean direction of the samples that are bone. Works for any shape
 * the classifier knows (body, pedicle, posterior elements, ribs) without a formula per shape.
 * Returns null where the sphere is all bone or all soft tissue (no surface within radiusMm).
 */
export function surfaceNormal(
  isBone: (x: number, y: number, z: number) => boolean,
  q: Vec3,
  radiusMm = 1.5,
): Vec3 | null {
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let hits = 0;
  for (const d of DIRECTIONS) {
    if (!isBone(q.x + d.x * radiusMm, q.y + d.y * radiusMm, q.z + d.z * radiusMm)) continue;
    sx += d.x;
    sy += d.y;
    sz += d.z;
    hits++;
  }
  const l = Math.hypot(sx, sy, sz);
  if (hits === 0 || hits === DIRECTIONS.length || l < 1e-9) return null;
  return { x: -sx / l, y: -sy / l, z: -sz / l };
}
