import { scoreAttempt } from '../../sim/scoring/index';
import { FIXED_DT_S } from '../../sim/core/index';
import { checkPublishedScenario, parseAttemptText } from '../../sim/attempt/index';
import type { ReplayOptions, ScenarioStatus } from '../../sim/attempt/index';
import { type Scenario, scenarioVersion } from '../../levels/scenarioSchema';
import { loadScenarios } from '../scenarios/loadScenarios';
import type { AttemptRecord } from '../record/attemptRecord';
import { replayAttempt } from './replayAttempt';
import { summarizeReport } from '../record/summarizeReport';
import { attemptMetadataOf } from '../record/attemptMetadata';

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
  /**
   * Published as well: this browser's own published scenario versions (src/scenarios/ownScenarioDb.ts),
   * frozen like the shipped ones, so an attempt on one is checked against it exactly.
   */
  readonly alsoPublished?: readonly Scenario[];
}

/** The app's published scenarios: every valid levels/*.json. */
function bundledScenarios(): Scenario[] {
  return loadScenarios().flatMap((e) => (e.ok ? [e.scenario] : []));
}

/**
 * The record keeps the file's own trainee, station and times (format v2: a colleague's attempt
 * stays theirs, dated when it was played). A file that does not say (format v1) is filed under
 * `importer` and dated `nowMs`, the import, as nothing better is known.
 */
export function importAttempt(
  text: string,
  importer: string,
  id: string,
  nowMs: number,
  options: ImportOptions = {},
): AttemptRecord {
  const parsed = parseAttemptText(text);
  // Of an own scenario's versions, the attempt's own first: the check takes the first of its id.
  const embedded = parsed.scenario;
  const sameVersion = (s: Scenario) => s.id === embedded.id && scenarioVersion(s) === scenarioVersion(embedded);
  const own = [...(options.alsoPublished ?? [])].sort((a, b) => Number(sameVersion(b)) - Number(sameVersion(a)));
  const published = [...(options.published ?? bundledScenarios()), ...own];
  checkPublishedScenario(parsed, published, options.scenarioStatus);
  const { file, session } = replayAttempt(parsed, options);
  const summary = summarizeReport(scoreAttempt(file.scenario, file.log, session.snapshot()));
  const meta = attemptMetadataOf(parsed);
  return {
    id,
    trainee: meta.trainee?.name ?? importer,
    traineeId: meta.trainee?.id ?? null,
    station: meta.station,
    scenarioId: file.scenario.id,
    scenarioTitle: file.scenario.title,
    seed: file.seed,
    mode: file.mode,
    status: 'finished',
    source: 'imported',
    startedAt: meta.startedAt ?? nowMs,
    ...(meta.endedAt !== null ? { endedAt: meta.endedAt } : {}),
    updatedAt: nowMs,
    simTimeS: file.endTick * FIXED_DT_S,
    file,
    summary,
  };
}
