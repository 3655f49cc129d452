import type { Vec3 } from '../math/vec3';
import { HABITUS } from './habitus';
import type { Anatomy } from './types';

/** The torso's axial cross-section: an ellipse (half-width a, half-depth b) centred at z = zc, apex at the midline skin. */
export interface Torso {
  readonly a: number;
  readonly b: number;
  readonly zc: number;
}

/** Torso ellipse of an anatomy (habitus size, posterior apex at skinZMm). */
export function torsoOf(anatomy: Anatomy): Torso {
  const h = HABITUS[anatomy.scenario.patient.habitus];
  return { a: h.torsoHalfWidthMm, b: h.torsoHalfDepthMm, zc: anatomy.skinZMm - h.torsoHalfDepthMm };
}

/** Posterior skin z at lateral offset x (clamped to the torso's width). */
export function skinZAt(anatomy: Anatomy, x: number): number {
  const t = torsoOf(anatomy);
  const u = Math.min(0.999, Math.abs(x) / t.a);
  return t.zc + t.b * Math.sqrt(1 - u * u);
}

/** Where a ray from a point inside the torso, along dirOut, leaves it through the skin. */
export function exitThroughSkin(anatomy: Anatomy, from: Vec3, dirOut: Vec3): Vec3 {
  const t = torsoOf(anatomy);
  const px = from.x / t.a;
  const pz = (from.z - t.zc) / t.b;
  const dx = dirOut.x / t.a;
  const dz = dirOut.z / t.b;
  const alpha = dx * dx + dz * dz;
  const beta = 2 * (px * dx + pz * dz);
  const gamma = px * px + pz * pz - 1;
  const s = (-beta + Math.sqrt(Math.max(0, beta * beta - 4 * alpha * gamma))) / (2 * alpha);
  return { x: from.x + s * dirOut.x, y: from.y + s * dirOut.y, z: from.z + s * dirOut.z };
}
