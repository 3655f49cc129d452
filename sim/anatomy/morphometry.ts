import type { LevelMorphometry, SpineLevel } from './types';

/**
 * Mean adult morphometry per level, T5 to L5, and T4 / S1 as their neighbours (buildAnatomy adds
 * seeded variation).
 *
 * Sources (docs/clinical-sources.md, Anatomy):
 * - pedicle width: T4-T6 3.6-4.5 mm, T12 ~8 mm (Kaur et al., J Clin Orthop Trauma 2016); L1 ~7.4 mm
 *   (Nepal lumbar morphometry ~2022); L5 12-16 mm (Int J Spine Surg lumbar CT, table 6).
 * - pedicle height: T12 ~15.5 mm (Cureus dry-column study); L5 ~12.9 mm (Int J Spine Surg).
 * - transverse pedicle angle: ~35 deg at T1 falling to ~0 at T11-T12 (Kaur 2016), interpolated
 *   linearly here; lumbar ~10 deg at L1 rising to ~25-30 deg at L5 (lumbar values assumed).
 * - interpedicular distance: L1 ~20 mm, L5 ~26 mm (Nepal lumbar morphometry).
 * - body height: thoracic 17-20 mm (Egwu et al. 2019); lumbar 20-30 mm, L5 anterior 30 / posterior
 *   26 mm (Int J Spine Surg).
 * - lumbar body depth 30-36 mm, width 40-50 mm (spine morphometry references; Int J Spine Surg).
 *
 * Every value not pinned by a source above is an interpolation between sourced levels or
 * assumed; those are marked "(a)" in the comment of their row. Disc height is always assumed
 * (disc below the level: thoracic 5-8 mm, lumbar 9-12 mm), as is thoracic body width and depth.
 */
export const MORPHOMETRY: Readonly<Record<SpineLevel, LevelMorphometry>> = {
  // Neighbour of T5 only. (a) all but pedicle width (Kaur: 3.6-4.5 mm at T4-T6) and the interpolated angle.
  T4: row('T4', 29, 24, 16.5, 3.8, 11.0, 24, 15.0, 4.5),
  // (a) all but pedicle width (Kaur: 3.6-4.5 mm at T4-T6) and the interpolated angle.
  T5: row('T5', 30, 25, 17, 4.0, 11.0, 21, 15.0, 5),
  // (a) all but pedicle width (Kaur) and angle.
  T6: row('T6', 31, 26, 17.5, 4.3, 11.0, 17.5, 15.0, 5),
  // (a) width/height/IPD interpolated T6-T12.
  T7: row('T7', 32, 27, 18, 4.7, 11.5, 14, 15.5, 5),
  T8: row('T8', 33, 28, 18.5, 5.2, 12.0, 10.5, 16.0, 5.5),
  T9: row('T9', 34, 28.5, 19, 5.8, 13.0, 7, 16.5, 6),
  T10: row('T10', 36, 29, 19.5, 6.5, 14.0, 3.5, 17.0, 6),
  // Kaur: angle ~0 at T11-T12.
  T11: row('T11', 38, 29.5, 20, 7.3, 15.0, 0, 18.0, 7),
  // Kaur: pedicle width ~8 mm; Cureus: pedicle height ~15.5 mm; angle ~0.
  T12: row('T12', 40, 30, 21, 8.0, 15.5, 0, 19.0, 8),
  // Nepal: pedicle width ~7.4 mm, IPD ~20 mm; Kaur: angle ~10 deg at L1; (a) pedicle height.
  L1: row('L1', 42, 31, 24, 7.4, 15.0, 10, 20.0, 9),
  // (a) interpolated L1-L5.
  L2: row('L2', 44, 32, 25, 8.2, 15.0, 14, 21.0, 10),
  L3: row('L3', 46, 33, 26, 9.6, 14.5, 18, 22.0, 11),
  L4: row('L4', 48, 34, 27, 11.2, 13.8, 22, 23.5, 12),
  // Int J Spine Surg: pedicle width 12-16 mm, height ~12.9 mm, body 30/26 mm (mean 28);
  // Nepal: IPD ~26 mm; angle 25-30 deg (assumed, Kaur's lumbar trend).
  L5: row('L5', 50, 34, 28, 13.0, 12.9, 26, 26.0, 11),
  // Neighbour of L5 only: the S1 body as a short vertebra (a), the first model of the sacrum (its
  // ala and fused segments below are not modelled); no disc below (S1-S2 fused).
  S1: row('S1', 50, 33, 26, 14.0, 12.0, 28, 28.0, 0),
  // (a) The second sacral segment as a shorter, narrower vertebra under S1 (fused: no disc below), so
  // the film shows the sacrum below a lumbarised S1 and a count from the sacrum has its landmark.
  S2: row('S2', 44, 28, 22, 12.0, 11.0, 28, 26.0, 0),
};

/** Levels from cranial to caudal, for finding neighbours. */
export const SPINE_ORDER: readonly SpineLevel[] = [
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
  'S1',
  'S2',
];

/** True for thoracic levels (ribs and lungs beside them). */
export const isThoracic = (level: SpineLevel): boolean => level.startsWith('T');

function row(
  level: SpineLevel,
  bodyWidthMm: number,
  bodyDepthMm: number,
  bodyHeightMm: number,
  pedicleWidthMm: number,
  pedicleHeightMm: number,
  pedicleTransverseAngleDeg: number,
  interpedicularMm: number,
  discHeightMm: number,
): LevelMorphometry {
  return {
    level,
    bodyWidthMm,
    bodyDepthMm,
    bodyHeightMm,
    pedicleWidthMm,
    pedicleHeightMm,
    pedicleTransverseAngleDeg,
    interpedicularMm,
    discHeightMm,
  };
}
