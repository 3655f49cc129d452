/**
 * A hand-driven cavity device's volumes are kept on a grid of 1e-9 mL (a syringe's or a tamp
 * handle's resolution), so that repeated steps add up exactly: 16 x 0.25 mL is 4 mL, not
 * 3.9999999999999996, and a plan's "until 4 mL" holds when it should.
 */
const VOLUME_GRID_ML = 1e-9;

/** The volume on the grid, mL. */
export const snapToVolumeGrid = (ml: number): number => Math.round(ml / VOLUME_GRID_ML) * VOLUME_GRID_ML;
