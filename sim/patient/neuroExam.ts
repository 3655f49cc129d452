import type { Side } from '../core/commands';
import type { NeuroFinding, NeuroSensation } from '../core/events';
import type { NerveLesion } from './nerveInjury';
import { highestCanalRoot, ROOT_TESTS, ROOTS, rootIndex } from './neuroAnatomy';

/**
 * The neurological examination (README.md, Neurological examination): light touch at each root's
 * key sensory point and, where the root has a key muscle, its power on the MRC scale (0 no
 * contraction to 5 normal), on both sides, from the nerve lesions there are now. A deficit shows
 * from the moment its cause happened (a compression deficit is immediate; the patient does not
 * need time to develop it), so an examination before the breach or the leak is normal.
 */

type Sensation = NeuroSensation;
export type { NeuroFinding };

export interface NeuroExam {
  /** The simulation tick it was done at. */
  readonly tick: number;
  /** Every root tested, cranial to caudal. */
  readonly findings: readonly NeuroFinding[];
  /** No finding differs from normal. */
  readonly normal: boolean;
  /**
   * Pain on sitting up, 0-10 (recoveryPain.ts): scored once the instruments are out; null while the
   * patient lies prone with instruments in (it cannot be tested then).
   */
  readonly painOnSittingNrs: number | null;
}

/**
 * What each grade (mild, moderate, severe) does (assumed). A single root: sensation reduced, then
 * absent, and a little weakness (each key muscle has more than one root); the canal: every root
 * below, both sides, sensation reduced then absent and a weakness that goes to near paralysis.
 */
export const EXAM_EFFECT = {
  root: { sensation: ['reduced', 'reduced', 'absent'], power: [5, 4, 3] },
  canal: { sensation: ['reduced', 'reduced', 'absent'], power: [4, 3, 1] },
} as const satisfies Record<string, { sensation: readonly Sensation[]; power: readonly number[] }>;

const SENSE_ORDER: readonly Sensation[] = ['normal', 'reduced', 'absent'];
const worse = (a: Sensation, b: Sensation): Sensation => (SENSE_ORDER.indexOf(a) >= SENSE_ORDER.indexOf(b) ? a : b);

/** The examination now, from these lesions, with the pain score on sitting up (null: not testable yet). */
export function examine(lesions: readonly NerveLesion[], tick: number, painOnSittingNrs: number | null): NeuroExam {
  const sense = ROOTS.map(() => ({ left: 'normal' as Sensation, right: 'normal' as Sensation }));
  const power = ROOTS.map(() => ({ left: 5, right: 5 }));
  const hit = (i: number, side: Side, s: Sensation, p: number): void => {
    sense[i][side] = worse(sense[i][side], s);
    power[i][side] = Math.min(power[i][side], p);
  };
  for (const l of lesions) {
    if (l.kind === 'root') {
      const i = rootIndex(l.root);
      if (i >= 0) hit(i, l.side, EXAM_EFFECT.root.sensation[l.grade], EXAM_EFFECT.root.power[l.grade]);
      continue;
    }
    // The canal: every root from the highest one the compression reaches down, on both sides.
    for (let i = rootIndex(highestCanalRoot(l.level)); i >= 0 && i < ROOTS.length; i++)
      for (const side of ['left', 'right'] as const)
        hit(i, side, EXAM_EFFECT.canal.sensation[l.grade], EXAM_EFFECT.canal.power[l.grade]);
  }
  const findings: NeuroFinding[] = ROOTS.map((root, i) => {
    const t = ROOT_TESTS[root];
    return {
      root,
      dermatome: t.dermatome,
      myotome: t.myotome,
      sensation: sense[i],
      power: t.myotome ? power[i] : null,
    };
  });
  return { tick, findings, normal: findings.every(isNormal), painOnSittingNrs };
}

/** The finding is normal on both sides. */
export function isNormal(f: NeuroFinding): boolean {
  return (
    f.sensation.left === 'normal' &&
    f.sensation.right === 'normal' &&
    (f.power === null || (f.power.left === 5 && f.power.right === 5))
  );
}
