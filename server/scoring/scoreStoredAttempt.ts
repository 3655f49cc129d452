import { parseAttemptFile, replay } from '../../sim/attempt/index';
import { SIM_VERSION } from '../../sim/core/index';
import { scoreAttempt } from '../../sim/scoring/index';
import type { ScoringOutcome } from './scoringQueue';

/**
 * The server's score of a stored attempt, as `npm run sim -- replay` computes it: parse the file,
 * replay its log from scenario and seed (stopped past `budgetMs` of wall time), score the final
 * state. Any failure (a command refused on replay, the budget, a bad file) is the outcome's error,
 * with its message: it is stored for the instructor to read, never thrown.
 */
export function scoreStoredAttempt(fileJson: string, budgetMs: number): ScoringOutcome {
  try {
    const file = parseAttemptFile(JSON.parse(fileJson));
    const end = performance.now() + budgetMs;
    const session = replay(file.scenario, file.seed, file.log, file.endTick, file.mode, {
      shouldContinue: () => performance.now() < end,
    });
    const report = scoreAttempt(session.scenario, session.log, session.snapshot());
    return { ok: true, report: JSON.parse(JSON.stringify(report)), simVersion: SIM_VERSION };
  } catch (e) {
    const message = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
    return { ok: false, error: message, simVersion: SIM_VERSION };
  }
}
