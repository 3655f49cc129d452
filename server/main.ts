import { configFromEnv } from './config';
import { startLabServer } from './labServer';

/** `npm start`: the lab server on 127.0.0.1 (PORT, default 4173), the embedded database in lab-data/. */
const config = configFromEnv();
const server = await startLabServer({ ...config, logger: false });
const db = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
console.log(`KyphoSim lab server: ${server.url}/ (database: ${db}; scoring workers: ${config.scoringWorkers})`);
if (config.xapi) console.log(`xAPI statements go to ${config.xapi.endpoint}`);
if (config.databaseUrl && !config.labSecret)
  console.warn(
    `KYPHOSIM_LAB_SECRET is not set: this instance signs with the key in ${config.dataDir}. Instances sharing one database must share one secret, or each rejects the others' signatures.`,
  );

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping: finishing the requests and scoring jobs under way.');
    server.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
