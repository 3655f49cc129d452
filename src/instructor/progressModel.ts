import type { CohortResults } from '../labClient/instructorApiTypes';

/**
 * Progress and spread as plain data: each trainee's scores over the assignments in the order they
 * were set, and the cohort's spread of best scores per scenario (for the expert benchmark beside it).
 */

export interface ProgressPoint {
  readonly assignmentId: string;
  readonly assignmentTitle: string;
  readonly scenarioId: string;
  /** When the assignment was set (ISO): the x axis. */
  readonly at: string;
  readonly best: number | null;
  readonly latest: number | null;
  readonly passed: boolean | null;
}

export interface TraineeProgress {
  readonly traineeId: string;
  readonly displayName: string;
  /** Oldest assignment first; only cells with a released score. */
  readonly points: readonly ProgressPoint[];
}

export function traineeProgress(results: CohortResults): TraineeProgress[] {
  const assignments = new Map(results.assignments.map((a) => [a.id, a]));
  return results.trainees.map((t) => {
    const points = results.cells
      .filter((c) => c.traineeId === t.id && (c.bestTotal !== null || c.latestTotal !== null))
      .flatMap((c): ProgressPoint[] => {
        const a = assignments.get(c.assignmentId);
        if (!a) return [];
        return [
          {
            assignmentId: a.id,
            assignmentTitle: a.title,
            scenarioId: c.scenarioId,
            at: a.createdAt,
            best: c.bestTotal,
            latest: c.latestTotal,
            passed: c.passed,
          },
        ];
      })
      .sort((p, q) => p.at.localeCompare(q.at) || p.scenarioId.localeCompare(q.scenarioId));
    return { traineeId: t.id, displayName: t.displayName, points };
  });
}

/** The change from the first scored point to the last (null with fewer than two). */
export function progressChange(p: TraineeProgress): number | null {
  const scores = p.points.map((x) => x.latest ?? x.best).filter((s): s is number => s !== null);
  if (scores.length < 2) return null;
  return (scores[scores.length - 1] as number) - (scores[0] as number);
}

export interface Spread {
  readonly n: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly mean: number;
}

/** A quantile by linear interpolation between the closest ranks (values sorted ascending). */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (at - lo);
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] as number,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
  };
}

export interface ScenarioSpread {
  readonly scenarioId: string;
  readonly title: string;
  /** Each trainee's best released total on this scenario, over every assignment that set it. */
  readonly bests: readonly number[];
  readonly spread: Spread | null;
  /** A seed the scenario was set with (a fixed-seed assignment's), for the expert run; null: none fixed. */
  readonly seed: number | null;
}

export function scenarioSpreads(results: CohortResults): ScenarioSpread[] {
  const titles = new Map<string, string>();
  const seeds = new Map<string, number>();
  for (const a of results.assignments)
    for (const s of a.scenarios) {
      if (!titles.has(s.scenarioId)) titles.set(s.scenarioId, s.title);
      if (a.seed !== null && !seeds.has(s.scenarioId)) seeds.set(s.scenarioId, a.seed);
    }
  const best = new Map<string, Map<string, number>>();
  for (const c of results.cells) {
    if (c.bestTotal === null) continue;
    const perTrainee = best.get(c.scenarioId) ?? new Map<string, number>();
    best.set(c.scenarioId, perTrainee);
    perTrainee.set(c.traineeId, Math.max(perTrainee.get(c.traineeId) ?? Number.NEGATIVE_INFINITY, c.bestTotal));
  }
  return [...titles.keys()].sort().map((scenarioId) => {
    const bests = [...(best.get(scenarioId)?.values() ?? [])];
    return {
      scenarioId,
      title: titles.get(scenarioId) ?? scenarioId,
      bests,
      spread: spreadOf(bests),
      seed: seeds.get(scenarioId) ?? null,
    };
  });
}
