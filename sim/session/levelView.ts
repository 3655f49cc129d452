import type { CementView } from '../instruments/cementView';
import type { HeightView } from '../instruments/heightView';
import type { TrocarView } from '../instruments/trocarView';

/**
 * One level of a procedure that treats more than one (scenario.secondLevel): what its own
 * instruments did, for the scoring of each level and the debrief. The snapshot's trocars are those
 * of the whole procedure and its cement that of the level being treated (with every level's
 * deposits, for the images); these are split by level.
 */
export interface LevelView {
  /** 0 for the scenario's level, 1 for its second level. */
  readonly index: number;
  readonly level: string;
  /** The tick the level was started (0 for the first) and closed (`level.next`), null while it is being treated. */
  readonly fromTick: number;
  readonly toTick: number | null;
  /** The cement of this level's batches (both sides merged when bipedicular). */
  readonly cement: CementView;
  readonly trocars: readonly TrocarView[];
  /** Its body's height when it was closed (or now, for the level being treated). */
  readonly height: HeightView;
}
