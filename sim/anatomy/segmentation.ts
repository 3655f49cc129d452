import type { Rng } from '../math/rng';
import { FULL_ORDER, levelPositions } from './levelPositions';
import type { Anatomy, SegmentationVariant } from './types';

export type { SegmentationVariant };

/**
 * How this patient's spine is segmented: the count of rib-bearing and mobile lumbar vertebrae
 * (docs/clinical-sources.md, Level localisation). Levels always keep their true names counted down
 * from C2, as the whole-spine MRI report names them; a variant changes which of them carries the
 * lowest rib or is the first fused (sacral) one, so a count from one landmark on the table can
 * land on the wrong vertebra.
 *
 * - lumbarisedS1: S1 is a mobile, lumbar-shaped segment with a disc below it; the sacrum starts at S2.
 * - sacralisedL5: L5 is fused to the sacrum; the first mobile segment above it is L4.
 * - ribs11: T12 carries no rib; the lowest rib is on T11 (the 18th segment).
 * - ribs13: L1 carries a rib; the lowest rib is on L1 (the 20th segment).
 */

/**
 * Rates per patient, one variant each (the combinations are rare and left out). Lumbosacral
 * transitional vertebrae in 10-19 % of adults, sacralised L5 4-17 % and lumbarised S1 1.7-5.8 %:
 * 8 % and 4 % (12 % in all). Lowest rib on the 18th segment (11 pairs) 3 %, on the 20th (13 pairs)
 * 5 %. The rest (80 %) count normally.
 */
export const SEGMENTATION_RATES: Readonly<Record<Exclude<SegmentationVariant, 'normal'>, number>> = {
  sacralisedL5: 0.08,
  lumbarisedS1: 0.04,
  ribs11: 0.03,
  ribs13: 0.05,
};

/**
 * Draw the variant from the anatomy's own stream. A variant that would fuse the fractured
 * vertebra into the sacrum (sacralised L5 with an L5 target) is not drawn: the case is a mobile
 * fractured L5, so that patient counts normally.
 */
export function drawSegmentation(rng: Rng, target: string): SegmentationVariant {
  const u = rng.fork('segmentation').next();
  let acc = 0;
  for (const [variant, rate] of Object.entries(SEGMENTATION_RATES) as [
    Exclude<SegmentationVariant, 'normal'>,
    number,
  ][]) {
    acc += rate;
    if (u < acc) return variant === 'sacralisedL5' && target === 'L5' ? 'normal' : variant;
  }
  return 'normal';
}

/** One vertebra as a count sees it on an AP image. */
export interface SpineSegment {
  /** True name counted from C2. */
  readonly level: string;
  readonly centreY: number;
  readonly topY: number;
  readonly bottomY: number;
  /** It carries a pair of ribs. */
  readonly ribs: boolean;
  /** Part of the fused sacrum (no disc below it). */
  readonly sacral: boolean;
}

/** Sacral segments below S2 for counting and marking: body heights, mm (assumed; the sacrum tapers). */
const SACRAL_BELOW: readonly { level: string; heightMm: number }[] = [
  { level: 'S3', heightMm: 18 },
  { level: 'S4', heightMm: 14 },
];
/** Disc below a lumbarised S1 (a mobile segment has one), mm (assumed, like a lower lumbar disc). */
export const LUMBARISED_S1_DISC_MM = 10;

/** The variant of an anatomy (hand-made fixtures without one count normally). */
export const segmentationOf = (anatomy: Pick<Anatomy, 'segmentation'>): SegmentationVariant =>
  anatomy.segmentation ?? 'normal';

/** Whether a level carries ribs in this variant. */
export function bearsRibs(level: string, variant: SegmentationVariant): boolean {
  if (level === 'T12') return variant !== 'ribs11';
  if (level === 'L1') return variant === 'ribs13';
  return level.startsWith('T');
}

/** The level of the lowest rib. */
export function lowestRibLevel(variant: SegmentationVariant): string {
  return variant === 'ribs11' ? 'T11' : variant === 'ribs13' ? 'L1' : 'T12';
}

/** The lowest mobile (non-sacral) level: the one a count from the sacrum calls L5. */
export function lowestMobileLevel(variant: SegmentationVariant): string {
  return variant === 'lumbarisedS1' ? 'S1' : variant === 'sacralisedL5' ? 'L4' : 'L5';
}

