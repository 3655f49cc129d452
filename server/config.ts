import { join } from 'node:path';
import { REPLAY_BUDGET_MS } from '../sim/core/index';
import { type XapiConfig, xapiConfigFromEnv } from './xapi/xapiConfig';

const ROOT = join(import.meta.dirname, '..');

/** Everything the server reads from its environment (server/README.md lists each variable). */
export interface LabConfig {
  readonly host: string;
  readonly port: number;
  /** postgres://...: a PostgreSQL server shared by every instance; absent: the embedded PGlite in dataDir. */
  readonly databaseUrl?: string;
  /** The lab's data folder: PGlite's database (db/) and the generated signing key (lab-secret); lab-data/ by default. */
  readonly dataDir: string;
  readonly labSecret?: string;
  readonly scoringWorkers: number;
  readonly replayBudgetMs: number;
  readonly trustProxy: boolean | string;
  readonly distDir: string;
  /** The institution's LRS (KYPHOSIM_LRS_*); undefined: no xAPI statements. */
  readonly xapi?: XapiConfig;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${value}".`);
  return n;
}

/** The configuration from environment variables, checked: a wrong value stops the start with its name. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): LabConfig {
  const trust = env.KYPHOSIM_TRUST_PROXY;
  return {
    host: env.HOST || '127.0.0.1',
    port: integer('PORT', env.PORT, 4173, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.KYPHOSIM_DATA_DIR || join(ROOT, 'lab-data'),
    labSecret: env.KYPHOSIM_LAB_SECRET || undefined,
    // One by default: a lab laptop has 2 cores, and one serves HTTP.
    scoringWorkers: integer('KYPHOSIM_SCORING_WORKERS', env.KYPHOSIM_SCORING_WORKERS, 1, 0, 64),
    replayBudgetMs: REPLAY_BUDGET_MS,
    trustProxy: trust === undefined || trust === '' ? false : trust === 'true' ? true : trust,
    distDir: join(ROOT, 'dist'),
    xapi: xapiConfigFromEnv(env),
  };
}
