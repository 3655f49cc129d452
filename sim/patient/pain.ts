/**
 * Pain (README.md, Pain): a resting level plus an acute part that each noxious stimulus raises to
 * its own intensity (never lowers) and that decays exponentially. Local anaesthetic blocks the
 * stimuli it covers (skin and periosteum at its entry); sedation damps the pain perceived.
 */

/** What hurts, and how much on its own, 0-10 (all assumed). */
export const STIMULI = {
  /** The trocar through the skin. */
  skinPuncture: { intensity: 5, blockedByLocal: true },
  /** The trocar tip on the bone (periosteum): docking on the pedicle. */
  boneContact: { intensity: 7, blockedByLocal: true },
  /** A mallet tap while the tip is in the pedicle's cortex, before it is in the body. */
  malletTap: { intensity: 6, blockedByLocal: true },
  /** The balloon pressing inside the body (deep, not reached by the infiltration). */
  balloonInflation: { intensity: 4, blockedByLocal: false },
  /** Cement reaching the body (deep, not reached by the infiltration). */
  cementDelivery: { intensity: 3, blockedByLocal: false },
  /**
   * A root or the cord pressed by the trocar or cement (sim/patient/nerveInjury.ts): deep, not
   * reached by the infiltration; its intensity is given by the lesion's grade (this is the most).
   */
  radicular: { intensity: 10, blockedByLocal: false },
} as const;

export type Stimulus = keyof typeof STIMULI;

export const PAIN = {
  /** Time constant of the acute part's decay, s (assumed: tens of seconds). */
  decayS: 20,
  /** Share of the pain that full sedation takes away (assumed). */
  sedationDamping: 0.7,
} as const;

export class Pain {
  /** The acute part above the resting level, 0-10. */
  private acute = 0;

  constructor(private readonly resting: number) {}

  /** A stimulus of that kind, with the local block (0-1) where it happens; intensity: its own, unless given (0-10). */
  stimulate(kind: Stimulus, block: number, intensity: number = STIMULI[kind].intensity): void {
    const s = STIMULI[kind];
    const felt = intensity * (s.blockedByLocal ? 1 - block : 1);
    this.acute = Math.max(this.acute, felt - this.resting);
  }

  step(dtS: number): void {
    this.acute *= Math.exp(-dtS / PAIN.decayS);
  }

  /** The pain perceived, 0-10, under sedation 0-1; ongoing: a lasting ache on top (a haematoma), 0-10. */
  perceived(sedation: number, ongoing = 0): number {
    const raw = Math.min(10, this.resting + this.acute + ongoing);
    return raw * (1 - PAIN.sedationDamping * sedation);
  }
}
