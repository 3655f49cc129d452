import { scoreAttempt } from '../../sim/scoring/index';
import { FIXED_DT_S } from '../../sim/core/index';
import { checkPublishedScenario, parseAttemptText } from '../../sim/attempt/index';
import type { ReplayOptions, ScenarioStatus } from '../../sim/attempt/index';
import type { Scenario } from '../../levels/scenarioSchema';
import { loadScenarios } from '../scenarios/loadScenarios';
import type { AttemptRecord } from '../record/attemptRecord';
import { replayAttempt } from './replayAttempt';
import { summarizeReport } from '../record/summarizeReport';

/**
 * Turn the text of an attempt file into a history record: check its size, parse, validate, check
 * its scenario against the published one of its id and version, replay and re-score.
 * Throws with a clear message for a corrupt, truncated, wrong-version or tampered file; it
 * writes nothing, so the caller stores the record only when all of that succeeded. The score
 * comes from the replay, never from the file (which carries none).
 */
export interface ImportOptions extends ReplayOptions {
  /**
   * `published` (the default): the embedded scenario must be exactly the app's published scenario
   * of its id and version. `draft`: the hook for an instructor's own scenario, which the app does
   * not publish; only a caller that holds the draft itself may pass it (sim/attempt/publishedScenario.ts).
   */
  readonly scenarioStatus?: ScenarioStatus;
  /** The published scenarios to compare with (the bundled levels/*.json unless a test sets them). */
  readonly published?: readonly Scenario[];
}

/** The app's published scenarios: every valid levels/*.json. */
function bundledScenarios(): Scenario[] {
  return loadScenarios().flatMap((e) => (e.ok ? [e.scenario] : []));
}

export function importAttempt(
  text: string,
  trainee: string,
  id: string,
  nowMs: number,
  options: ImportOptions = {},
): AttemptRecord {
  const parsed = parseAttemptText(text);
  checkPublishedScenario(parsed, options.published ?? bundledScenarios(), options.scenarioStatus);
  const { file, session } = replayAttempt(parsed, options);
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
