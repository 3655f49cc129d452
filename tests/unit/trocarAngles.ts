import { dot, length, type Vec3 } from '../../sim/math/vec3';

/** Angle between two directions, degrees. */
export function angleBetween(a: Vec3, b: Vec3): number {
  const c = dot(a, b) / (length(a) * length(b));
  return (Math.acos(Math.min(1, Math.max(-1, c))) * 180) / Math.PI;
}
