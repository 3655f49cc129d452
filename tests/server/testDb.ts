import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../server/db/db';
import { migrate, migrations } from '../../server/db/migrate';
import { openDb } from '../../server/db/openDb';
import { openPgliteDb } from '../../server/db/pgliteDb';

/**
 * How long a file's setup (a database and a server) may take: minutes, not seconds. On this shared
 * 2-core machine starting PGlite took from 2 s to over 3 min under other agents' load; a slow
 * machine must make the suite slow, never make it fail.
 */
export const HOOK_TIMEOUT_MS = 300_000;

/**
 * The database of one test file. On DATABASE_URL (CI on PostgreSQL): a fresh schema of its own,
 * so files running at once never see each other's rows. Otherwise an in-memory PGlite, started
 * from a dump of an already migrated one: PGlite's initdb takes 5-15 s on a busy 2-core machine,
 * loading a dump ~2 s. The dump is made once per set of migrations and kept in the system's temp
 * folder, named by a hash of the migrations, so a changed migration makes a new one.
 * `empty` gives a database with no schema at all (the migration tests).
 */
export async function testDb(options: { empty?: boolean } = {}): Promise<Db> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl) {
    const schema = `test_${randomUUID().replace(/-/g, '')}`;
    const db = await openDb({ databaseUrl, schema });
    // A database of your own keeps no test's leftovers: the schema goes when its file is done.
    return {
      ...db,
      close: async () => {
        await db.query(`DROP SCHEMA ${schema} CASCADE`);
        await db.close();
      },
    };
  }
  if (options.empty) return openPgliteDb();
  return openPgliteDb(undefined, { loadDataDir: await migratedTemplate() });
}

async function migratedTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const m of migrations()) hash.update(m.name).update(m.sql);
  const file = join(tmpdir(), `kyphosim-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
  if (!existsSync(file)) {
    const db = await openPgliteDb();
    await migrate(db);
    const dump = await db.dump();
    await db.close();
    // Written aside and renamed: a file running at the same time never reads half a dump.
    const partial = `${file}.${process.pid}.${randomUUID()}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}
