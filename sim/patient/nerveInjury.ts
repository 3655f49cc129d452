import type { SpineLevel } from '../anatomy/types';
import type { Side } from '../core/commands';
import type { ComplicationSeverity } from '../core/events';
import { GradeLadder, gradeIndex } from './gradeLadder';
import { type CanalContent, canalContent, exitingRoot, type Root } from './neuroAnatomy';

/**
 * Nerve injury (README.md, Nerve injury): what the instruments and the cement did to the neural
 * structures next to the treated vertebra. The causes are the models' own facts, never a draw:
 * - the trocar through the pedicle's inferior wall (into the foramen) or cement in the foramen
 *   (which only gets there through such a breach): the root that exits under that pedicle, on that side;
 * - the trocar through the medial wall (into the canal) or cement in the epidural space: what the
 *   canal holds at that vertebra (the cord, the conus, the cauda equina), both sides.
 * Each is graded by the deepest breach or the largest leak; a grade never falls within a procedure
 * (no recovery is modelled, assumed: a compressed root does not recover in minutes). All thresholds
 * are assumed (docs/clinical-sources.md says what they rest on).
 */
export const NERVE_INJURY = {
  /**
   * Breach depth beyond the wall, mm, at which each grade starts. Inferior: the exiting root lies
   * close under the pedicle (a millimetre or two), so 1 mm already touches it. Medial: the
   * Gertzbein-Robbins "safe zone" (about 2 mm of epidural space, 2 mm of subarachnoid space):
   * the dura from 2 mm, past the safe zone from 4 mm.
   */
  breachMm: {
    inferior: [1, 2, 4],
    medial: [2, 4, 6],
  },
  /**
   * Leaked cement, mL, at which each grade starts (all assumed). The foramen is small: 0.1 mL round
   * a root irritates it. Epidural cement is common on CT and mostly silent: a deficit needs a mass
   * that narrows the canal, from 0.5 mL.
   */
  leakMl: {
    foraminal: [0.1, 0.3, 0.6],
    epidural: [0.5, 1, 2],
  },
  /** Radicular (or, in the canal, burning band) pain while the cause grows, 0-10 by grade (assumed). */
  painByGrade: [6, 8, 10],
} as const;

/** An injured structure and its grade, as the examination reads it. */
export type NerveLesion =
  | {
      readonly kind: 'root';
      readonly level: SpineLevel;
      readonly root: Root;
      readonly side: Side;
      readonly grade: number;
    }
  | { readonly kind: 'canal'; readonly level: SpineLevel; readonly content: CanalContent; readonly grade: number };

/** What one treated level's instruments and cement did so far (every value only grows). */
interface LevelCauses {
  readonly inferiorMm: Record<Side, number>;
  readonly medialMm: Record<Side, number>;
  foraminalMl: number;
  epiduralMl: number;
}

/** What a step of the nerve model gives the patient. */
export interface NerveStep {
  /** Grades of the whole complication reached for the first time in this step, in order. */
  readonly reached: readonly ComplicationSeverity[];
  /** Radicular pain to feel now (a cause grew at a graded lesion), 0-10; 0 for none. */
  readonly painIntensity: number;
}

const NOTHING: NerveStep = Object.freeze({ reached: [], painIntensity: 0 });

export class NerveInjury {
  private readonly causes = new Map<SpineLevel, LevelCauses>();
  /** Per lesion key: its grade (only grows). */
  private readonly grades = new Map<string, NerveLesion>();
  /** The levels where a cause grew since the last step. */
  private readonly grew = new Set<SpineLevel>();
  /** The whole complication's grades reported so far. */
  private readonly reported = new GradeLadder();

  private at(level: SpineLevel): LevelCauses {
    let c = this.causes.get(level);
    if (!c) {
      c = { inferiorMm: { left: 0, right: 0 }, medialMm: { left: 0, right: 0 }, foraminalMl: 0, epiduralMl: 0 };
      this.causes.set(level, c);
    }
    return c;
  }

  /** The trocar's deepest inferior and medial breach on that side at that level so far, mm. */
  breaches(level: SpineLevel, side: Side, inferiorMm: number, medialMm: number): void {
    if (!(inferiorMm > 0) && !(medialMm > 0) && !this.causes.has(level)) return;
    const c = this.at(level);
    if (inferiorMm > c.inferiorMm[side]) {
      c.inferiorMm[side] = inferiorMm;
      this.grew.add(level);
    }
    if (medialMm > c.medialMm[side]) {
      c.medialMm[side] = medialMm;
      this.grew.add(level);
    }
  }

  /** The cement in the foramen and the epidural space at that level so far, mL (all batches of that level). */
  leaks(level: SpineLevel, foraminalMl: number, epiduralMl: number): void {
    if (!(foraminalMl > 0) && !(epiduralMl > 0) && !this.causes.has(level)) return;
    const c = this.at(level);
    if (foraminalMl > c.foraminalMl) {
      c.foraminalMl = foraminalMl;
      this.grew.add(level);
    }
    if (epiduralMl > c.epiduralMl) {
      c.epiduralMl = epiduralMl;
      this.grew.add(level);
    }
  }

  /** Regrade after the causes changed; what to report and feel. */
  step(): NerveStep {
    if (this.grew.size === 0) return NOTHING;
    const n = NERVE_INJURY;
    let painIntensity = 0;
    // Only the levels whose causes grew can change grade, and only they hurt now.
    for (const level of this.grew) {
      const c = this.at(level);
      // Foraminal cement only gets there through an inferior breach: it lies on that side (both if
      // both sides breached, or, never expected, if neither did).
      const breachedSides = (['left', 'right'] as const).filter((s) => c.inferiorMm[s] > 0);
      const foraminalSides = breachedSides.length > 0 ? breachedSides : (['left', 'right'] as const);
      const root = exitingRoot(level);
      for (const side of ['left', 'right'] as const) {
        const byLeak = foraminalSides.includes(side) ? gradeIndex(c.foraminalMl, n.leakMl.foraminal) : -1;
        const grade = Math.max(gradeIndex(c.inferiorMm[side], n.breachMm.inferior), byLeak);
        if (root && grade >= 0)
          painIntensity = Math.max(painIntensity, this.raise({ kind: 'root', level, root, side, grade }));
      }
      const canal = Math.max(
        gradeIndex(Math.max(c.medialMm.left, c.medialMm.right), n.breachMm.medial),
        gradeIndex(c.epiduralMl, n.leakMl.epidural),
      );
      if (canal >= 0)
        painIntensity = Math.max(
          painIntensity,
          this.raise({ kind: 'canal', level, content: canalContent(level), grade: canal }),
        );
    }
    this.grew.clear();
    const worst = Math.max(-1, ...[...this.grades.values()].map((l) => l.grade));
    return { reached: this.reported.reach(worst), painIntensity };
  }

  /** Keep the worse of the lesion's old and new grade; returns the pain of its grade now. */
  private raise(lesion: NerveLesion): number {
    const key = lesion.kind === 'root' ? `${lesion.level}:root:${lesion.side}` : `${lesion.level}:canal`;
    const old = this.grades.get(key);
    const kept = old && old.grade >= lesion.grade ? old : lesion;
    this.grades.set(key, kept);
    return NERVE_INJURY.painByGrade[kept.grade];
  }

  /** Every injured structure so far, with its grade. */
  lesions(): NerveLesion[] {
    return [...this.grades.values()];
  }

  /** The worst grade so far, or null. */
  get severity(): ComplicationSeverity | null {
    return this.reported.severity;
  }
}
