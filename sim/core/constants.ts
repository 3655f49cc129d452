/** Fixed simulation step. Every world update uses exactly this dt so replays are bit-identical. */
export const FIXED_DT_S = 1 / 60;
/** Steps per simulated second. */
export const TICKS_PER_S = 60;