/**
 * Every vertebra from T1 to S4, cranial to caudal, where this patient's anatomy puts it: modelled
 * levels where they exist, the rest stacked from the table (levelPositions.ts), the sacrum below S2.
 */
export function spineSegments(anatomy: Pick<Anatomy, 'vertebrae' | 'segmentation'>): SpineSegment[] {
  const variant = segmentationOf(anatomy);
  const positions = levelPositions(anatomy.vertebrae);
  const modelled = new Set(anatomy.vertebrae.map((v) => v.level as string));
  const lowest = lowestMobileLevel(variant);
  const lowestIndex = FULL_ORDER.indexOf(lowest);
  const out: SpineSegment[] = [];
  // The sacrum is modelled in every build (buildAnatomy.ts) with a fused L5 against it and a disc
  // below a lumbarised S1; a hand-made anatomy without it is stacked from the table, moved to match.
  const l5 = positions[FULL_ORDER.indexOf('L5')];
  const s1 = positions[FULL_ORDER.indexOf('S1')];
  const s1Shift =
    variant === 'sacralisedL5' && !modelled.has('S1')
      ? l5.centreY - l5.heightMm / 2 - (s1.centreY + s1.heightMm / 2)
      : 0;
  const s2Shift = variant === 'lumbarisedS1' && !modelled.has('S2') ? -LUMBARISED_S1_DISC_MM : 0;
  for (const p of positions) {
    const y = p.level === 'S1' ? p.centreY + s1Shift : p.level === 'S2' ? p.centreY + s1Shift + s2Shift : p.centreY;
    out.push({
      level: p.level,
      centreY: y,
      topY: y + p.heightMm / 2,
      bottomY: y - p.heightMm / 2,
      ribs: bearsRibs(p.level, variant),
      sacral: FULL_ORDER.indexOf(p.level) > lowestIndex,
    });
  }
  const last = out[out.length - 1];
  // Sized like this patient's S2 (22 mm in the table, morphometry.ts).
  const scale = (last.topY - last.bottomY) / 22;
  let y = last.bottomY;
  for (const s of SACRAL_BELOW) {
    const h = s.heightMm * scale;
    out.push({ level: s.level, centreY: y - h / 2, topY: y, bottomY: y - h, ribs: false, sacral: true });
    y -= h;
  }
  return out;
}

/**
 * The vertebra whose body a horizontal line at height y crosses (the AP central ray at the body's
 * depth); in a disc space, the nearer body. Beyond the ends, the end vertebra.
 */
export function segmentAt(segments: readonly SpineSegment[], y: number): SpineSegment {
  let best = segments[0];
  let bestD = Number.POSITIVE_INFINITY;
  for (const s of segments) {
    if (y <= s.topY && y >= s.bottomY) return s;
    const d = Math.min(Math.abs(y - s.topY), Math.abs(y - s.bottomY));
    if (d < bestD) {
      bestD = d;
      best = s;
    }
  }
  return best;
}

/**
 * What whole-spine imaging showed, as a case-review finding, when the count is not the usual one;
 * null for a normal count. Worded like a report that counts from C2, so the trainee knows the
 * landmark on the table that will mislead them.
 */
export function segmentationFinding(variant: SegmentationVariant, target: string): string | null {
  switch (variant) {
    case 'lumbarisedS1':
      return `Whole-spine MRI, counted from C2: six mobile lumbar-type segments; S1 is lumbarised (a mobile segment with a disc below it). The fracture is ${target} counted from C2: counting up from the sacrum on the table, the first mobile segment is S1, not L5.`;
    case 'sacralisedL5':
      return `Whole-spine MRI, counted from C2: L5 is sacralised (fused to the sacrum). The fracture is ${target} counted from C2: counting up from the sacrum on the table, the first mobile segment is L4, not L5.`;
    case 'ribs11':
      return `Whole-spine MRI, counted from C2: 11 pairs of ribs; T12 carries no rib. The fracture is ${target} counted from C2: the lowest rib is on T11, not T12.`;
    case 'ribs13':
      return `Whole-spine MRI, counted from C2: 13 pairs of ribs; L1 carries a rib. The fracture is ${target} counted from C2: the lowest rib is on L1, not T12.`;
    default:
      return null;
  }
}
