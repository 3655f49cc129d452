/** The public face of sim/session/: createSession, the one entry point to a running simulation, and the snapshot it gives. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { createSession } from './session';
export type { DispatchResult, Session } from './sessionTypes';
export type { SimSnapshot } from './snapshot';
export type { LevelView } from './levelView';
