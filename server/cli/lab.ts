/**
 * `npm run lab -- <command>`: the lab's administration commands (server/cli/labCommands.ts,
 * server/README.md), on the same database as the server (DATABASE_URL, or PGlite in
 * KYPHOSIM_DATA_DIR, lab-data/ by default). PGlite's folder is one process's at a time: stop the
 * server first when the database is embedded.
 */
import { configFromEnv } from '../config';
import { openDb, pgliteDir } from '../db/openDb';
import { isLabCommand, LAB_USAGE, runLabCommand } from './labCommands';
import { passwordFromStdin, promptPassword } from './readPassword';

async function main(argv: string[]): Promise<number> {
  if (!isLabCommand(argv)) {
    console.error(LAB_USAGE);
    return 2;
  }
  const config = configFromEnv();
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: pgliteDir(config.dataDir) });
  try {
    return await runLabCommand(argv, db, {
      readPassword: (fromStdin) => (fromStdin ? passwordFromStdin() : promptPassword('Password: ')),
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
