import type { Side } from '../core/commands';
import type { BreachWall, DomainEvent } from '../core/events';
import { dot, sub, type Vec3 } from '../math/vec3';
import { CODE, TISSUES } from '../anatomy/tissueCodes';
import type { Anatomy, Tissue } from '../anatomy/types';
import type { TissueClassifier } from '../anatomy/tissueClassifier';
import { exitWallAt } from './exitWall';
import { surfaceNormal } from './surfaceNormal';
import { insideTargetBody, inTargetVertebra } from './targetVertebra';
import type { Breach } from '../instruments/trocarView';

/**
 * Spaces a tip must never enter, whatever it came through, and the wall a breach into them is
 * filed under: the canal (dura, cord: medial), the foramen (the exiting root runs under the
 * pedicle: inferior), the lung (pneumothorax: pleura).
 */
const FORBIDDEN_SPACES: Readonly<Partial<Record<Tissue, BreachWall>>> = {
  canal: 'medial',
  foramen: 'inferior',
  lung: 'pleura',
};

/** The breaches of one track, by wall: shared by the trocar tip and the drill tip. */
export type BreachRecord = Map<BreachWall, Breach>;

interface Exit {
  readonly wall: BreachWall;
  readonly at: Vec3;
  /** Outward normal of the surface crossed there (null if none was found within 1.5 mm). */
  readonly normal: Vec3 | null;
}

/**
 * Watches one moving point (the trocar tip or the drill tip) and reports a breach (README.md,
 * Breach) when its path moving forward
 * - leaves the target vertebra's bone: the first step from bone of the target's body or pedicles
 *   into anything outside them opens an exit, classified by exitWallAt; while the point stays
 *   outside, the depth beyond that wall grows to its largest value; going back into bone closes
 *   it. Leaving other bone (a facet, a transverse process, a rib) is not by itself a breach, and a
 *   non-bone pocket inside the body (a cleft) is not "out";
 * - or enters a forbidden space (canal, foramen, lung) from anything, bone or soft tissue: depth
 *   along the space's inward normal from the entry point.
 * Withdrawing along the track is not a breach (it leaves through the entry hole): call
 * `withdrawn` instead of `advanced`.
 */
export class BreachTracker {
  private inBone = false;
  /** Last point of the path in bone (the exit is judged by whose bone it was). */
  private lastBone: Vec3 | null = null;
  private exit: Exit | null = null;
  /** Where the point entered a forbidden space (FORBIDDEN_SPACES) it is still in, and that space's inward normal. */
  private entry: Exit | null = null;
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
      this.lastBone = q;
      this.exit = null;
      this.entry = null;
      return;
    }
    const tissue = TISSUES[code];
    if (this.inBone) {
      const fromTarget = this.lastBone !== null && inTargetVertebra(this.anatomy, this.lastBone);
      if (fromTarget && insideTargetBody(this.anatomy, q)) {
        // A gas or fluid pocket inside the body (the cleft): still inside its walls.
        return;
      }
      this.inBone = false;
      if (fromTarget)
        this.exit = {
          wall: exitWallAt(this.anatomy, q, this.side, tissue).wall,
          at: q,
          normal: surfaceNormal(this.isBone, q),
        };
    }
    if (this.exit) this.note(this.exit.wall, this.depthBeyond(this.exit, q, tissue), q, tick, events);
    const spaceWall = FORBIDDEN_SPACES[tissue];
    if (!spaceWall) {
      this.entry = null;
      return;
    }
    if (this.exit?.wall === spaceWall) return;
    if (this.entry?.wall !== spaceWall) {
      const n = surfaceNormal((x, y, z) => this.classify(x, y, z) === code, q);
      this.entry = { wall: spaceWall, at: q, normal: n ? { x: -n.x, y: -n.y, z: -n.z } : null };
    }
    this.note(spaceWall, this.projected(this.entry, q), q, tick, events);
  }

  /** The point moved back along its track to q: leaving bone this way is no breach. */
  withdrawn(q: Vec3): void {
    const code = this.classify(q.x, q.y, q.z);
    this.inBone = code === CODE.cortical || code === CODE.cancellous;
    if (this.inBone) {
      this.lastBone = q;
    } else {
      this.exit = null;
      this.entry = null;
    }
  }

  /** Forget the state of the point (a new pass or a new drill start), keeping the record; q is where it starts. */
  reset(inBone: boolean, q: Vec3 | null = null): void {
    this.inBone = inBone;
    this.lastBone = inBone ? q : null;
    this.exit = null;
    this.entry = null;
  }

  /** Depth beyond the exit's wall: the wall's closed form where it has one, else along the exit's normal. */
  private depthBeyond(e: Exit, q: Vec3, tissue: Tissue): number {
    const closed = exitWallAt(this.anatomy, q, this.side, tissue);
    if (closed.wall === e.wall && closed.depthMm !== null) return closed.depthMm;
    return this.projected(e, q);
  }

  /** Distance of q beyond the surface crossed at e.at, along that surface's outward normal (straight-line distance if none). */
  private projected(e: Exit, q: Vec3): number {
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
