import type { Side } from '../../../sim/core';
import { defaultSkinEntry } from '../../../sim/anatomy';
import { exitThroughSkin, skinZAt } from '../../../sim/anatomy';
import { DETECTOR_DIAMETER_MM, targetIsocentre } from '../../../sim/imaging';
import { createProjection, type Projection } from '../../../sim/imaging';
import { add, dot, scale, type Vec3 } from '../../../sim/math';
import type { SimSnapshot } from '../../../sim/session';
import type { EntryDraft } from './actionTypes';
import { poseForView } from '../../../sim/imaging';

/** A point on a monitor image as fractions of its width and height from the top-left corner. */
export interface ImagePoint {
  readonly fx: number;
  readonly fy: number;
}

/** needle.entry takes offsets within this range, mm (sim/core/commandSchema.ts). */
export const MAX_ENTRY_OFFSET_MM = 60;

/**
 * The AP monitor's projection, as the renderer builds it (createXRayRenderer.ts): the pose of the
 * snapshot for that view and the II field under the current electronic magnification.
 */
function apProjection(snapshot: SimSnapshot): Projection {
  const zoom = snapshot.carm.zoom > 0 ? snapshot.carm.zoom : 1;
  return createProjection(poseForView(snapshot, 'AP'), DETECTOR_DIAMETER_MM / zoom);
}

/**
 * The skin of the back under a point of the AP image: the ray from the focal spot through that
 * detector point (image left = patient's left, up = cranial; pixelToDetector's convention) is
 * followed from where it crosses the isocentre's depth, inside the body, out through the
 * posterior skin (the AP beam runs anterior to posterior, toward the detector over the back).
 */
export function skinUnderImagePoint(snapshot: SimSnapshot, p: ImagePoint): Vec3 {
  const proj = apProjection(snapshot);
  const size = proj.detectorSizeMm;
  const ray = proj.rayAt((p.fx - 0.5) * size, (0.5 - p.fy) * size);
  const alongCentral = dot(ray.direction, proj.direction);
  const inside = add(ray.origin, scale(ray.direction, proj.pose.sourceToIsocentreMm / alongCentral));
  return exitThroughSkin(snapshot.treatedAnatomy, inside, ray.direction);
}

/** Where offsets (0, 0) put the entry: the default entry of the marked vertebra (the world measures entries from it). */
function entryBase(snapshot: SimSnapshot, side: Side): Vec3 {
  const base = defaultSkinEntry(snapshot.treatedAnatomy, side);
  return { ...base, y: base.y + (snapshot.skinMark?.vertebraOffsetMm ?? 0) };
}

// `|| 0` turns -0 into 0, so the command log never reads "-0 mm".
const clampOffset = (mm: number): number =>
  Math.max(-MAX_ENTRY_OFFSET_MM, Math.min(MAX_ENTRY_OFFSET_MM, Math.round(mm) || 0));

/**
 * The skin entry a click on the AP image asks for: the side is the side of the midline (the target
 * body's centre) the skin point lies on, the offsets are from that side's default entry
 * (defaultSkinEntry), lateral positive, rounded to 1 mm and clamped to needle.entry's range.
 */
export function entryFromImagePoint(snapshot: SimSnapshot, p: ImagePoint): EntryDraft {
  const skin = skinUnderImagePoint(snapshot, p);
  const side: Side = skin.x >= targetIsocentre(snapshot.treatedAnatomy).x ? 'left' : 'right';
  const base = entryBase(snapshot, side);
  const sign = side === 'left' ? 1 : -1;
  return { side, lateralMm: clampOffset(sign * (skin.x - base.x)), cranialMm: clampOffset(skin.y - base.y) };
}

/** Where an entry (draft or set) lies on the AP image, as fractions of the image (the inverse of entryFromImagePoint). */
export function imagePointOfEntry(snapshot: SimSnapshot, entry: EntryDraft): ImagePoint | null {
  const base = entryBase(snapshot, entry.side);
  const x = base.x + (entry.side === 'left' ? 1 : -1) * entry.lateralMm;
  const q = apProjection(snapshot).project({ x, y: base.y + entry.cranialMm, z: skinZAt(snapshot.treatedAnatomy, x) });
  if (!q) return null;
  const size = DETECTOR_DIAMETER_MM / (snapshot.carm.zoom > 0 ? snapshot.carm.zoom : 1);
  return { fx: q.uMm / size + 0.5, fy: 0.5 - q.vMm / size };
}
