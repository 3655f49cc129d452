import type { Statement } from '@xapi/xapi';
import { TICKS_PER_S } from '../../sim/core/index';
import { statementId } from './statementId';
import type { XapiConfig } from './xapiConfig';
import { VERBS, type VerbName } from './xapiVerbs';

/** What a statement says of an attempt: the attempts row, as attemptFacts reads it. */
export interface AttemptFacts {
  readonly id: string;
  readonly traineeId: string;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  /** The scenario's title, for the activity's name (absent if the scenario is no longer published). */
  readonly scenarioTitle: string | null;
  readonly mode: string;
  readonly seed: number;
  readonly status: 'in-progress' | 'finished' | 'abandoned';
  readonly endTick: number;
  /** When the lab first received it, and when it last changed (the upload that finished or abandoned it). */
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly score: {
    readonly total: number;
    readonly passed: boolean;
    readonly criticalErrors: number;
    readonly simVersion: string;
  } | null;
}

/** The statements of an attempt's first upload, its end, and its score (api17.md, "xAPI"). */
export const ON_UPLOAD: Record<AttemptFacts['status'], readonly VerbName[]> = {
  'in-progress': ['launched', 'initialized'],
  finished: ['launched', 'initialized', 'terminated'],
  abandoned: ['launched', 'initialized', 'abandoned'],
};

/** Scores are scaled from the simulator's 0-100 total. */
const SCORE_MAX = 100;

/** An ISO 8601 duration of simulated time (the ticks the log ran), e.g. PT312.5S. */
export function simDuration(endTick: number): string {
  const seconds = Math.max(0, endTick) / TICKS_PER_S;
  return `PT${Number(seconds.toFixed(2))}S`;
}

function extensionIri(config: XapiConfig, name: string): string {
  return `${config.activityBase}/xapi/extensions/${name}`;
}

/** The statement "trainee <verb> scenario" for this attempt, with its deterministic id. */
export function attemptStatement(config: XapiConfig, attempt: AttemptFacts, verb: VerbName): Statement {
  const activityId = `${config.activityBase}/scenarios/${encodeURIComponent(attempt.scenarioId)}/v${attempt.scenarioVersion}`;
  const ended =
    verb === 'terminated' || verb === 'abandoned' || verb === 'completed' || verb === 'passed' || verb === 'failed';
  const statement: Statement = {
    id: statementId(attempt.id, VERBS[verb]),
    actor: { objectType: 'Agent', account: { homePage: config.homePage, name: attempt.traineeId } },
    verb: { id: VERBS[verb], display: { 'en-US': verb } },
    object: {
      objectType: 'Activity',
      id: activityId,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/simulation',
        ...(attempt.scenarioTitle ? { name: { 'en-US': attempt.scenarioTitle } } : {}),
      },
    },
    context: {
      // The attempt is the registration: every statement of one attempt shares it.
      registration: attempt.id,
      platform: 'KyphoSim',
      extensions: {
        [extensionIri(config, 'mode')]: attempt.mode,
        [extensionIri(config, 'seed')]: attempt.seed,
      },
    },
    timestamp: new Date(ended ? attempt.updatedAt : attempt.createdAt).toISOString(),
  };
  if (verb === 'terminated' || verb === 'abandoned') statement.result = { duration: simDuration(attempt.endTick) };
  if ((verb === 'completed' || verb === 'passed' || verb === 'failed') && attempt.score) {
    const total = Math.min(SCORE_MAX, Math.max(0, attempt.score.total));
    statement.result = {
      score: { scaled: total / SCORE_MAX, raw: total, min: 0, max: SCORE_MAX },
      success: attempt.score.passed,
      completion: true,
      duration: simDuration(attempt.endTick),
      extensions: {
        [extensionIri(config, 'critical-errors')]: attempt.score.criticalErrors,
        [extensionIri(config, 'sim-version')]: attempt.score.simVersion,
      },
    };
  }
  return statement;
}
