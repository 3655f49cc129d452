import type { Anatomy, EndplateLift } from '../anatomy/types';
import { targetVertebra } from './endplateGeometry';
import type { LiftStages } from './endplateSupport';
import type { HeightFigures, HeightView } from './heightView';

/** Wedge (kyphotic) angle of a body, degrees, from its anterior and posterior heights over its depth. */
export function wedgeAngleDeg(anteriorMm: number, posteriorMm: number, depthMm: number): number {
  return (Math.atan2(posteriorMm - anteriorMm, depthMm) * 180) / Math.PI;
}

/**
 * Heights of the target body with the superior endplate lifted by `lift` (README "Height"). The
 * posterior wall is the hinge: the balloon does not change posterior height in this first model.
 */
export function heightView(anatomy: Anatomy, lift: EndplateLift, stages?: LiftStages): HeightView {
  const v = targetVertebra(anatomy);
  const anteriorMm = Math.min(v.intactHeightMm, v.anteriorHeightMm + Math.max(0, lift.anteriorMm));
  const middleMm = Math.min(v.intactHeightMm, v.middleHeightMm + Math.max(0, lift.middleMm));
  return {
    intactMm: v.intactHeightMm,
    preOpAnteriorMm: v.anteriorHeightMm,
    preOpMiddleMm: v.middleHeightMm,
    anteriorMm,
    middleMm,
    posteriorMm: v.posteriorHeightMm,
    wedgeDeg: wedgeAngleDeg(anteriorMm, v.posteriorHeightMm, v.bodyDepthMm),
    preOpWedgeDeg: wedgeAngleDeg(v.anteriorHeightMm, v.posteriorHeightMm, v.bodyDepthMm),
    lift,
    stages: {
      before: heightFigures(anatomy, { anteriorMm: 0, middleMm: 0 }),
      peak: stages?.peak ? heightFigures(anatomy, stages.peak) : null,
      afterDeflation: stages?.afterDeflation ? heightFigures(anatomy, stages.afterDeflation) : null,
      afterCement: stages?.afterCement ? heightFigures(anatomy, stages.afterCement) : null,
    },
  };
}

/** Anterior, middle and posterior heights and the wedge angle of the target body with this lift. */
export function heightFigures(anatomy: Anatomy, lift: EndplateLift): HeightFigures {
  const v = targetVertebra(anatomy);
  const anteriorMm = Math.min(v.intactHeightMm, v.anteriorHeightMm + Math.max(0, lift.anteriorMm));
  const middleMm = Math.min(v.intactHeightMm, v.middleHeightMm + Math.max(0, lift.middleMm));
  return {
    anteriorMm,
    middleMm,
    posteriorMm: v.posteriorHeightMm,
    wedgeDeg: wedgeAngleDeg(anteriorMm, v.posteriorHeightMm, v.bodyDepthMm),
  };
}

/** Share of lost anterior height regained, 0..1 (0 when nothing was lost). */
export function anteriorRestoration(view: HeightView): number {
  const lost = view.intactMm - view.preOpAnteriorMm;
  return lost > 0 ? (view.anteriorMm - view.preOpAnteriorMm) / lost : 0;
}
