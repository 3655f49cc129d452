import type { DBSchema, IDBPDatabase } from 'idb';
import { openDbOnce } from './openDbOnce';
import type { AttemptRecord, AttemptStatus } from './attemptRecord';
import type { OutboxEntry } from '../labClient/outbox';

/** The IndexedDB schema of the trainee's record (one database per browser profile and origin). */
export interface RecordDbSchema extends DBSchema {
  attempts: {
    key: string;
    value: AttemptRecord;
    indexes: { trainee: string; status: AttemptStatus };
  };
  /** A lab station's uploads waiting for the lab server: the latest body per attempt (src/labClient/outbox.ts). */
  outbox: {
    key: string;
    value: OutboxEntry;
  };
}

export const RECORD_DB_NAME = 'kyphosim-record';

/** The part of an upgrading database a migration touches (narrow, so a test can hand in a fake). */
export interface MigratingDb {
  createObjectStore(
    name: 'attempts' | 'outbox',
    options: IDBObjectStoreParameters,
  ): { createIndex(name: string, keyPath: string): unknown };
}

/**
 * Schema migrations, oldest first: migration i takes the database from version i to i + 1. Add a
 * step to change the schema; never edit a step that has shipped (browsers out there ran it).
 */
export const RECORD_DB_MIGRATIONS: readonly ((db: MigratingDb) => void)[] = [
  (db) => {
    const attempts = db.createObjectStore('attempts', { keyPath: 'id' });
    attempts.createIndex('trainee', 'trainee');
    attempts.createIndex('status', 'status');
  },
  // Version 2: the lab upload queue. The attempts store is left as it is.
  (db) => {
    db.createObjectStore('outbox', { keyPath: 'attemptId' });
  },
];

export const RECORD_DB_VERSION = RECORD_DB_MIGRATIONS.length;

/** Run the migrations a database at `oldVersion` has not seen yet. */
export function migrateRecordDb(db: MigratingDb, oldVersion: number): void {
  for (const step of RECORD_DB_MIGRATIONS.slice(oldVersion)) step(db);
}

/** The record database, opened once per page (a failed open is retried on the next call). */
export const recordDb: () => Promise<IDBPDatabase<RecordDbSchema>> = openDbOnce<RecordDbSchema>(
  RECORD_DB_NAME,
  RECORD_DB_VERSION,
  (db, oldVersion) => migrateRecordDb(db as unknown as MigratingDb, oldVersion),
);
