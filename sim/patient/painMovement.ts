import type { Side } from '../core/commands';

/**
 * A patient in pain moves (README.md, Movement in pain). Under local anaesthesia and light
 * sedation the patient is awake; a sharp pain that the local did not reach makes them flinch away
 * from it, and on a prone frame that is a sideways shift of the trunk. The C-arm and the
 * operator's hand stay with the table, so the spine moves under the beam (the image) and under the
 * needle's handle (the needle levers about where it is held in the tissue: sim/instruments/trocar.ts
 * `jolt`).
 *
 * The flinch is the model's own consequence of the pain it computes, never a draw: it happens when
 * the perceived pain (after sedation's damping) rises through FLINCH_AT_NRS, once, and again only
 * after the pain has fallen below REARM_BELOW_NRS (a patient settles before flinching again).
 */
export const PAIN_MOVEMENT = {
  /**
   * Perceived pain at which the patient moves, 0-10 (assumed): the top of the moderate band of the
   * numeric rating scale (4-6), short of severe. A docking or mallet tap on unanaesthetised
   * periosteum (7 and 6, sim/patient/pain.ts) reaches it in a patient under light sedation or none;
   * the same under the local, or a balloon's deep ache (4), does not; a pressed root does.
   */
  flinchAtNrs: 6,
  /** Pain below which the patient has settled and may flinch again, 0-10 (assumed: back to mild). */
  rearmBelowNrs: 4,
  /** The trunk's sideways shift per point of pain above the threshold, plus the shift at it, mm (assumed). */
  shiftAtThresholdMm: 3,
  shiftPerNrsMm: 1.5,
  /** The most one flinch shifts the trunk on a prone frame with its bolsters, mm (assumed). */
  maxShiftMm: 7,
} as const;

/** One flinch: away from the side the pain came from, by shiftMm. */
export interface Flinch {
  /** The side whose instrument hurt; the trunk moves toward the other side. */
  readonly from: Side;
  readonly shiftMm: number;
  /** The perceived pain that made the patient move, 0-10. */
  readonly pain: number;
}

/** The sideways shift of one flinch at that perceived pain, mm. */
export function flinchShiftMm(pain: number): number {
  const p = PAIN_MOVEMENT;
  return Math.min(p.maxShiftMm, p.shiftAtThresholdMm + p.shiftPerNrsMm * Math.max(0, pain - p.flinchAtNrs));
}

export class PainMovement {
  private armed = true;

  /**
   * The perceived pain this step and the side it last came from (null: not from an instrument of
   * a side, e.g. the resting ache); returns the flinch if the patient moves now. A pain without a
   * side makes no sideways shift (the trunk stiffens; that is not modelled) but still spends the flinch.
   */
  next(pain: number, from: Side | null): Flinch | null {
    const p = PAIN_MOVEMENT;
    if (!this.armed) {
      if (pain < p.rearmBelowNrs) this.armed = true;
      return null;
    }
    if (pain < p.flinchAtNrs) return null;
    this.armed = false;
    return from === null ? null : { from, shiftMm: flinchShiftMm(pain), pain };
  }
}
