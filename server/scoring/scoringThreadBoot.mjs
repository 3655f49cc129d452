// The entry of a scoring worker thread: Node does not pass the TypeScript loader (tsx) that runs
// the server on to worker threads, so each thread registers it and then loads the TypeScript entry.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
