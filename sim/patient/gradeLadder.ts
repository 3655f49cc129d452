import { COMPLICATION_SEVERITIES, type ComplicationSeverity } from '../core/events';

/** A step that reaches no grade (most steps) makes no array. */
const NONE: readonly ComplicationSeverity[] = Object.freeze([]);

/**
 * A complication's grades as they are reported (README.md, each complication's grades): each grade
 * once, the first time it is reached, mildest first, and never again when the signs fall back. Every
 * complication model grades its own signs into an index of COMPLICATION_SEVERITIES (0 mild to 2
 * severe, -1 below mild) and this ladder says what is new.
 */
export class GradeLadder {
  /** Index in COMPLICATION_SEVERITIES of the worst grade reported so far (-1: none). */
  private reported = -1;

  /** The grades first reached now that the signs are at this index, mildest first (the same empty array when none). */
  reach(index: number): readonly ComplicationSeverity[] {
    if (!(index > this.reported)) return NONE;
    const from = this.reported + 1;
    this.reported = Math.min(index, COMPLICATION_SEVERITIES.length - 1);
    return COMPLICATION_SEVERITIES.slice(from, this.reported + 1);
  }

  /** The worst grade first reached now that the signs are at this index, or null (for a model that reports one a step). */
  reachWorst(index: number): ComplicationSeverity | null {
    if (!(index > this.reported)) return null;
    this.reported = Math.min(index, COMPLICATION_SEVERITIES.length - 1);
    return COMPLICATION_SEVERITIES[this.reported];
  }

  /** The worst grade reported so far, or null. */
  get severity(): ComplicationSeverity | null {
    return this.reported < 0 ? null : COMPLICATION_SEVERITIES[this.reported];
  }
}

/** Index of the highest of ascending thresholds the value reaches (0 mild to 2 severe); -1 below the first. */
export function gradeIndex(value: number, thresholds: readonly number[]): number {
  let g = -1;
  for (let i = 0; i < thresholds.length; i++) if (value >= thresholds[i]) g = i;
  return g;
}
