import { z } from 'zod';

/**
 * Who played an attempt, where and when, as an attempt file of format v2 states it (its trainee,
 * station and wall-clock times). Read from the file's JSON on its own, leniently: a v1 file has
 * none of it (all null), and a field that is malformed is left out rather than trusted; the
 * replayable part is validated by the simulator's parser, not here.
 */
export interface AttemptMetadata {
  readonly trainee: { readonly id: string | null; readonly name: string } | null;
  readonly station: string | null;
  /** Wall-clock ms since the epoch, or null when the file does not say (or says nonsense). */
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

const traineeSchema = z.object({ id: z.string().max(200).nullable(), name: z.string().max(200) });
const stationSchema = z.string().max(120);
const isoSchema = z.iso.datetime({ offset: true });

/** Years an attempt time may lie in: earlier or later is a corrupt or forged file, not a lab's session. */
const EARLIEST_MS = Date.UTC(2020, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);

function time(value: unknown): number | null {
  const r = isoSchema.safeParse(value);
  if (!r.success) return null;
  const ms = Date.parse(r.data);
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < LATEST_MS ? ms : null;
}

export function attemptMetadataOf(file: unknown): AttemptMetadata {
  const o = file !== null && typeof file === 'object' ? (file as Record<string, unknown>) : {};
  const trainee = traineeSchema.safeParse(o.trainee);
  const station = stationSchema.safeParse(o.station);
  return {
    trainee: trainee.success && trainee.data.name.trim() !== '' ? trainee.data : null,
    station: station.success ? station.data : null,
    startedAt: time(o.startedAt),
    endedAt: time(o.endedAt),
  };
}
