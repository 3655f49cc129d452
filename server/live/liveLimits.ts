import { HttpError } from '../http/httpError';

/** Live streams one instructor (or admin) may hold open at once: a wall of stations, with room for reloads. */
export const MAX_LIVE_STREAMS_PER_USER = 20;
/** Live streams one server instance holds open at once: each polls the database twice a second. */
export const MAX_LIVE_STREAMS_TOTAL = 200;

/** One open stream's place; release it exactly once, when the stream closes. */
export interface LiveSlot {
  release(): void;
}

/**
 * The bound on open live streams, per user and in all, counted in this instance (a stream lives in
 * the process that holds its connection, so its count is this process's). Beyond either bound the
 * stream is refused with 429 before anything is sent.
 */
export class LiveLimits {
  private readonly perUser = new Map<string, number>();
  private total = 0;

  constructor(
    readonly maxPerUser = MAX_LIVE_STREAMS_PER_USER,
    readonly maxTotal = MAX_LIVE_STREAMS_TOTAL,
  ) {}

  get open(): number {
    return this.total;
  }

  openFor(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  acquire(userId: string): LiveSlot {
    const mine = this.openFor(userId);
    if (mine >= this.maxPerUser)
      throw new HttpError(
        429,
        'too-many-live-streams',
        `You already watch ${mine} attempts live, the most one user may: close one of them first.`,
      );
    if (this.total >= this.maxTotal)
      throw new HttpError(
        429,
        'too-many-live-streams',
        `This server already streams ${this.total} attempts live, the most it takes: try again when someone closes one.`,
      );
    this.perUser.set(userId, mine + 1);
    this.total += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        const left = this.openFor(userId) - 1;
        if (left > 0) this.perUser.set(userId, left);
        else this.perUser.delete(userId);
      },
    };
  }
}
