/** Resolution of the line-integral map (the shader reads it linear-filtered at the monitor size). */
export const MAP_PX = 256;
/** Quantum noise (sd of the log signal) at mid-window in continuous mode (tuned by eye against C-arm images). */
export const BASE_NOISE_SIGMA = 0.045;
