import { indicationOf, type Scenario } from '../../levels/scenarioSchema';
import type { Plan } from '../plan/planSchema';
import { playPlan } from '../plan/runPlan';
import { scoreAttempt } from '../scoring/score';
import { cohensD, contrastingGroupsMark, mean, sd } from './stats';
import type { PlayedAttempt } from './expertReference';

/**
 * Standard setting by contrasting groups over the reference sets (levels/plans/reference/): every
 * expert and novice plan run on a number of patients (seeds) of each scenario it fits, scored by
 * the rubric's public result alone (scoreAttempt: total, passed, critical errors), and summarised
 * per scenario and pooled. The pass mark is where the groups' score distributions cross
 * (sim/standard/stats.ts).
 */

export type ReferenceGroup = 'expert' | 'novice';

export interface ReferencePlan {
  /** The plan's file name without .json. */
  readonly id: string;
  readonly group: ReferenceGroup;
  readonly plan: Plan;
}

/**
 * Whether a plan is written for this scenario: a plan that declines fits every case to decline; an
 * operating plan fits by its declared procedure, (if given) approach and, for kyphoplasty, cavity
 * device, whatever the case's indication (a plan operates when it fits the procedure). A plan that declares nothing fits none.
 */
export function planFits(
  plan: Plan,
  scenario: Pick<Scenario, 'procedure' | 'approach' | 'indication' | 'route' | 'secondLevel'> & {
    readonly equipment?: Pick<Scenario['equipment'], 'cavityDevice'>;
  },
): boolean {
  const fits = plan.fits;
  if (!fits) return false;
  if ('indication' in fits) return indicationOf(scenario).decision === 'decline';
  // A plan that declares a route is written for cases that teach it; one that does not is the
  // transpedicular technique, which a trainee may bring to any case.
  if (fits.route && fits.route !== (scenario.route ?? 'transpedicular')) return false;
  // A plan treats one level or two, one after the other: it can complete only a case of as many.
  if ((fits.levels ?? 1) !== (scenario.secondLevel ? 2 : 1)) return false;
  // A kyphoplasty plan drives one cavity device (undeclared: the balloon); a balloon plan's
  // inflations mean nothing to a mesh container, so it is no reference for that case.
  const device = (fits.cavityDevice ?? 'balloon') === (scenario.equipment?.cavityDevice ?? 'balloon');
  return (
    fits.procedure === scenario.procedure &&
    (!fits.approach || fits.approach === scenario.approach) &&
    (scenario.procedure !== 'kyphoplasty' || device)
  );
}

/**
 * Whether a reference plan takes part in a scenario's standard setting: it fits (planFits), and it
 * is not an expert operating on a case to decline. An expert declines such a case; a novice who
 * operates on it is exactly the error the case is there to catch (a critical error), so the
 * novices' operating plans stay in its contrasting groups.
 */
export function referencePlanFits(
  ref: Pick<ReferencePlan, 'group' | 'plan'>,
  scenario: Parameters<typeof planFits>[1],
): boolean {
  if (!planFits(ref.plan, scenario)) return false;
  const declines = ref.plan.fits !== undefined && 'indication' in ref.plan.fits;
  if (ref.group === 'expert' && !declines && indicationOf(scenario).decision === 'decline') return false;
  // An expert takes the route the case teaches (a narrow thoracic pedicle is passed beside); a
  // novice's plans stay in, whichever route they take, as the trainee's may.
  const planRoute = ref.plan.fits && 'procedure' in ref.plan.fits ? (ref.plan.fits.route ?? 'transpedicular') : null;
  return !(ref.group === 'expert' && planRoute !== null && planRoute !== (scenario.route ?? 'transpedicular'));
}

/** One reference plan run on one patient, scored. */
export interface ReferenceRun {
  readonly scenarioId: string;
  readonly planId: string;
  readonly group: ReferenceGroup;
  readonly seed: number;
  readonly total: number;
  readonly passed: boolean;
  readonly criticalErrors: readonly string[];
  /** Ids of the serious errors (absent in hand-made runs). */
  readonly seriousErrors?: readonly string[];
  /** Each domain's score (absent in hand-made runs). */
  readonly domains?: Readonly<Record<string, number>>;
  /** Where the plan stopped early (a step refused), if it did: the attempt is scored as it stands. */
  readonly stoppedAt?: string;
  /** Whether the same attempt passes with this pass mark instead of the scenario's (re-scored, so every gate of the rubric applies). */
  readonly passesAt: (mark: number) => boolean;
}

/** A reference plan played on one patient, not yet scored (scoring waits for the case's expert reference). */
export interface PlayedReference extends PlayedAttempt {
  readonly planId: string;
  readonly group: ReferenceGroup;
  readonly seed: number;
  readonly stoppedAt?: string;
}

/**
 * Play a reference plan on one patient, in exam mode (assessment conditions: no practice hints and
 * refusals; a wrong-level puncture ends the procedure); a refused step ends the plan and the attempt
 * stands as it is.
 */
