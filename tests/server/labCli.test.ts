import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLabCommand } from '../../server/cli/labCommands';
import type { Db } from '../../server/db/db';
import { verifyPassword } from '../../server/auth/password';
import { HOOK_TIMEOUT_MS, testDb } from './testDb';
import { attemptFile } from './labTestServer';

/** The commands of `npm run lab` on a real database, with the password handed in as stdin would. */
let db: Db;
beforeAll(async () => {
  db = await testDb({ empty: true });
}, HOOK_TIMEOUT_MS);
afterAll(() => db?.close());

function io(password = 'a long enough password') {
  const lines = { out: [] as string[], err: [] as string[], asked: [] as boolean[] };
  return {
    lines,
    io: {
      readPassword: async (fromStdin: boolean) => {
        lines.asked.push(fromStdin);
        return password;
      },
      out: (l: string) => lines.out.push(l),
      err: (l: string) => lines.err.push(l),
    },
  };
}

describe('npm run lab', () => {
  it('migrate builds the schema on an empty database, then has nothing to do', async () => {
    const first = io();
    expect(await runLabCommand(['migrate'], db, first.io)).toBe(0);
    expect(first.lines.out[0]).toMatch(/^migrations applied: 001_accounts\.sql/);
    const second = io();
    expect(await runLabCommand(['migrate'], db, second.io)).toBe(0);
    expect(second.lines.out).toEqual(['the schema is up to date']);
  });

  it('add-user creates the user with a scrypt hash of the password read from stdin', async () => {
    const run = io('correct horse battery');
    const argv = [
      'add-user',
      '--username',
      'Admin',
      '--role',
      'admin',
      '--display-name',
      'Lab Admin',
      '--password-stdin',
    ];
    expect(await runLabCommand(argv, db, run.io)).toBe(0);
    expect(run.lines.asked).toEqual([true]);
    expect(run.lines.out[0]).toMatch(/^created admin admin \(/);
    const [row] = await db.query<{ role: string; password_hash: string }>(
      "SELECT role, password_hash FROM users WHERE username = 'admin'",
    );
    expect(row.role).toBe('admin');
    expect(await verifyPassword('correct horse battery', row.password_hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', row.password_hash)).toBe(false);
  });

  it.each([
    [['add-user', '--username', 'x', '--role', 'admin', '--display-name', 'X'], /--username/],
    [['add-user', '--username', 'someone', '--role', 'root', '--display-name', 'X'], /--role/],
    [['add-user', '--username', 'someone', '--role', 'admin'], /--display-name/],
    [['add-user', '--username', 'admin', '--role', 'admin', '--display-name', 'Again'], /already taken/],
    [['frobnicate'], /usage/],
  ])('refuses %j with a message naming what is wrong', async (argv, message) => {
    const run = io();
    const code = await runLabCommand(argv, db, run.io).catch((e: Error) => {
      run.lines.err.push(e.message);
      return 1;
    });
    expect(code).not.toBe(0);
    expect(run.lines.err.join('\n')).toMatch(message);
  });

  it('refuses a short password', async () => {
    const run = io('short');
    const argv = ['add-user', '--username', 'shorty', '--role', 'trainee', '--display-name', 'S'];
    expect(await runLabCommand(argv, db, run.io)).toBe(2);
    expect(run.lines.asked).toEqual([false]);
    expect(run.lines.err[0]).toMatch(/password: at least 10 characters/);
  });

  it('rescore queues every finished attempt and no other', async () => {
    const [admin] = await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin'");
    const file = JSON.stringify(attemptFile(2));
    for (const status of ['finished', 'abandoned', 'in-progress'])
      await db.query(
        `INSERT INTO attempts (id, trainee_id, scenario_id, scenario_version, scenario_hash, mode, seed, status, log_length,
           end_tick, file_json, body_hash, revision)
         VALUES ($1, $2, 'l1-osteoporotic-wedge', 1, 'h', 'practice', 42, $3, 2, 180, $4, 'b', 1)`,
        [randomUUID(), admin.id, status, file],
      );
    const run = io();
    expect(await runLabCommand(['rescore'], db, run.io)).toBe(0);
    expect(run.lines.out).toEqual(['2 attempts queued for re-scoring; the running server scores them']);
    const queued = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM scoring_jobs WHERE state = 'queued'`);
    expect(queued[0].n).toBe(2);
  });
});
