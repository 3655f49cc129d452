import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { requeueAll } from '../scoring/scoringQueue';
import { createUser } from '../users/createUser';
import { displayNameSchema, passwordSchema, ROLES, usernameSchema } from '../users/user';

export const LAB_USAGE = `usage:
  npm run lab -- add-user --username X --role admin|instructor|trainee --display-name "..." [--cohort <id>] [--password-stdin]
  npm run lab -- rescore
  npm run lab -- migrate`;

const addUserArgs = z.strictObject({
  username: usernameSchema,
  role: z.enum(ROLES),
  displayName: displayNameSchema,
  cohortId: z.uuid().optional(),
});

/** Where a command reads a password and writes its lines (the terminal; a test's own). */
export interface LabIo {
  /** The password: from stdin with --password-stdin, else asked on the terminal without echo. */
  readPassword(fromStdin: boolean): Promise<string>;
  out(line: string): void;
  err(line: string): void;
}

/** Whether argv names a command at all (before any database is opened). */
export function isLabCommand(argv: readonly string[]): boolean {
  return ['add-user', 'rescore', 'migrate'].includes(argv.find((a) => !a.startsWith('-')) ?? '');
}

/** Run one administration command on the database; the exit code. */
export async function runLabCommand(argv: string[], db: Db, io: LabIo): Promise<number> {
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
  const applied = await migrate(db);
  if (applied.length) io.out(`migrations applied: ${applied.join(', ')}`);
  if (command === 'migrate') {
    if (!applied.length) io.out('the schema is up to date');
    return 0;
  }
  if (command === 'rescore') {
    io.out(`${await requeueAll(db)} attempts queued for re-scoring; the running server scores them`);
    return 0;
  }
  if (command !== 'add-user') {
    io.err(LAB_USAGE);
    return 2;
  }
  const parsed = addUserArgs.safeParse({
    username: values.username,
    role: values.role,
    displayName: values['display-name'],
    cohortId: values.cohort,
  });
  if (!parsed.success) {
    const flag = (key: unknown) =>
      key === 'displayName' ? 'display-name' : key === 'cohortId' ? 'cohort' : String(key);
    io.err(parsed.error.issues.map((i) => `--${flag(i.path[0])}: ${i.message}`).join('\n'));
    return 2;
  }
  const password = await io.readPassword(values['password-stdin'] === true);
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) {
    io.err(`password: ${checked.error.issues[0]?.message}`);
    return 2;
  }
  if (parsed.data.cohortId && parsed.data.role !== 'trainee') {
    io.err('--cohort: only trainees belong to cohorts');
    return 2;
  }
  const user = await db.transaction((tx) => createUser(tx, { ...parsed.data, password }));
  io.out(`created ${user.role} ${user.username} (${user.id})`);
  return 0;
}