export function playReference(scenario: Scenario, ref: ReferencePlan, seed: number): PlayedReference {
  const { session, stoppedAt } = playPlan(scenario, seed, ref.plan, { variationKey: ref.id, mode: 'exam' });
  return {
    scenario,
    planId: ref.id,
    group: ref.group,
    seed,
    log: session.log.slice(),
    final: session.snapshot(),
    ...(stoppedAt ? { stoppedAt: `step ${stoppedAt.step}: ${stoppedAt.reason}` } : {}),
  };
}

/** Score a played attempt on this version of its scenario (with the expert reference it will be published with). */
export function scoreReference(scenario: Scenario, played: PlayedReference): ReferenceRun {
  const { log, final } = played;
  const report = scoreAttempt(scenario, log, final);
  return {
    scenarioId: scenario.id,
    planId: played.planId,
    group: played.group,
    seed: played.seed,
    total: report.total,
    passed: report.passed,
    criticalErrors: report.criticalErrors.map((c) => c.id),
    seriousErrors: report.seriousErrors.map((c) => c.id),
    domains: Object.fromEntries(report.domains.map((d) => [d.id, d.score])),
    ...(played.stoppedAt ? { stoppedAt: played.stoppedAt } : {}),
    passesAt: (mark) =>
      mark === report.passScore
        ? report.passed
        : scoreAttempt({ ...scenario, scoring: { ...scenario.scoring, passScore: mark } }, log, final).passed,
  };
}

/** Play and score in one go, on the scenario as it is. */
export function runReference(scenario: Scenario, ref: ReferencePlan, seed: number): ReferenceRun {
  return scoreReference(scenario, playReference(scenario, ref, seed));
}

export interface GroupSummary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** Share that passed with the scenario's current pass score (scoreAttempt's passed). */
  readonly passRate: number;
  /** Share with at least one critical error. */
  readonly criticalRate: number;
}

export interface StandardSummary {
  readonly expert: GroupSummary;
  readonly novice: GroupSummary;
  readonly cohensD: number | null;
  /** The contrasting-groups mark, unrounded, and rounded to the whole number that --write stores; null if the groups do not separate. */
  readonly markExact: number | null;
  readonly mark: number | null;
  /** Novices who pass at the rounded mark, and experts who fail at it (counts and shares). */
  readonly falsePasses: number;
  readonly falseFails: number;
  readonly falsePassRate: number;
  readonly falseFailRate: number;
}

const share = (k: number, n: number): number => (n > 0 ? k / n : Number.NaN);

function group(runs: readonly ReferenceRun[]): GroupSummary {
  const totals = runs.map((r) => r.total);
  return {
    n: runs.length,
    mean: mean(totals),
    sd: sd(totals),
    passRate: share(runs.filter((r) => r.passed).length, runs.length),
    criticalRate: share(runs.filter((r) => r.criticalErrors.length > 0).length, runs.length),
  };
}

/** Summarise runs (one scenario's, or several pooled): group figures, Cohen's d, the mark and its false passes and fails. */
export function summarise(runs: readonly ReferenceRun[]): StandardSummary {
  const experts = runs.filter((r) => r.group === 'expert');
  const novices = runs.filter((r) => r.group === 'novice');
  const et = experts.map((r) => r.total);
  const nt = novices.map((r) => r.total);
  const markExact = contrastingGroupsMark(et, nt);
  const mark = markExact === null ? null : Math.round(markExact);
  const falsePasses = mark === null ? 0 : novices.filter((r) => r.passesAt(mark)).length;
  const falseFails = mark === null ? 0 : experts.filter((r) => !r.passesAt(mark)).length;
  return {
    expert: group(experts),
    novice: group(novices),
    cohensD: cohensD(et, nt),
    markExact,
    mark,
    falsePasses,
    falseFails,
    falsePassRate: share(falsePasses, novices.length),
    falseFailRate: share(falseFails, experts.length),
  };
}

/**
 * Internal structure: how far each domain alone separates the groups (Cohen's d of the domain
 * scores, expert minus novice), and each serious error's rate per group. A domain that does not
 * separate them adds noise to the total; one that separates them alone carries the verdict.
 */
export function domainSeparation(runs: readonly ReferenceRun[]): {
  readonly domains: Readonly<Record<string, number | null>>;
  readonly seriousRates: Readonly<Record<string, { readonly expert: number; readonly novice: number }>>;
} {
  const experts = runs.filter((r) => r.group === 'expert');
  const novices = runs.filter((r) => r.group === 'novice');
  const ids = [...new Set(runs.flatMap((r) => Object.keys(r.domains ?? {})))];
  const scores = (rs: readonly ReferenceRun[], id: string) =>
    rs.flatMap((r) => (r.domains?.[id] === undefined ? [] : [r.domains[id]]));
  const domains = Object.fromEntries(ids.map((id) => [id, cohensD(scores(experts, id), scores(novices, id))]));
  const errorIds = [...new Set(runs.flatMap((r) => r.seriousErrors ?? []))].sort();
  const rate = (rs: readonly ReferenceRun[], id: string) =>
    share(rs.filter((r) => r.seriousErrors?.includes(id)).length, rs.length);
  const seriousRates = Object.fromEntries(
    errorIds.map((id) => [id, { expert: rate(experts, id), novice: rate(novices, id) }]),
  );
  return { domains, seriousRates };
}
