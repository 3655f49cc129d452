import type { TrainingMode } from '../../sim/core/index';

/** The assignments row with its target's and creator's names, as loadAssignments selects it. */
export interface AssignmentRow {
  id: string;
  title: string;
  mode: TrainingMode;
  due_at: Date | null;
  attempts_allowed: number | null;
  pass_mark: number | null;
  seed_policy: SeedPolicy;
  seed: number | null;
  cohort_id: string | null;
  cohort_name: string | null;
  trainee_id: string | null;
  trainee_display_name: string | null;
  released: boolean;
  released_at: Date | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export type SeedPolicy = 'fixed' | 'fresh';

/** One scenario of an assignment, pinned at creation to its published version and content hash. */
export interface AssignedScenario {
  readonly scenarioId: string;
  readonly version: number;
  readonly hash: string;
  readonly title: string;
  /** Stored on this lab (server/labScenarios/), not one the app ships: a station gets it with the start. */
  readonly stored: boolean;
}

/** An assignment as the API shows it (api17.md). */
export interface Assignment {
  readonly id: string;
  readonly title: string;
  readonly mode: TrainingMode;
  readonly dueAt: string | null;
  readonly attemptsAllowed: number | null;
  readonly passMark: number | null;
  readonly seedPolicy: SeedPolicy;
  /** The fixed policy's seed; null for "fresh", whose seeds no one sees before an attempt starts. */
  readonly seed: number | null;
  readonly target: { cohortId: string; cohortName: string } | { traineeId: string; displayName: string };
  readonly scenarios: readonly AssignedScenario[];
  readonly released: boolean;
  readonly releasedAt: string | null;
  /** Null once the instructor's account was removed (the assignment and its attempts stay). */
  readonly createdBy: { id: string; displayName: string } | null;
  readonly createdAt: string;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

export function assignmentFromRow(r: AssignmentRow, scenarios: readonly AssignedScenario[]): Assignment {
  return {
    id: r.id,
    title: r.title,
    mode: r.mode,
    dueAt: iso(r.due_at),
    attemptsAllowed: r.attempts_allowed,
    passMark: r.pass_mark,
    seedPolicy: r.seed_policy,
    seed: r.seed_policy === 'fixed' ? r.seed : null,
    target:
      r.cohort_id !== null
        ? { cohortId: r.cohort_id, cohortName: r.cohort_name ?? '' }
        : { traineeId: r.trainee_id ?? '', displayName: r.trainee_display_name ?? '' },
    scenarios,
    released: r.released,
    releasedAt: iso(r.released_at),
    createdBy: r.created_by ? { id: r.created_by, displayName: r.created_by_name ?? '' } : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
