import { GENANT_DEFAULT_LOSS_PCT, type Scenario } from '../../levels/scenarioSchema';

type Fracture = Scenario['fracture'];

export interface FracturedHeights {
  readonly anteriorHeightMm: number;
  readonly middleHeightMm: number;
  readonly posteriorHeightMm: number;
}

/** Height loss of the most compressed part, as a fraction: the scenario's value, or the middle of its grade's usual range. */
export function heightLossFraction(fracture: Fracture): number {
  return (fracture.heightLossPct ?? GENANT_DEFAULT_LOSS_PCT[fracture.genantGrade]) / 100;
}

/**
 * Heights after the fracture. The loss L is that of the most compressed part (Genant grading,
 * docs/clinical-sources.md Fractures); how the other parts share it is assumed:
 * - wedge: anterior loses L, posterior intact (so A/P = 1 - L < 0.8, the wedge criterion), middle halfway;
 * - biconcave: middle loses L, anterior and posterior a quarter of it;
 * - crush: anterior loses L, middle 0.9 L, posterior 0.8 L.
 */
export function fracturedHeights(intactHeightMm: number, fracture: Fracture): FracturedHeights {
  const loss = heightLossFraction(fracture);
  const h = (f: number): number => intactHeightMm * (1 - f);
  switch (fracture.type) {
    case 'wedge':
      return { anteriorHeightMm: h(loss), middleHeightMm: h(loss / 2), posteriorHeightMm: h(0) };
    case 'biconcave':
      return { anteriorHeightMm: h(loss / 4), middleHeightMm: h(loss), posteriorHeightMm: h(loss / 4) };
    case 'crush':
      return { anteriorHeightMm: h(loss), middleHeightMm: h(0.9 * loss), posteriorHeightMm: h(0.8 * loss) };
  }
}
