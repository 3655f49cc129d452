import type { AttemptFile, AttemptFileOptions } from '../../sim/attempt';
import { MAX_STATION_LENGTH, MAX_TITLE_LENGTH, MAX_TRAINEE_ID_LENGTH } from '../../sim/core';
import type { AttemptRecord } from './attemptRecord';

// Types only from sim/attempt: this module is on the menu's first chunk (the record panel, the lab
// panel), which must not pull in the simulation; sessionAttemptFile.ts builds files from a session.

const iso = (ms: number | undefined): string | null =>
  ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

/**
 * Text as the attempt file's plain-text fields take it (sim/attempt's schema: one line, no control
 * characters, lone surrogates or angle brackets, bounded): a name typed on the menu may hold any
 * of these; they are dropped rather than the file refused. Null when nothing is left.
 */
function plainLine(text: string | null | undefined, max: number): string | null {
  if (!text) return null;
  const clean = text
    .replace(/[\p{Cc}\p{Cs}<>]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean === '' ? null : [...clean].slice(0, max).join('').trim();
}

/** Who, where and when of an attempt (format v2's metadata), from the record's fields. */
export function attemptMetadata(
  who: Pick<AttemptRecord, 'trainee' | 'traineeId' | 'station' | 'startedAt'>,
  endedAtMs: number | undefined,
): AttemptFileOptions {
  const name = plainLine(who.trainee, MAX_TITLE_LENGTH);
  const id = plainLine(who.traineeId, MAX_TRAINEE_ID_LENGTH);
  return {
    trainee: name === null && id === null ? null : { id, name: name ?? id ?? '' },
    station: plainLine(who.station, MAX_STATION_LENGTH),
    startedAt: iso(who.startedAt),
    endedAt: iso(endedAtMs),
  };
}

/**
 * An attempt record's file as format v2 with the record's metadata (the record is the truth for
 * who, where and when: a status written without a session, such as abandoned, ends it here). This
 * is the `attempt` sent to the lab server. A file stored before format v2 keeps its replayable
 * fields and says its model is unknown, as the simulator's own migration does.
 */
export function attemptFileV2(record: AttemptRecord): AttemptFile {
  const file = record.file as AttemptFile | (Omit<AttemptFile, 'version' | 'simVersion'> & { version: 1 });
  const ended = record.status === 'in-progress' ? undefined : (record.endedAt ?? record.updatedAt);
  return {
    ...file,
    version: 2,
    simVersion: 'simVersion' in file ? file.simVersion : 'unknown',
    ...attemptMetadata(record, ended),
  } as AttemptFile;
}
