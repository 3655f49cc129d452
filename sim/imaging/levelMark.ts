import type { Anatomy } from '../anatomy/types';
import type { Rng } from '../math/rng';
import type { Vec3 } from '../math/vec3';
import { MAX_PAN_MM } from '../core/bounds';
import { segmentAt, spineSegments, type SpineSegment } from '../anatomy/segmentation';
import { skinZAt } from '../anatomy/torso';

/**
 * Where the table starts under the C-arm and where the skin mark goes (level localisation,
 * docs/clinical-sources.md, Level localisation). The C-arm is wheeled in roughly over the painful
 * level, not exactly over the fracture: the trainee has to image and count before marking.
 */

/** Start: centred on a vertebra up to this many levels from the target, either way (assumed). */
const START_LEVELS_AWAY = 2;
/** And off that vertebra's centre by up to this, mm (sd; assumed). */
const START_JITTER_SD_MM = 4;

/** The table's start and the range it may move: image centre above the target's centre, mm. */
export interface TablePlacement {
  readonly startPanMm: number;
  readonly rangeMm: readonly [number, number];
}

/**
 * Draw where the C-arm starts: over the target or up to two levels above or below it, uniformly
 * (seeded, its own stream). The table moves MAX_PAN_MM either way from there, and never beyond
 * the counted spine (T1 to S4).
 */
export function drawTablePlacement(anatomy: Anatomy, rng: Rng): TablePlacement {
  const segments = spineSegments(anatomy);
  const targetY = anatomy.vertebrae[anatomy.targetIndex].centre.y;
  const ti = segments.findIndex((s) => s.level === anatomy.vertebrae[anatomy.targetIndex].level);
  const r = rng.fork('table-start');
  const k = Math.min(START_LEVELS_AWAY * 2, Math.floor(r.next() * (START_LEVELS_AWAY * 2 + 1))) - START_LEVELS_AWAY;
  const start = segments[Math.max(0, Math.min(segments.length - 1, ti + k))];
  const startPanMm = start.centreY - targetY + r.normal(0, START_JITTER_SD_MM);
  const top = segments[0].topY - targetY;
  const bottom = segments[segments.length - 1].bottomY - targetY;
  return {
    startPanMm,
    rangeMm: [Math.max(bottom, startPanMm - MAX_PAN_MM), Math.min(top, startPanMm + MAX_PAN_MM)],
  };
}

/** The radiopaque skin marker as the snapshot shows it. */
export interface SkinMarkView {
  /** The vertebra under the mark (true name counted from C2). */
  readonly level: string;
  /** The marker on the posterior skin, in the midline, patient frame. */
  readonly position: Vec3;
  /** The marked vertebra's centre above the target's, mm (0 over the fracture): skin entries are measured from it. */
  readonly vertebraOffsetMm: number;
}

/** The vertebra whose body the AP central ray crosses at this pan, and the marker on the skin above it. */
export function markUnderCentralRay(
  anatomy: Anatomy,
  panMm: number,
): { readonly segment: SpineSegment; readonly mark: SkinMarkView } {
  const targetY = anatomy.vertebrae[anatomy.targetIndex].centre.y;
  const y = targetY + panMm;
  const segment = segmentAt(spineSegments(anatomy), y);
  return {
    segment,
    mark: {
      level: segment.level,
      position: { x: 0, y, z: skinZAt(anatomy, 0) },
      vertebraOffsetMm: segment.centreY - targetY,
    },
  };
}
