/** The public face of sim/math/: vectors and the seeded random number generator. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { createRng } from './rng';
export { add, dot, normalize, scale, sub } from './vec3';
export type { Vec3 } from './vec3';
