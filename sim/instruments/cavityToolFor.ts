import type { Anatomy } from '../anatomy/types';
import type { Scenario } from '../../levels/scenarioSchema';
import { Balloon } from './balloon';
import { BallTamp } from './ballTamp';
import type { CavityTool } from './cavityTool';
import { MeshContainer } from './meshContainer';

/** A new cavity device of the scenario's kind (absent: the balloon), sized by its balloon length. */
export function cavityToolFor(anatomy: Anatomy, scenario: Scenario): CavityTool {
  const lengthMm = scenario.equipment.balloonLengthMm;
  switch (scenario.equipment.cavityDevice ?? 'balloon') {
    case 'ballTamp':
      return new BallTamp(anatomy, lengthMm);
    case 'meshContainer':
      return new MeshContainer(anatomy, lengthMm);
    default:
      return new Balloon(anatomy, lengthMm);
  }
}
