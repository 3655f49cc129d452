import type { Scenario } from '../../levels/scenarioSchema';
import type { Plan } from '../plan/planSchema';
import { runPlan } from '../plan/runPlan';
import { scoreAttempt } from '../scoring/score';
import type { ScoreReport } from '../scoring/types';

/**
 * The expert benchmark: the scenario's expert plan (scenario.scoring.expertPlan, a plan
 * kept in levels/plans/) run on the trainee's own patient (same scenario and seed) and scored like
 * any attempt, so the debrief can show the expert's figures beside the trainee's. The patient is
 * the same, so differences are technique, not anatomy. A plan that cannot finish on this patient
 * (a step refused, e.g. a balloon rupture on a rare seed) gives an error that says which step.
 */
export type ExpertBenchmark = { readonly report: ScoreReport } | { readonly error: string };

export function expertBenchmark(scenario: Scenario, seed: number, plan: Plan): ExpertBenchmark {
  try {
    const session = runPlan(scenario, seed, plan);
    return { report: scoreAttempt(session.scenario, session.log, session.snapshot()) };
  } catch (e) {
    return { error: `The expert plan could not be run on this patient: ${(e as Error).message}` };
  }
}
