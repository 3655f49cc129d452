import type { FastifyInstance } from 'fastify';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { openDb, pgliteDir } from './db/openDb';
import { loadLabKey } from './attempts/labKey';
import { loadPublishedScenarios } from './attempts/publishedScenarios';
import { buildHttpServer } from './http/buildHttpServer';
import { type ScoringPool, startScoringPool } from './scoring/scoringPool';
import type { XapiConfig } from './xapi/xapiConfig';
import { xapiRecorder } from './xapi/xapiOutbox';
import { startXapiSender, type XapiSender } from './xapi/xapiSender';

export interface LabServerOptions {
  readonly host: string;
  readonly port: number;
  readonly databaseUrl?: string;
  /** The lab's data folder (PGlite's database in db/, the generated signing key); undefined: in memory (tests). */
  readonly dataDir?: string;
  /** A PostgreSQL schema of its own (tests on a shared database). */
  readonly schema?: string;
  /** A database already open (the tests' copy of a migrated template); the server closes it. */
  readonly db?: Db;
  readonly labSecret?: string;
  readonly scoringWorkers: number;
  readonly replayBudgetMs: number;
  readonly pollMs?: number;
  readonly trustProxy: boolean | string;
  readonly distDir?: string;
  readonly logger?: boolean;
  /** The institution's LRS; undefined: no xAPI statement is queued or sent. */
  readonly xapi?: XapiConfig;
}

export interface LabServer {
  readonly url: string;
  readonly db: Db;
  readonly http: FastifyInstance;
  readonly scoring: ScoringPool;
  /** The xAPI sender loop, or null without an LRS. */
  readonly xapi: XapiSender | null;
  close(): Promise<void>;
}

/** Open the database, bring its schema up to date, start the scoring workers and listen. */
export async function startLabServer(o: LabServerOptions): Promise<LabServer> {
  const db = o.db ?? (await openDb({ databaseUrl: o.databaseUrl, dataDir: pgliteDir(o.dataDir), schema: o.schema }));
  await migrate(db);
  const published = loadPublishedScenarios();
  const recorder = o.xapi ? xapiRecorder(o.xapi, published) : null;
  const xapi = o.xapi ? startXapiSender(db, o.xapi) : null;
  const scoring = startScoringPool(db, {
    size: o.scoringWorkers,
    budgetMs: o.replayBudgetMs,
    pollMs: o.pollMs ?? 2000,
    xapi: recorder,
  });
  const http = await buildHttpServer({
    db,
    published,
    labKey: loadLabKey(o.labSecret, o.dataDir),
    distDir: o.distDir,
    trustProxy: o.trustProxy,
    logger: o.logger ?? false,
    onQueued: () => scoring.wake(),
    xapi: recorder,
  });
  const address = await http.listen({ host: o.host, port: o.port });
  return {
    url: address,
    db,
    http,
    scoring,
    xapi,
    async close() {
      await http.close();
      await scoring.stop();
      await xapi?.stop();
      await db.close();
    },
  };
}
