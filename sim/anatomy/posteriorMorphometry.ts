import type { SpineLevel } from './types';

/**
 * Dimensions of the posterior elements that LevelMorphometry does not carry. All assumed from
 * general anatomy (no primary source in docs/clinical-sources.md): they shape the image and the
 * approach, not the scored outcomes, and are kept here so they are easy to revise.
 *
 * The one check against a source: pedicle length + body depth gives the entry-to-anterior-cortex
 * chord, ~35-40 mm in the lower thoracic spine (Kaur 2016 gives 25-35 mm for the thoracic spine as
 * a whole, shorter in the mid-thoracic levels) and ~45 mm in the lumbar spine.
 */
export interface PosteriorMorphometry {
  /** Posterior wall of the body to the posterior end of the pedicle (the bone entry plane), mm. */
  readonly pedicleLengthMm: number;
  /** Transverse process tip to tip, mm. */
  readonly transverseSpanMm: number;
  /** Lamina (posterior surface) to spinous tip, along z, mm. */
  readonly spinousLengthMm: number;
  /** Cranio-caudal height of the spinous process, mm. */
  readonly spinousHeightMm: number;
  /** Caudal drop of the spinous process per mm going posterior (thoracic processes slope down). */
  readonly spinousSlope: number;
  readonly laminaThicknessMm: number;
}

const p = (
  pedicleLengthMm: number,
  transverseSpanMm: number,
  spinousLengthMm: number,
  spinousHeightMm: number,
  spinousSlope: number,
  laminaThicknessMm: number,
): PosteriorMorphometry => ({
  pedicleLengthMm,
  transverseSpanMm,
  spinousLengthMm,
  spinousHeightMm,
  spinousSlope,
  laminaThicknessMm,
});

/** Posterior-element dimensions per level (assumed, see above). */
export const POSTERIOR_MORPHOMETRY: Readonly<Record<SpineLevel, PosteriorMorphometry>> = {
  T4: p(10, 70, 35, 8, 1.0, 6),
  T5: p(10, 70, 35, 8, 1.0, 6),
  T6: p(10, 72, 35, 8, 1.0, 6),
  T7: p(10, 72, 35, 8, 1.0, 6),
  T8: p(10, 70, 35, 9, 0.9, 6),
  T9: p(10, 68, 33, 10, 0.8, 6),
  T10: p(11, 64, 32, 12, 0.6, 6),
  T11: p(11, 56, 30, 14, 0.4, 6),
  T12: p(12, 48, 30, 18, 0.2, 6),
  L1: p(14, 62, 30, 20, 0.1, 6),
  L2: p(14, 72, 30, 22, 0.1, 6),
  L3: p(15, 82, 30, 22, 0.1, 6),
  L4: p(15, 80, 28, 20, 0.1, 6),
  L5: p(15, 84, 25, 18, 0.1, 6),
  // S1: short pedicles into the ala, the median sacral crest as a low spinous process (assumed).
  S1: p(14, 90, 15, 14, 0.1, 6),
  S2: p(12, 80, 12, 12, 0.1, 6),
};
