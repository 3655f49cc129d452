import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db';

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, in one process. `dataDir` is a folder
 * (the lab laptop's `lab-data/`), or undefined for an in-memory database (tests). PGlite runs one
 * statement at a time, so a transaction holds the whole database until it ends: fine for one
 * server, and the reason a lab that grows uses PostgreSQL (DATABASE_URL).
 */
/** PGlite's Db, which can also dump its whole data folder (the tests' template). */
export type PgliteDb = Db & { dump(): Promise<Blob> };

export async function openPgliteDb(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<PgliteDb> {
  // loadDataDir: start from a dump of another database (the tests' migrated template) instead of an empty one.
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = new PGlite(dataDir, options);
  await pg.waitReady;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const r = await q.query<T>(sql, params as unknown[]);
      return r.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    dump: () => pg.dumpDataDir('none'),
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
