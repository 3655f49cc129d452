import type { SpineLevel } from '../anatomy/types';

/**
 * The roots the neurological examination tests, and where each is tested (README.md, Neurological
 * examination). The key sensory points and key muscles are those of the International Standards for
 * Neurological Classification of Spinal Cord Injury (ISNCSCI, American Spinal Injury Association,
 * revised 2019; docs/clinical-sources.md). The arms (C5-T1) are left out: no treated level of this
 * simulator is above T4, so nothing here can reach them. L1 has no key muscle in the Standards; hip
 * flexion (iliopsoas, L1-L2) is tested for it as for L2, as the bedside examination does.
 */
export const ROOTS = [
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
  'S1',
  'S2',
  'S3',
  'S4-5',
] as const;

export type Root = (typeof ROOTS)[number];

/** Where a root's sensation is tested (its dermatome's key point) and its power (its myotome's key muscle), null where none is tested. */
export const ROOT_TESTS: Readonly<Record<Root, { readonly dermatome: string; readonly myotome: string | null }>> = {
  T2: { dermatome: 'apex of the axilla', myotome: null },
  T3: { dermatome: 'third intercostal space', myotome: null },
  T4: { dermatome: 'nipple line', myotome: null },
  T5: { dermatome: 'fifth intercostal space', myotome: null },
  T6: { dermatome: 'xiphisternum', myotome: null },
  T7: { dermatome: 'costal margin, upper', myotome: null },
  T8: { dermatome: 'costal margin, lower', myotome: null },
  T9: { dermatome: 'above the umbilicus', myotome: null },
  T10: { dermatome: 'umbilicus', myotome: null },
  T11: { dermatome: 'below the umbilicus', myotome: null },
  T12: { dermatome: 'inguinal ligament', myotome: null },
  L1: { dermatome: 'groin, upper anterior thigh', myotome: 'hip flexion' },
  L2: { dermatome: 'mid anterior thigh', myotome: 'hip flexion' },
  L3: { dermatome: 'medial femoral condyle', myotome: 'knee extension' },
  L4: { dermatome: 'medial malleolus', myotome: 'ankle dorsiflexion' },
  L5: { dermatome: 'dorsum of the foot', myotome: 'great toe extension' },
  S1: { dermatome: 'lateral heel', myotome: 'ankle plantarflexion' },
  S2: { dermatome: 'popliteal fossa', myotome: null },
  S3: { dermatome: 'ischial tuberosity', myotome: null },
  'S4-5': { dermatome: 'perianal (saddle)', myotome: null },
};

/** Index of a root in ROOTS (cranial to caudal); -1 for a name not examined. */
export const rootIndex = (root: string): number => (ROOTS as readonly string[]).indexOf(root);

/**
 * The root that leaves the foramen under this vertebra's pedicle (an inferior breach or a
 * foraminal leak at that level): thoracic and lumbar roots are named after the vertebra above
 * their foramen, so the L1 root exits at L1/L2, under the L1 pedicle.
 */
export function exitingRoot(level: SpineLevel): Root | null {
  return rootIndex(level) >= 0 ? (level as Root) : null;
}

/** What lies in the canal at a vertebra: the cord (thoracic), its end (the conus, at L1), or the cauda equina (below). */
export type CanalContent = 'cord' | 'conus' | 'caudaEquina';

export function canalContent(level: SpineLevel): CanalContent {
  if (level.startsWith('T')) return 'cord';
  if (level === 'L1') return 'conus';
  return 'caudaEquina';
}

/**
 * The highest root a compression of the canal at this vertebra reaches; every root below it is
 * reached too, on both sides. The cord's segments lie above the vertebrae of the same name (the
 * cord ends at L1): a thoracic vertebra from T1 to T6 overlies the segment two below it, T7 to T9
 * three below, T10 the L1 segment, T11 L3, T12 L5 (the clinical rule of thumb, e.g. Chusid's;
 * docs/clinical-sources.md). The conus at L1 holds the sacral segments. Below L1 the canal holds the
 * cauda equina: the roots of the levels below (the level's own root is already in its foramen).
 */
export function highestCanalRoot(level: SpineLevel): Root {
  const n = Number(level.slice(1));
  if (level.startsWith('T')) {
    if (n <= 6) return `T${n + 2}` as Root;
    if (n <= 9) return `T${n + 3}` as Root;
    return n === 10 ? 'L1' : n === 11 ? 'L3' : 'L5';
  }
  if (level === 'L1') return 'S1';
  if (level.startsWith('L')) return n >= 5 ? 'S1' : (`L${n + 1}` as Root);
  return 'S2';
}
