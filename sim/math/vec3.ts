/** A point or direction in the patient frame, millimetres: x patient's left, y cranial, z posterior. */
export interface Vec3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** Build a vector. */
export const vec3 = (x: number, y: number, z: number): Vec3 => ({ x, y, z });
/** a + b */
export const add = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x + b.x, y: a.y + b.y, z: a.z + b.z });
/** a - b */
export const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
/** a * s */
export const scale = (a: Vec3, s: number): Vec3 => ({ x: a.x * s, y: a.y * s, z: a.z * s });
/** Dot product. */
export const dot = (a: Vec3, b: Vec3): number => a.x * b.x + a.y * b.y + a.z * b.z;
/** Euclidean length. */
export const length = (a: Vec3): number => Math.hypot(a.x, a.y, a.z);
/** Unit vector (zero stays zero). */
export const normalize = (a: Vec3): Vec3 => {
  const l = length(a);
  return l > 0 ? scale(a, 1 / l) : a;
};
/** Distance between two points. */
export const distance = (a: Vec3, b: Vec3): number => length(sub(a, b));
/** Linear interpolation a + (b - a) t. */
export const lerp = (a: Vec3, b: Vec3, t: number): Vec3 => add(a, scale(sub(b, a), t));
