import type { Vec3 } from '../math/vec3';
import { classifierFor } from './classifierCache';
import { TISSUES } from './tissueCodes';
import type { Anatomy, EndplateLift, Tissue } from './types';

/** The tissue at a point of the patient frame (same classifier as attenuationAt and the renderer's field). */
export function tissueAt(anatomy: Anatomy, p: Vec3, lift?: EndplateLift): Tissue {
  return TISSUES[classifierFor(anatomy, lift)(p.x, p.y, p.z)];
}
