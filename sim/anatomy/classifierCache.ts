import { createTissueClassifier, type TissueClassifier } from './tissueClassifier';
import type { Anatomy, EndplateLift } from './types';

/** The last classifier built per anatomy, reused while the lift is unchanged (tissueAt is called per trocar sub-step). */
const cache = new WeakMap<Anatomy, { liftA: number; liftM: number; classify: TissueClassifier }>();

/** A classifier for this anatomy and lift, built once and cached. */
export function classifierFor(anatomy: Anatomy, lift?: EndplateLift): TissueClassifier {
  const liftA = lift?.anteriorMm ?? 0;
  const liftM = lift?.middleMm ?? 0;
  const hit = cache.get(anatomy);
  if (hit && hit.liftA === liftA && hit.liftM === liftM) return hit.classify;
  const classify = createTissueClassifier(anatomy, lift);
  cache.set(anatomy, { liftA, liftM, classify });
  return classify;
}
