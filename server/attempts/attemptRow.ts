import type { AttemptFile } from '../../sim/attempt/index';

/** The attempt columns every read selects (ATTEMPT_COLUMNS), joined with its trainee. */
export interface AttemptRow {
  id: string;
  trainee_id: string;
  trainee_username: string;
  trainee_display_name: string;
  scenario_id: string;
  scenario_version: number;
  scenario_hash: string;
  mode: AttemptFile['mode'];
  seed: number;
  status: AttemptStatus;
  station: string | null;
  started_at: string | null;
  ended_at: string | null;
  revision: number;
  body_hash: string;
  updated_at: Date;
  scoring: ScoringState | null;
  score_total: number | null;
  score_passed: boolean | null;
  critical_errors: number | null;
  scored_sim_version: string | null;
  scored_at: Date | null;
  scoring_error: string | null;
  /** The assignment it was reserved for, or null (free practice). */
  assignment_id: string | null;
  /** Whether trainees may see its score: false only for an assignment's attempt before the release. */
  released: boolean;
}

export type AttemptStatus = 'in-progress' | 'finished' | 'abandoned';
export type ScoringState = 'queued' | 'running' | 'done' | 'failed';

/** SELECT list for AttemptRow, from `attempts a JOIN users u ON u.id = a.trainee_id`. */
export const ATTEMPT_COLUMNS = `a.id, a.trainee_id, u.username AS trainee_username, u.display_name AS trainee_display_name,
  a.scenario_id, a.scenario_version, a.scenario_hash, a.mode, a.seed::float8 AS seed, a.status, a.station, a.started_at,
  a.ended_at, a.revision, a.body_hash, a.updated_at, a.scoring, a.score_total, a.score_passed, a.critical_errors,
  a.scored_sim_version, a.scored_at, a.scoring_error,
  (SELECT r.assignment_id FROM assignment_attempts r WHERE r.attempt_id = a.id) AS assignment_id,
  COALESCE((SELECT g.released FROM assignment_attempts r JOIN assignments g ON g.id = r.assignment_id
    WHERE r.attempt_id = a.id), true) AS released`;

/** The attempt summary of GET /api/attempts (api.md, api17.md); trainees get it through withheldUntilReleased. */
export function attemptSummary(r: AttemptRow) {
  return {
    id: r.id,
    trainee: { id: r.trainee_id, username: r.trainee_username, displayName: r.trainee_display_name },
    scenarioId: r.scenario_id,
    scenarioVersion: r.scenario_version,
    mode: r.mode,
    seed: r.seed,
    status: r.status,
    station: r.station,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    updatedAt: new Date(r.updated_at).toISOString(),
    score:
      r.scoring === 'done' && r.score_total !== null
        ? {
            total: r.score_total,
            passed: r.score_passed,
            criticalErrors: r.critical_errors,
            simVersion: r.scored_sim_version,
            scoredAt: r.scored_at ? new Date(r.scored_at).toISOString() : null,
          }
        : null,
    scoring: r.scoring,
    assignmentId: r.assignment_id,
    released: r.released,
  };
}
