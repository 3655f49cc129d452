import type { AttemptFile } from '../../sim/attempt';

/**
 * Who played an attempt, where and when, as its file (format v2, validated by the simulator's
 * parser) states it, with the times as wall-clock ms. A file migrated from v1 states none of it.
 */
export interface AttemptWhoWhere {
  readonly trainee: { readonly id: string | null; readonly name: string } | null;
  readonly station: string | null;
  /** Wall-clock ms since the epoch, or null when the file does not say (or says a time no lab lived in). */
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

/** Years an attempt may have been played in: a time outside is a corrupt or forged file, not a lab's session. */
const EARLIEST_MS = Date.UTC(2020, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);

function wallClockMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < LATEST_MS ? ms : null;
}

export function attemptMetadataOf(file: AttemptFile): AttemptWhoWhere {
  return {
    trainee: file.trainee,
    station: file.station,
    startedAt: wallClockMs(file.startedAt),
    endedAt: wallClockMs(file.endedAt),
  };
}
