import type { LogEntry } from '../core/commands';
import type { Scenario } from '../../levels/scenarioSchema';
import type { TrainingMode } from '../core/trainingMode';

/** Who made an attempt, as the app that recorded it knew them; null when no one signed in. */
export interface AttemptTrainee {
  /** The lab server's user id, or null for a name typed at a station without a server. */
  readonly id: string | null;
  readonly name: string;
}

/** The lab server's signature of an attempt file it serves (docs/attempt-file.md). */
export interface AttemptSignature {
  readonly alg: 'HMAC-SHA256';
  /** Which of the server's keys signed it (a short fingerprint of the key, never the key). */
  readonly keyId: string;
  /** HMAC-SHA256 over the canonical JSON of the file without `signature`, lower-case hex. */
  readonly value: string;
}

/**
 * Wall-clock and identity metadata the app records with an attempt. The sim never reads it (it
 * stays clock-free): replay and score depend only on scenario, seed, mode and log.
 */
export interface AttemptMetadata {
  readonly trainee: AttemptTrainee | null;
  /** The lab station (a computer's name), at most MAX_STATION_LENGTH characters. */
  readonly station: string | null;
  /** ISO 8601 UTC, e.g. "2026-12-03T18:04:05.000Z". */
  readonly startedAt: string | null;
  readonly endedAt: string | null;
}

/** The attempt file, version 2: everything needed to replay an attempt exactly, plus who, where and when (docs/attempt-file.md). */
export interface AttemptFile extends AttemptMetadata {
  readonly format: 'kyphosim-attempt';
  readonly version: 2;
  readonly appVersion: string;
  /** SIM_VERSION of the model that recorded it ("unknown" for a file migrated from version 1). */
  readonly simVersion: string;
  readonly scenario: Scenario;
  /** SHA-256 of the scenario's canonical JSON, hex. */
  readonly scenarioHash: string;
  readonly seed: number;
  readonly mode: TrainingMode;
  readonly log: readonly LogEntry[];
  /** The tick the attempt ended on; replay runs to it. */
  readonly endTick: number;
  /** Present only on a file the lab server served. */
  readonly signature?: AttemptSignature;
}
