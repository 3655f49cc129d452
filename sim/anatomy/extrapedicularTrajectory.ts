import { distance, normalize, scale, sub, type Vec3 } from '../math/vec3';
import { endplatesAt } from './endplatesAt';
import { defaultSkinEntry, trajectoryAngles } from './idealTrajectory';
import { pedicleOf } from './landmarks';
import { exitThroughSkin } from './torso';
import type { Anatomy } from './types';

type Side = 'left' | 'right';

/**
 * How far lateral of the pedicle's outer wall the extrapedicular path meets the body, mm (assumed:
 * the costovertebral gap between the pedicle and the rib head is a few millimetres wide at T5-T10).
 */
export const EXTRAPEDICULAR_GAP_MM = 1.5;

/**
 * The extrapedicular route (sim/physics/README.md "Missed pedicle"; docs/clinical-sources.md
 * Technique): for pedicles too narrow for the trocar, the path passes lateral of the pedicle
 * through the costovertebral gap, between the pedicle's outer wall and the rib head, and enters
 * the body at its posterolateral corner just in front of the pedicle's base, converging steeply
 * onto a target in the anterior third near the midline. A wider window than the pedicle's core,
 * so an aim error of a few degrees that would carry a transpedicular tip through a 4 mm pedicle's
 * wall still enters the body.
 *
 * boneEntry: beside the pedicle's anterior end, EXTRAPEDICULAR_GAP_MM outside its lateral wall,
 * at the pedicle's mid-height. target: 1 mm to the entry side of the midline, 60 % of the
 * half-depth in front of the body's centre (as the transpedicular target), mid-height.
 */
export function extrapedicularTrajectory(
  anatomy: Anatomy,
  side: Side,
): { medialDeg: number; caudalDeg: number; depthMm: number; target: Vec3; boneEntry: Vec3; skinEntry: Vec3 } {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const sign = side === 'left' ? 1 : -1;
  const p = pedicleOf(v, side);
  const out = p.a + EXTRAPEDICULAR_GAP_MM;
  const boneEntry = { x: p.ax + p.nx * out, y: p.y, z: p.az + p.nz * out };
  const tx = v.centre.x + sign * 1;
  const tz = v.centre.z - 0.6 * (v.bodyDepthMm / 2);
  const ep = endplatesAt(v, tx, tz);
  if (!ep) throw new Error('extrapedicularTrajectory: no target point between the endplates of the target vertebra');
  const target = { x: tx, y: (ep.superiorY + ep.inferiorY) / 2, z: tz };
  const dir = normalize(sub(target, boneEntry));
  const skinEntry = exitThroughSkin(anatomy, boneEntry, scale(dir, -1));
  return { ...trajectoryAngles(side, dir), depthMm: distance(skinEntry, target), target, boneEntry, skinEntry };
}

/**
 * needle.entry offsets (lateral, cranial, mm from the transpedicular skin entry: Trocar.setEntry)
 * that put the trocar on the skin where a route starts.
 */
export function routeSkinEntryOffsets(
  anatomy: Anatomy,
  side: Side,
  route: 'transpedicular' | 'extrapedicular',
): { lateralMm: number; cranialMm: number } {
  if (route === 'transpedicular') return { lateralMm: 0, cranialMm: 0 };
  const base = defaultSkinEntry(anatomy, side);
  const skin = extrapedicularTrajectory(anatomy, side).skinEntry;
  return { lateralMm: (side === 'left' ? 1 : -1) * (skin.x - base.x), cranialMm: skin.y - base.y };
}
