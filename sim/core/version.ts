import pkg from '../../package.json';

/** The app version written into attempt files (package.json "version"). */
export const APP_VERSION: string = pkg.version;

/**
 * The version of the model that scores an attempt, written into attempt files and stored with every
 * server score. Change it whenever a model change (physics, imaging, scoring, the procedure's
 * rules) can change a score for the same scenario, seed and log, so a lab can tell which scores
 * were computed by which model and re-score the old ones (`npm run lab -- rescore`).
 */
export const SIM_VERSION = '1.0.0';
