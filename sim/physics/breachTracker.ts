import type { Side } from '../commands';
import type { BreachWall, DomainEvent } from '../events';
import type { Breach } from '../snapshot';
import { dot, sub, type Vec3 } from '../math/vec3';
import { CODE, TISSUES } from '../anatomy/tissueCodes';
import type { Anatomy } from '../anatomy/types';
import type { TissueClassifier } from '../anatomy/tissueClassifier';
import { exitWallAt } from './exitWall';
import { surfaceNormal } from './surfaceNormal';

/** The breaches of one track, by wall: shared by the trocar tip and the drill tip. */
export type BreachRecord = Map<BreachWall, Breach>;

/**
 * Watches one moving point (the trocar tip or the drill tip) and reports a breach when its path
 * leaves bone (README.md, Breach): the first forward step from bone into anything else opens an
 * exit, classified by exitWallAt; while the point stays outside, the depth beyond that wall grows
 * to its largest value. Going back into bone closes the exit. Withdrawing along the track is not a
 * breach (it leaves through the entry hole): call `withdrawn` instead of `advanced`.
 */
export class BreachTracker {
  private inBone = false;
  private exit: { wall: BreachWall; at: Vec3; normal: Vec3 | null } | null = null;
  private readonly isBone: (x: number, y: number, z: number) => boolean;

  constructor(
    private readonly anatomy: Anatomy,
    private readonly side: Side,
    private readonly classify: TissueClassifier,
    private readonly record: BreachRecord,
  ) {
    this.isBone = (x, y, z) => {
      const c = classify(x, y, z);
      return c === CODE.cortical || c === CODE.cancellous;
    };
  }

  /** The point moved forward to q at this tick; pushes needle.breach for a new wall. */
  advanced(q: Vec3, tick: number, events: DomainEvent[]): void {
    const code = this.classify(q.x, q.y, q.z);
    if (code === CODE.cortical || code === CODE.cancellous) {
      this.inBone = true;
      this.exit = null;
      return;
    }
    const tissue = TISSUES[code];
    if (this.inBone) {
      this.inBone = false;
      const { wall } = exitWallAt(this.anatomy, q, this.side, tissue);
      this.exit = { wall, at: q, normal: surfaceNormal(this.isBone, q) };
    }
    if (!this.exit) return;
    this.note(this.exit.wall, this.depthBeyond(this.exit.wall, q, tissue), q, tick, events);
    // A lateral exit at a thoracic level that goes on into the lung has breached the pleura too.
    if (tissue === 'lung' && this.exit.wall !== 'pleura') this.note('pleura', this.depthBeyond('pleura', q, tissue), q, tick, events);
  }

  /** The point moved back along its track to q: leaving bone this way is no breach. */
  withdrawn(q: Vec3): void {
    const code = this.classify(q.x, q.y, q.z);
    this.inBone = code === CODE.cortical || code === CODE.cancellous;
    if (!this.inBone) this.exit = null;
  }

  /** Forget the state of the point (a new pass or a new drill start), keeping the record. */
  reset(inBone: boolean): void {
    this.inBone = inBone;
    this.exit = null;
  }

  private depthBeyond(wall: BreachWall, q: Vec3, tissue: (typeof TISSUES)[number]): number {
    const closed = wall === this.exit?.wall ? exitWallAt(this.anatomy, q, this.side, tissue) : null;
    if (closed && closed.wall === wall && closed.depthMm !== null) return closed.depthMm;
    const e = this.exit!;
    const d = sub(q, e.at);
    return Math.max(0, e.normal ? dot(d, e.normal) : Math.hypot(d.x, d.y, d.z));
  }

  private note(wall: BreachWall, depthMm: number, q: Vec3, tick: number, events: DomainEvent[]): void {
    const prev = this.record.get(wall);
    if (!prev) {
      this.record.set(wall, { wall, depthMm, tick, position: q });
      events.push({ type: 'needle.breach', wall, depthMm });
    } else if (depthMm > prev.depthMm) {
      this.record.set(wall, { ...prev, depthMm });
    }
  }
}
