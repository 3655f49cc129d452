import { parentPort } from 'node:worker_threads';
import { scoreStoredAttempt } from './scoreStoredAttempt';

/** A scoring thread: replays and scores one attempt per message, off the thread that serves HTTP. */
export interface ScoringRequest {
  readonly fileJson: string;
  readonly budgetMs: number;
}

parentPort?.on('message', (req: ScoringRequest) => {
  parentPort?.postMessage(scoreStoredAttempt(req.fileJson, req.budgetMs));
});
