/**
 * Lidocaine infiltrated at one skin entry, down to the periosteum (README.md, Local anaesthetic).
 * The block b (0 none, 1 complete) rises toward 1 with time constant onsetS while the dose acts,
 * and falls toward 0 with offsetS once it has worn off. Parameters assumed (onset 2-5 min,
 * duration 60-90 min, as the brief for this model states; no source read).
 */
export const LIDOCAINE = {
  /** Time constant of the block's rise, s (assumed: about 80 % at 2 min, 98 % at 5 min). */
  onsetS: 75,
  /** How long a dose holds the block before it wears off, s (assumed: 75 min). */
  durationS: 75 * 60,
  /** Time constant of the block's fall once worn off, s (assumed). */
  offsetS: 10 * 60,
  /** Block at which the infiltration counts as effective (for the snapshot and tests). */
  effectiveBlock: 0.8,
} as const;

/** The block at one skin entry. */
export class LocalBlock {
  private blockShare = 0;
  /** Seconds since the latest infiltration, or null before any. */
  private sinceS: number | null = null;

  infiltrate(): void {
    this.sinceS = 0;
  }

  step(dtS: number): void {
    if (this.sinceS === null) return;
    this.sinceS += dtS;
    const acting = this.sinceS <= LIDOCAINE.durationS;
    const target = acting ? 1 : 0;
    const tau = acting ? LIDOCAINE.onsetS : LIDOCAINE.offsetS;
    this.blockShare += (1 - Math.exp(-dtS / tau)) * (target - this.blockShare);
  }

  get block(): number {
    return this.blockShare;
  }
  get infiltrated(): boolean {
    return this.sinceS !== null;
  }
}
