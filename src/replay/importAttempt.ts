import { scoreAttempt } from '../../sim/scoring/index';
import { FIXED_DT_S } from '../../sim/core/index';
import { parseAttemptText, type ReplayOptions } from '../../sim/attempt/index';
import type { AttemptRecord } from '../record/attemptRecord';
import { replayAttempt } from './replayAttempt';
import { summarizeReport } from '../record/summarizeReport';

/**
 * Turn the text of an attempt file into a history record: check its size, parse, validate, replay
 * and re-score.
 * Throws with a clear message for a corrupt, truncated, wrong-version or tampered file; it
 * writes nothing, so the caller stores the record only when all of that succeeded. The score
 * comes from the replay, never from the file (which carries none).
 */
export function importAttempt(
  text: string,
  trainee: string,
  id: string,
  nowMs: number,
  options: ReplayOptions = {},
): AttemptRecord {
  const { file, session } = replayAttempt(parseAttemptText(text), options);
  const summary = summarizeReport(scoreAttempt(file.scenario, file.log, session.snapshot()));
  return {
    id,
    trainee,
    scenarioId: file.scenario.id,
    scenarioTitle: file.scenario.title,
    seed: file.seed,
    mode: file.mode,
    status: 'finished',
    source: 'imported',
    startedAt: nowMs,
    updatedAt: nowMs,
    simTimeS: file.endTick * FIXED_DT_S,
    file,
    summary,
  };
}
