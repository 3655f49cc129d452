/**
 * Steps of the fine controls: how far one key press (or button press) moves things. The key map
 * turns them into commands, the labels into words.
 */

export const ENTRY_STEP_MM = 2;
export const AIM_STEP_DEG = 1;
export const CARM_STEP_DEG = 1;
/**
 * Panning along the spine: a fine step to centre a vertebra under the central ray (a body and its
 * disc are 20-40 mm), and a long one to travel to the sacrum or the lowest rib while counting.
 */
export const PAN_STEP_MM = 5;
export const PAN_FAR_STEP_MM = 50;
/** Shutter step: 1 cm of opening at the detector per key press (5 mm each side). */
export const COLLIMATION_STEP_MM = 5;
/**
 * Syringe steps: a quarter turn of the inflation syringe's screw, and a finer tenth of a mL for the
 * end of the inflation, when pressure climbs steeply near the endplate (docs/clinical-sources.md,
 * Balloon: "stop inflating when ..."). Holding is waiting (T): the manometer shows any fall as bone yields.
 */
export const INFLATE_STEP_ML = 0.25;
export const INFLATE_FINE_STEP_ML = 0.1;
/** A hold between steps, s: long enough to see the pressure settle as trabeculae yield (assumed). */
export const BALLOON_HOLD_S = 10;
