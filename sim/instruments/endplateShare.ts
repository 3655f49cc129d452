/**
 * The fractured superior endplate as the balloons push on it. With two balloons (bipedicular) both
 * push on the same plate: its restoration fraction t is shared, a balloon needs to supply only the
 * load the other one does not carry (forces add: manufacturer bench data in docs/clinical-sources.md,
 * 105 % more lift force and 26 % lower endplate stress bilaterally), and the plate only rides down
 * on deflation once no balloon holds it up.
 */
export interface EndplatePusher {
  /** Force (N) this balloon puts on the plate now (0 unless it touches the plate). */
  pushN(): number;
  /** Whether it holds the plate where it is (inflated to its cavity and touching the plate). */
  holdsPlate(): boolean;
}

export class SharedEndplate {
  private tNow = 0;
  private peak = 0;
  private readonly members = new Set<EndplatePusher>();

  /** Restoration fraction now, 0..1 of the lost height. */
  get t(): number {
    return this.tNow;
  }

  /** Largest restoration fraction reached. */
  get peakT(): number {
    return this.peak;
  }

  /** Move the plate (clamped to 0..1); the peak follows upward moves. */
  set t(value: number) {
    this.tNow = Math.max(0, Math.min(1, value));
    this.peak = Math.max(this.peak, this.tNow);
  }

  join(p: EndplatePusher): void {
    this.members.add(p);
  }

  leave(p: EndplatePusher): void {
    this.members.delete(p);
  }

  /** Merge another plate's state (when a balloon joins this one): the higher lift and peak win. */
  absorb(other: SharedEndplate): void {
    this.peak = Math.max(this.peak, other.peak);
    this.tNow = Math.max(this.tNow, other.tNow);
  }

  /** Force (N) the other balloons put on the plate. */
  othersPushN(self: EndplatePusher): number {
    let f = 0;
    for (const m of this.members) if (m !== self) f += m.pushN();
    return f;
  }

  /** Whether another balloon holds the plate up. */
  heldByOther(self: EndplatePusher): boolean {
    for (const m of this.members) if (m !== self && m.holdsPlate()) return true;
    return false;
  }

  /** Number of balloons pushing on this plate. */
  get size(): number {
    return this.members.size;
  }
}
