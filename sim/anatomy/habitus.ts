import type { Scenario } from '../../levels/scenarioSchema';

type Habitus = Scenario['patient']['habitus'];

/**
 * Soft-tissue build per habitus. All assumed (docs/clinical-sources.md has no figure): skin to
 * lamina thin ~40, average ~60, obese ~90 mm; subcutaneous fat share of it; torso cross-section
 * as an ellipse (half-width x half-depth) whose posterior apex is the skin at the midline.
 */
export interface HabitusBuild {
  readonly skinToLaminaMm: number;
  readonly skinMm: number;
  readonly subcutaneousFatMm: number;
  readonly torsoHalfWidthMm: number;
  readonly torsoHalfDepthMm: number;
}

/** Soft-tissue build (means) per habitus; buildAnatomy varies the depth by seed. */
export const HABITUS: Readonly<Record<Habitus, HabitusBuild>> = {
  thin: { skinToLaminaMm: 40, skinMm: 2, subcutaneousFatMm: 6, torsoHalfWidthMm: 140, torsoHalfDepthMm: 100 },
  average: { skinToLaminaMm: 60, skinMm: 2, subcutaneousFatMm: 15, torsoHalfWidthMm: 165, torsoHalfDepthMm: 120 },
  obese: { skinToLaminaMm: 90, skinMm: 2.5, subcutaneousFatMm: 35, torsoHalfWidthMm: 200, torsoHalfDepthMm: 150 },
};
