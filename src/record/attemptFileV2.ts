import { APP_VERSION } from '../../sim/core';
import type { AttemptRecord } from './attemptRecord';

/**
 * The version of the simulation this build runs, recorded in attempt files (format v2) so a
 * score can be traced to the simulator that made it. The simulator ships inside the app's package,
 * so it is the package's version until sim/ states one of its own.
 */
export const SIM_VERSION_OF_THIS_BUILD: string = APP_VERSION;

const iso = (ms: number | undefined): string | null =>
  ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

/**
 * An attempt record as an attempt file of format v2 (unsigned): the replayable file of the record
 * plus who played it, on which station and when (wall-clock, ISO 8601 UTC, from the app: the
 * simulation never reads these). This is the body's `attempt` sent to the lab server.
 */
export function attemptFileV2(record: AttemptRecord, simVersion = SIM_VERSION_OF_THIS_BUILD): Record<string, unknown> {
  const name = record.trainee.trim();
  const traineeId = record.traineeId ?? null;
  return {
    ...record.file,
    version: 2,
    trainee: name === '' && traineeId === null ? null : { id: traineeId, name },
    station: record.station ?? null,
    startedAt: iso(record.startedAt),
    endedAt: record.status === 'in-progress' ? null : iso(record.endedAt ?? record.updatedAt),
    simVersion,
  };
}
