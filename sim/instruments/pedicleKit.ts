import type { Anatomy } from '../anatomy/types';
import { deliveryFor, type Scenario } from '../../levels/scenarioSchema';
import { Trocar } from './trocar';
import type { CavityTool } from './cavityTool';
import { cavityToolFor } from './cavityToolFor';
import { Cement } from './cement';

/**
 * The instruments used through one pedicle: trocar / cannula, balloon and a cement batch. A
 * bipedicular procedure has two kits, so the second balloon starts in fresh bone (not in the
 * first side's cavity) and the second side mixes its own batch of cement.
 */
export interface PedicleKit {
  readonly trocar: Trocar;
  /** The cavity device (the balloon, or the scenario's ball tamp or mesh container). */
  readonly balloon: CavityTool;
  readonly cement: Cement;
}

/** New, unused instruments for one pedicle. */
export function createPedicleKit(anatomy: Anatomy, scenario: Scenario): PedicleKit {
  return {
    // The channel must hold this kit's balloon (trocarChannel.ts).
    trocar: new Trocar(anatomy, scenario.equipment.trocarGauge, scenario.procedure, scenario.equipment.balloonLengthMm),
    balloon: cavityToolFor(anatomy, scenario),
    cement: new Cement(anatomy, scenario.cement, deliveryFor(scenario)),
  };
}
