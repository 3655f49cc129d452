import type { Scenario } from '../../levels/scenarioSchema';
import type { PriorCement, VertebraGeometry } from './types';

/**
 * Cement left in a body by an earlier vertebroplasty or kyphoplasty (patient.priorAugmentation).
 * It is part of the patient, not of this procedure: the imaging classifier reads it as its own
 * tissue (IMAGING_CODE.priorCement), so it shows on every image and on the case review's radiograph,
 * and the count past it has to be made as on any other patient. The trocar and the cement model do
 * not meet it (it is never the level treated; the schema refuses the target level).
 *
 * Shape (assumed): one ellipsoid in the anterior two thirds of the body, with the body's proportions,
 * as set cement usually lies after a transpedicular fill (the bulk anterior and central; a kyphoplasty
 * mass a little more compact). Set PMMA interdigitated with trabeculae fills only part of the block
 * it occupies: PRIOR_CEMENT_FILL of it (the rest is bone and marrow).
 */

/** Share of the cement's block that is cement (assumed: osteoporotic marrow space ~0.8, most of it filled). */
export const PRIOR_CEMENT_FILL = 0.6;
/** The block stays inside this share of the body's half-dimensions (clear of cortex and endplates). */
const MAX_EXTENT = 0.8;
/** How far anterior of the body's centre the bulk sits, share of the half depth (assumed). */
const ANTERIOR_SHIFT = 0.15;

export function placePriorCement(scenario: Scenario, vertebrae: readonly VertebraGeometry[]): PriorCement[] {
  const out: PriorCement[] = [];
  for (const a of scenario.patient.priorAugmentation ?? []) {
    const vertebraIndex = vertebrae.findIndex((v) => v.level === a.level);
    if (vertebraIndex < 0) continue;
    const v = vertebrae[vertebraIndex];
    const half = { x: v.bodyWidthMm / 2, y: v.intactHeightMm / 2, z: v.bodyDepthMm / 2 };
    // k scales the half-dimensions so the ellipsoid holds volumeMl / fill.
    const blockMm3 = (a.volumeMl * 1000) / PRIOR_CEMENT_FILL;
    const k = Math.min(MAX_EXTENT, Math.cbrt(blockMm3 / ((4 / 3) * Math.PI * half.x * half.y * half.z)));
    out.push({
      level: a.level,
      vertebraIndex,
      centre: { x: v.centre.x, y: v.centre.y, z: v.centre.z - ANTERIOR_SHIFT * half.z },
      radii: { x: k * half.x, y: k * half.y, z: k * half.z },
    });
  }
  return out;
}
