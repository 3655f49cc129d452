import { createImagingClassifier, createTissueClassifier, type TissueClassifier } from './tissueClassifier';
import type { Anatomy, EndplateLift } from './types';

interface Entry {
  liftA: number;
  liftM: number;
  classify: TissueClassifier;
}

/** The last classifiers built per anatomy, reused while the lift is unchanged (tissueAt is called per trocar sub-step). */
const tissueCache = new WeakMap<Anatomy, Entry>();
const imagingCache = new WeakMap<Anatomy, Entry>();

function cached(
  cache: WeakMap<Anatomy, Entry>,
  make: typeof createTissueClassifier,
  anatomy: Anatomy,
  lift?: EndplateLift,
): TissueClassifier {
  const liftA = lift?.anteriorMm ?? 0;
  const liftM = lift?.middleMm ?? 0;
  const hit = cache.get(anatomy);
  if (hit && hit.liftA === liftA && hit.liftM === liftM) return hit.classify;
  const classify = make(anatomy, lift);
  cache.set(anatomy, { liftA, liftM, classify });
  return classify;
}

/** A tissue classifier (codes of TISSUES) for this anatomy and lift, built once and cached. */
export function classifierFor(anatomy: Anatomy, lift?: EndplateLift): TissueClassifier {
  return cached(tissueCache, createTissueClassifier, anatomy, lift);
}

/** The imaging classifier (tissue codes plus IMAGING_CODE) for this anatomy and lift, cached. */
export function imagingClassifierFor(anatomy: Anatomy, lift?: EndplateLift): TissueClassifier {
  return cached(imagingCache, createImagingClassifier, anatomy, lift);
}
