import type { Scenario } from '../../levels/scenarioSchema';
import type { LogEntry } from '../core/commands';
import type { SimSnapshot } from '../session/snapshot';
import { imagesByStage, STAGES, type Stage } from '../scoring/stages';

/** What the expert reference set did on a case: the figures the radiation domain judges against (scenario.scoring.expertReference). */
export type ExpertReference = NonNullable<Scenario['scoring']['expertReference']>;

/** One attempt as the reference needs it: the scenario, its log and final state. */
export interface PlayedAttempt {
  readonly scenario: Scenario;
  readonly log: readonly LogEntry[];
  readonly final: SimSnapshot;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The expert reference of a case: medians over the expert attempts of the reference set of its
 * fluoroscopy time, dose-area product, images and images per stage (sim/scoring/stages.ts). Medians,
 * so one expert's odd patient does not move the bar; null without expert attempts.
 */
export function expertReferenceOf(experts: readonly PlayedAttempt[]): ExpertReference | null {
  if (experts.length === 0) return null;
  const dose = experts.map((a) => a.final.dose);
  const byStage = experts.map((a) => imagesByStage(a));
  const stage = (s: Stage) => round(median(byStage.map((b) => b[s])), 1);
  return {
    fluoroTimeS: round(Math.max(1, median(dose.map((d) => d.fluoroTimeS))), 1),
    dapGyCm2: round(Math.max(0.001, median(dose.map((d) => d.dapGyCm2))), 3),
    shots: Math.max(1, Math.round(median(dose.map((d) => d.shots.AP + d.shots.lateral)))),
    shotsByStage: Object.fromEntries(STAGES.map((s) => [s, stage(s)])) as Record<Stage, number>,
  };
}

/** The scenario with this expert reference in its scoring block. */
export function withReference(scenario: Scenario, reference: ExpertReference | null): Scenario {
  if (!reference) return scenario;
  return { ...scenario, scoring: { ...scenario.scoring, expertReference: reference } };
}
