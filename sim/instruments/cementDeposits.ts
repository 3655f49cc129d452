import type { LeakLocation } from '../core/events';
import { add, normalize, scale, sub, vec3, type Vec3 } from '../math/vec3';
import type { CementDeposit } from './cementView';

const sphereRadiusMm = (volumeMl: number): number => Math.cbrt((3 * volumeMl * 1000) / (4 * Math.PI));

/** Radii with the same volume as a sphere of volumeMl, stretched by the aspect (x, y, z). */
function stretched(volumeMl: number, aspect: Vec3): Vec3 {
  const r = sphereRadiusMm(volumeMl);
  const k = Math.cbrt(aspect.x * aspect.y * aspect.z);
  return vec3((r * aspect.x) / k, (r * aspect.y) / k, (r * aspect.z) / k);
}

/** Shape of a leak track by location (x, y, z aspect; assumed): veins and canal run cranio-caudally, disc leaks are flat. */
const LEAK_ASPECT: Readonly<Record<LeakLocation, Vec3>> = {
  epidural: vec3(1, 3, 0.6),
  foraminal: vec3(1, 1.5, 1),
  venous: vec3(0.7, 3, 0.7),
  intradiscal: vec3(2, 0.35, 2),
  paravertebral: vec3(1, 2.5, 1),
  tract: vec3(0.6, 0.6, 3),
};

/** A leak track near its opening, pushed outward from the body centre by its own size. */
export function leakDeposit(location: LeakLocation, opening: Vec3, bodyCentre: Vec3, volumeMl: number): CementDeposit {
  const radii = stretched(volumeMl, LEAK_ASPECT[location]);
  let dir = normalize(sub(opening, bodyCentre));
  if (location === 'intradiscal') dir = vec3(0, opening.y >= bodyCentre.y ? 1 : -1, 0);
  const reach = Math.abs(dir.x) * radii.x + Math.abs(dir.y) * radii.y + Math.abs(dir.z) * radii.z;
  return { location, centre: add(opening, scale(dir, reach)), radii, volumeMl };
}
