import { scenarioAtLevel } from '../../levels/scenarioSchema';
import type { Anatomy } from './types';

/**
 * The anatomy as the instruments at one treated level see it: index 0 is the scenario's level (the
 * anatomy itself), 1 its second level. Everything at the second level reads its target through
 * `targetIndex` (the trocar's pedicle, the body the cement fills, the endplate the support holds),
 * so the view points `targetIndex`, `isTarget`, the openings, the channels and the scenario's
 * fracture at that level. The frame is not moved: coordinates stay centred on the first level, as
 * the C-arm's pan and every image are, so the view and the anatomy place every vertebra alike.
 */
export function treatedAnatomy(anatomy: Anatomy, index: number): Anatomy {
  const second = anatomy.secondTarget;
  if (index === 0 || !second) return anatomy;
  const v = anatomy.vertebrae[second.index];
  return {
    ...anatomy,
    scenario: scenarioAtLevel(anatomy.scenario, 1),
    vertebrae: anatomy.vertebrae.map((w, i) => ({ ...w, isTarget: i === second.index })),
    targetIndex: second.index,
    openings: second.openings,
    channels: second.channels,
    skinZMm: v.laminaZMm + anatomy.softTissueDepthMm,
  };
}

/** How many levels the procedure on this anatomy treats. */
export const treatedLevelCount = (anatomy: Anatomy): number => (anatomy.secondTarget ? 2 : 1);
