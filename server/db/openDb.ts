import { join } from 'node:path';
import type { Db } from './db';
import { openPgliteDb } from './pgliteDb';
import { openPostgresDb } from './postgresDb';

export interface DbChoice {
  /** postgres://... : a PostgreSQL server; otherwise the embedded PGlite. */
  readonly databaseUrl?: string;
  /** PGlite's folder; undefined: in memory. */
  readonly dataDir?: string;
  /** A schema of its own on PostgreSQL (tests). */
  readonly schema?: string;
}

/** The one place where PGlite or PostgreSQL is chosen: by configuration alone. */
export function openDb(choice: DbChoice): Promise<Db> {
  return choice.databaseUrl ? openPostgresDb(choice.databaseUrl, choice.schema) : openPgliteDb(choice.dataDir);
}

/** PGlite's own folder inside the lab's data folder (beside the signing key, never mixed with it). */
export function pgliteDir(dataDir: string | undefined): string | undefined {
  return dataDir === undefined ? undefined : join(dataDir, 'db');
}
