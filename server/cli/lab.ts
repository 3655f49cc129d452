/**
 * The lab's administration commands (server/README.md):
 *
 *   npm run lab -- add-user --username X --role admin|instructor|trainee --display-name "..." [--cohort <id>] [--password-stdin]
 *   npm run lab -- rescore     re-queue every finished or abandoned attempt (after a SIM_VERSION change)
 *   npm run lab -- migrate     bring the database schema up to date
 *
 * They use the same database as the server (DATABASE_URL, or PGlite in KYPHOSIM_DATA_DIR / lab-data/).
 * PGlite's folder is one process's at a time: stop the server first when it is embedded.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { configFromEnv } from '../config';
import { migrate } from '../db/migrate';
import { openDb, pgliteDir } from '../db/openDb';
import { requeueAll } from '../scoring/scoringQueue';
import { createUser } from '../users/createUser';
import { displayNameSchema, passwordSchema, ROLES, usernameSchema } from '../users/user';
import { passwordFromStdin, promptPassword } from './readPassword';

const addUserArgs = z.strictObject({
  username: usernameSchema,
  role: z.enum(ROLES),
  displayName: displayNameSchema,
  cohortId: z.string().uuid().optional(),
});

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      cohort: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (!['add-user', 'rescore', 'migrate'].includes(command ?? '')) {
    console.error(
      'usage:\n  npm run lab -- add-user --username X --role admin|instructor|trainee --display-name "..." [--cohort <id>] [--password-stdin]\n  npm run lab -- rescore\n  npm run lab -- migrate',
    );
    return 2;
  }
  const config = configFromEnv();
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: pgliteDir(config.dataDir) });
  try {
    const applied = await migrate(db);
    if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
    if (command === 'migrate') {
      if (!applied.length) console.log('the schema is up to date');
      return 0;
    }
    if (command === 'rescore') {
      console.log(`${await requeueAll(db)} attempts queued for re-scoring; the running server scores them`);
      return 0;
    }
    const parsed = addUserArgs.safeParse({
      username: values.username,
      role: values.role,
      displayName: values['display-name'],
      cohortId: values.cohort,
    });
    if (!parsed.success) {
      console.error(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));
      return 2;
    }
    const password = values['password-stdin'] ? await passwordFromStdin() : await promptPassword('Password: ');
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) {
      console.error(`password: ${checked.error.issues[0]?.message}`);
      return 2;
    }
    const user = await db.transaction((tx) => createUser(tx, { ...parsed.data, password }));
    console.log(`created ${user.role} ${user.username} (${user.id})`);
    return 0;
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
