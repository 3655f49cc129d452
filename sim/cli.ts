/**
 * Headless runner. Prints JSON (or, with --text, the plain-text report), with no timestamps, so
 * the same input prints the same bytes.
 *
 *   npm run sim -- plan <plan.json> --scenario <scenario.json> --seed <n> [--mode exam] [--attempt out.json] [--full]
 *   npm run sim -- replay <attempt.json> [--full] [--expert] [--draft] [--budget-s <seconds>]
 *   npm run sim -- replay <attempt.json> --text [--draft] [--budget-s <seconds>]
 *   npm run sim -- validate <scenario.json>
 *   npm run sim -- standard-set [--patients N] [--scenario <id>] [--write] [--json]
 *
 * replay checks the attempt's embedded scenario against the published one of its id and version
 * (levels/*.json) and refuses one that differs; --draft skips that check, for an instructor's own
 * draft scenario that this app does not publish (the instructor vouches for it, not the file).
 * --budget-s stops a replay that runs longer than that many wall seconds (default REPLAY_BUDGET_MS,
 * sim/core/bounds.ts) with a message instead of leaving the caller waiting.
 * --expert adds the scenario's expert benchmark (scoring.expertPlan from levels/plans/, run on the
 * same patient), as the debrief shows it. --text prints the score report as plain text
 * (sim/scoring/reportText.ts), byte for byte the text the debrief downloads for the same attempt.
 * plan prints stoppedAt (the step and why) when a step was refused: the attempt is scored as it stands.
 * standard-set runs the reference sets (levels/plans/reference/expert and novice) over N patients
 * (seeds 1..N) of each scenario a plan fits and prints, per scenario and pooled, the groups' scores,
 * Cohen's d, pass and critical-error rates and the contrasting-groups pass mark with its false
 * passes and fails (sim/standard/); --write stores each scenario's mark in its scoring.passScore.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_ATTEMPT_FILE_BYTES,
  MAX_SCENARIO_FILE_BYTES,
  REPLAY_BUDGET_MS,
  isSeed,
  seedError,
  stripBom,
} from './core/bounds';
import { indicationOf, parseScenario } from '../levels/scenarioSchema';
import { planSchema, type Plan } from './plan/planSchema';
import { playPlan } from './plan/runPlan';
import {
  domainSeparation,
  referencePlanFits,
  playReference,
  scoreReference,
  summarise,
  type PlayedReference,
  type ReferencePlan,
  type ReferenceRun,
  type StandardSummary,
} from './standard/referenceSet';
import { expertReferenceOf, withReference, type ExpertReference } from './standard/expertReference';
import { withExpertReference, withPassScore, withVersion } from './standard/passScoreText';
import { scenarioVersion } from '../levels/scenarioSchema';
import { parseAttemptText, toAttemptFile } from './attempt/attemptFile';
import { checkPublishedScenario } from './attempt/publishedScenario';
import { attemptVerification } from './attempt/verification';
import { scenarioHash } from './attempt/scenarioHash';
import { ReplayBudgetError, replay } from './attempt/replay';
import { scoreAttempt } from './scoring/score';
import type { Session } from './session/sessionTypes';
import type { PatientView } from './patient/patientView';
import { APP_VERSION } from './core/version';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../levels/scenarioSchema';
import { expertBenchmark } from './attempt/expertBenchmark';
import { formatReportText, reportTextHeader } from './scoring/reportText';

/** The text of a file of at most maxBytes bytes (checked before it is read), without a UTF-8 byte-order mark. */
function readText(path: string, maxBytes: number): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new Error(`cannot read ${path}`);
  }
  if (size > maxBytes) throw new Error(`${path} is too large: ${size} bytes, more than the ${maxBytes} allowed`);
  try {
    return stripBom(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`cannot read ${path}`);
  }
}

function readJson(path: string, maxBytes = MAX_SCENARIO_FILE_BYTES): unknown {
  const text = readText(path, maxBytes);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not valid JSON (${(e as Error).message})`);
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The patient's final vital signs, pain, sedation and drugs, to a tenth (sim/patient/README.md). */
function patientSummary(p: PatientView): unknown {
  const tenth = (x: number) => Math.round(x * 10) / 10;
  return {
    heartRateBpm: tenth(p.heartRateBpm),
    systolicMmHg: tenth(p.systolicMmHg),
    diastolicMmHg: tenth(p.diastolicMmHg),
    spo2Pct: tenth(p.spo2Pct),
    respiratoryRatePerMin: tenth(p.respiratoryRatePerMin),
    pain: tenth(p.pain),
    rass: p.rass,
    midazolamMg: p.midazolamMg,
    oxygenLPerMin: p.oxygenLPerMin,
    alarms: p.alarms,
  };
}

function outcome(session: Session, full: boolean): unknown {
  const final = session.snapshot();
  const report = scoreAttempt(session.scenario, session.log, final);
  return {
    scenarioId: session.scenario.id,
    scenarioHash: scenarioHash(session.scenario),
    seed: session.seed,
    mode: session.mode,
    endTick: session.tick,
    phase: final.phase,
    score: {
      total: report.total,
      passed: report.passed,
      passScore: report.passScore,
      domains: Object.fromEntries(report.domains.map((d) => [d.id, d.score])),
      criticalErrors: report.criticalErrors,
      // The decision against the case's indication, when the report has one (a case to decline, or a decline).
      ...(report.decision ? { decision: report.decision } : {}),
    },
    metrics: report.metrics,
    patient: patientSummary(final.patient),
    ...(full ? { report } : {}),
  };
}

/** The scenarios this app publishes: every levels/*.json (a file that does not parse is skipped here; `validate` names its faults). */
function publishedScenarios(): Scenario[] {
  return publishedScenarioFiles().map((f) => f.scenario);
}

/** Each published scenario with the path of its file. */
function publishedScenarioFiles(): { readonly path: string; readonly scenario: Scenario }[] {
  const dir = fileURLToPath(new URL('../levels/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      try {
        return [{ path: join(dir, f), scenario: parseScenario(readJson(join(dir, f)), f) }];
      } catch {
        return [];
      }
    });
}

/** The reference sets: levels/plans/reference/expert/*.json and novice/*.json, each a valid plan (a fault aborts: a set with a broken plan is not the set). */
function referencePlans(): ReferencePlan[] {
  return (['expert', 'novice'] as const).flatMap((group) => {
    const dir = fileURLToPath(new URL(`../levels/plans/reference/${group}/`, import.meta.url));
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const parsed = planSchema.safeParse(readJson(join(dir, f), MAX_ATTEMPT_FILE_BYTES));
        if (!parsed.success) {
          const i = parsed.error.issues[0];
          throw new Error(`${group}/${f} is not a valid plan: ${i.path.join('.')}: ${i.message}`);
        }
        return { id: f.slice(0, -5), group, plan: parsed.data };
      });
  });
}

const fmt = (x: number | null, digits = 1): string =>
  x === null || Number.isNaN(x) ? '-' : Number.isFinite(x) ? x.toFixed(digits) : x > 0 ? 'inf' : '-inf';
const pct = (x: number): string => (Number.isNaN(x) ? '-' : `${Math.round(x * 100)}%`);

function summaryLines(title: string, passScore: string, s: StandardSummary): string[] {
  const g = (name: string, x: StandardSummary['expert']) =>
    `  ${name.padEnd(7)} n=${String(x.n).padStart(3)}  mean ${fmt(x.mean).padStart(5)}  sd ${fmt(x.sd).padStart(4)}  pass ${pct(x.passRate).padStart(4)}  critical ${pct(x.criticalRate).padStart(4)}`;
  return [
    `${title} (pass score now ${passScore})`,
    g('experts', s.expert),
    g('novices', s.novice),
    `  Cohen's d ${fmt(s.cohensD, 2)}; contrasting-groups mark ${fmt(s.markExact)} -> ${s.mark ?? '-'}: false passes ${s.falsePasses}/${s.novice.n} (${pct(s.falsePassRate)}), false fails ${s.falseFails}/${s.expert.n} (${pct(s.falseFailRate)})`,
  ];
}

/** The figures of a summary for --json. */
const summaryJson = (s: StandardSummary) => ({ ...s });

/** Default patients per scenario: the whole set runs in a few minutes on one core (about 1 s per attempt). */
const DEFAULT_PATIENTS = 4;

/**
 * npm run sim -- standard-set [--patients N] [--scenario <id>] [--write] [--json]: the reference
 * sets over N patients (seeds 1..N) per scenario, summarised (sim/standard/). Progress and timing go
 * to stderr; the figures to stdout (deterministic for the same files and N).
 */
function standardSet(args: readonly string[]): number {
  const nText = option([...args], '--patients') ?? String(DEFAULT_PATIENTS);
  const patients = /^\d+$/.test(nText) ? Number(nText) : Number.NaN;
  if (!(patients >= 1 && patients <= 1000)) throw new Error(`--patients must be a whole number 1..1000, got ${nText}`);
  const only = option([...args], '--scenario');
  const files = publishedScenarioFiles().filter((f) => !only || f.scenario.id === only);
  if (files.length === 0) throw new Error(`no published scenario has the id ${only}`);
  const plans = referencePlans();
  const started = performance.now();
  const byScenario: { file: (typeof files)[number]; runs: ReferenceRun[]; reference: ExpertReference | null }[] = [];
  let attempts = 0;
  for (const file of files) {
    const fitting = plans.filter((p) => referencePlanFits(p, file.scenario));
    const played: PlayedReference[] = [];
    for (const ref of fitting)
      for (let seed = 1; seed <= patients; seed++) {
        played.push(playReference(file.scenario, ref, seed));
        attempts++;
      }
    // The radiation domain judges against the case's expert reference: derive it from this set's
    // experts first, then score every attempt (experts too) on the case as it will be published.
    // A case to decline has no expert exposure to judge by: its experts decline at case review.
    const declineCase = indicationOf(file.scenario).decision === 'decline';
    const reference = declineCase ? null : expertReferenceOf(played.filter((p) => p.group === 'expert'));
    const scored = withReference(file.scenario, reference);
    const runs = played.map((p) => scoreReference(scored, p));
    console.error(
      `${file.scenario.id}: ${fitting.filter((p) => p.group === 'expert').length} expert and ${fitting.filter((p) => p.group === 'novice').length} novice plans x ${patients} patients`,
    );
    byScenario.push({ file, runs, reference });
  }
  const wallS = (performance.now() - started) / 1000;
  const all = byScenario.flatMap((x) => x.runs);
  const perScenario = byScenario.map(({ file, runs, reference }) => ({
    scenarioId: file.scenario.id,
    passScore: file.scenario.scoring.passScore,
    reference,
    summary: summarise(runs),
    runs,
  }));
  const pooled = summarise(all);
  if (args.includes('--json')) {
    const runJson = (r: ReferenceRun) => {
      const { passesAt, ...rest } = r;
      return rest;
    };
    console.log(
      JSON.stringify(
        {
          patients,
          scenarios: perScenario.map((x) => ({
            scenarioId: x.scenarioId,
            passScore: x.passScore,
            expertReference: x.reference,
            ...summaryJson(x.summary),
            runs: x.runs.map(runJson),
          })),
          pooled: { ...summaryJson(pooled), ...domainSeparation(all) },
        },
        null,
        2,
      ),
    );
  } else {
    const lines: string[] = [
      `Standard setting by contrasting groups: ${patients} patients (seeds 1..${patients}) per scenario`,
      '',
    ];
    for (const x of perScenario) {
      lines.push(...summaryLines(x.scenarioId, String(x.passScore), x.summary));
      if (x.reference) lines.push(`  expert reference (medians): ${JSON.stringify(x.reference)}`);
      const stopped = x.runs.filter((r) => r.stoppedAt).length;
      const byPlan = new Map<string, number[]>();
      for (const r of x.runs)
        byPlan.set(`${r.group} ${r.planId}`, [...(byPlan.get(`${r.group} ${r.planId}`) ?? []), r.total]);
      for (const [k, totals] of byPlan)
        lines.push(`    ${k.padEnd(44)} ${totals.map((t) => fmt(t).padStart(5)).join(' ')}`);
      if (stopped > 0) lines.push(`    ${stopped} attempt(s) stopped early and were scored as they stood:`);
      for (const r of x.runs.filter((y) => y.stoppedAt))
        lines.push(`      ${r.group} ${r.planId} seed ${r.seed}: ${(r.stoppedAt ?? '').slice(0, 140)}`);
      lines.push('');
    }
    lines.push(...summaryLines('pooled', 'per scenario', pooled));
    const separation = domainSeparation(all);
    lines.push(
      `  Cohen's d by domain: ${Object.entries(separation.domains)
        .map(([id, d]) => `${id} ${fmt(d, 2)}`)
        .join(', ')}`,
      `  serious errors, experts / novices: ${Object.entries(separation.seriousRates)
        .map(([id, r]) => `${id} ${pct(r.expert)} / ${pct(r.novice)}`)
        .join(', ')}`,
    );
    console.log(lines.join('\n'));
  }
  console.error(
    `${attempts} attempts in ${wallS.toFixed(1)} s (${((wallS / Math.max(1, attempts)) * 1000).toFixed(0)} ms per attempt)`,
  );
  if (args.includes('--write')) {
    for (const x of perScenario) {
      const file = byScenario.find((b) => b.file.scenario.id === x.scenarioId)?.file;
      if (!file) continue;
      const text = readFileSync(file.path, 'utf8');
      let next = x.reference ? withExpertReference(text, x.reference) : text;
      if (x.summary.mark === null)
        console.error(`${x.scenarioId}: no mark (the groups do not separate); passScore left as it is`);
      else next = withPassScore(next, x.summary.mark);
      if (next === text) continue;
      // A published scenario whose content changes is a new version: attempts name the exact case.
      const version = scenarioVersion(file.scenario) + 1;
      writeFileSync(file.path, withVersion(next, version));
      console.error(
        `${x.scenarioId}: v${version}, passScore ${x.passScore} -> ${x.summary.mark ?? x.passScore}, expert reference written (${file.path})`,
      );
    }
  }
  return 0;
}

/** Where the expert plan of that name lives (levels/plans/<id>.json), and whether it is there. */
function expertPlanFile(id: string): { readonly path: string; readonly exists: boolean } {
  const path = fileURLToPath(new URL(`../levels/plans/${id}.json`, import.meta.url));
  return { path, exists: existsSync(path) };
}

/** The expert benchmark's score for the same patient, or why there is none (a line of the output, never an abort). */
function expertSummary(scenario: Scenario, seed: number): unknown {
  const id = scenario.scoring.expertPlan;
  if (!id) return { error: 'this scenario names no expert plan (scoring.expertPlan)' };
  const { path, exists } = expertPlanFile(id);
  if (!exists) return { plan: id, error: `the expert plan "${id}" is not in levels/plans/` };
  let plan: Plan;
  try {
    plan = planSchema.parse(readJson(path));
  } catch (e) {
    return { plan: id, error: `the expert plan "${id}" is not a valid plan: ${(e as Error).message}` };
  }
  const b = expertBenchmark(scenario, seed, plan);
  if ('error' in b) return { plan: id, error: b.error };
  const r = b.report;
  return {
    plan: id,
    total: r.total,
    passed: r.passed,
    domains: Object.fromEntries(r.domains.map((d) => [d.id, d.score])),
    criticalErrors: r.criticalErrors,
  };
}

function main(argv: string[]): number {
  const [verb, file, ...rest] = argv;
  const full = rest.includes('--full');
  if (verb === 'plan' && file) {
    const scenarioPath = option(rest, '--scenario');
    if (!scenarioPath) throw new Error('plan needs --scenario <scenario.json>');
    const seedText = option(rest, '--seed') ?? '1';
    const seed = /^\d+$/.test(seedText) ? Number(seedText) : Number.NaN;
    if (!isSeed(seed)) throw new Error(`--seed: ${seedError(seedText)}`);
    const mode = option(rest, '--mode') === 'exam' ? 'exam' : 'practice';
    const scenario = parseScenario(readJson(scenarioPath), scenarioPath);
    const parsed = planSchema.safeParse(readJson(file, MAX_ATTEMPT_FILE_BYTES));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new Error(`${file} is not a valid plan: ${i.path.join('.')}: ${i.message}`);
    }
    const { session, stoppedAt } = playPlan(scenario, seed, parsed.data, { mode });
    const attemptPath = option(rest, '--attempt');
    if (attemptPath) writeFileSync(attemptPath, JSON.stringify(toAttemptFile(session, APP_VERSION), null, 1));
    console.log(
      JSON.stringify({ ...(outcome(session, full) as object), ...(stoppedAt ? { stoppedAt } : {}) }, null, 2),
    );
    return 0;
  }
  if (verb === 'replay' && file) {
    const text = rest.includes('--text');
    if (text && (full || rest.includes('--expert')))
      throw new Error('--text prints the text report alone: leave out --full and --expert');
    const attempt = parseAttemptText(readText(file, MAX_ATTEMPT_FILE_BYTES));
    checkPublishedScenario(attempt, publishedScenarios(), rest.includes('--draft') ? 'draft' : 'published');
    const budgetText = option(rest, '--budget-s');
    const budgetS = budgetText === undefined ? REPLAY_BUDGET_MS / 1000 : Number(budgetText);
    if (!(budgetS >= 0) || !Number.isFinite(budgetS))
      throw new Error(`--budget-s must be a number of seconds, got ${budgetText}`);
    // The one wall-clock read of sim/ (tests/unit/simPurity.test.ts exempts this file): the replay's
    // time budget. The engine only asks shouldContinue; it never reads the clock itself.
    const end = performance.now() + budgetS * 1000;
    let session: Session;
    try {
      session = replay(attempt.scenario, attempt.seed, attempt.log, attempt.endTick, attempt.mode, {
        shouldContinue: () => performance.now() < end,
      });
    } catch (e) {
      if (e instanceof ReplayBudgetError)
        throw new Error(`${e.message} The CLI replays for at most ${budgetS} s (--budget-s <seconds>).`);
      throw e;
    }
    if (text) {
      const final = session.snapshot();
      // The text report stays byte for byte the debrief's; what cannot be verified goes to stderr.
      console.error(attemptVerification(attempt.signature !== undefined).statement);
      process.stdout.write(
        formatReportText(scoreAttempt(session.scenario, session.log, final), reportTextHeader(session, final.tick)),
      );
      return 0;
    }
    const expert = rest.includes('--expert') ? { expert: expertSummary(session.scenario, session.seed) } : {};
    const verification = { verification: attemptVerification(attempt.signature !== undefined) };
    console.log(JSON.stringify({ ...(outcome(session, full) as object), ...expert, ...verification }, null, 2));
    return 0;
  }
  if (verb === 'validate' && file) {
    const s = parseScenario(readJson(file), file);
    const plan = s.scoring.expertPlan;
    if (plan && !expertPlanFile(plan).exists)
      throw new Error(`${file}: scoring.expertPlan names "${plan}", which is not in levels/plans/`);
    console.log(JSON.stringify({ valid: true, id: s.id, scenarioHash: scenarioHash(s) }, null, 2));
    return 0;
  }
  if (verb === 'standard-set') return standardSet(argv.slice(1));
  console.error(
    'usage:\n  npm run sim -- plan <plan.json> --scenario <scenario.json> --seed <n> [--mode exam] [--attempt out.json] [--full]\n  npm run sim -- replay <attempt.json> [--full] [--expert] [--draft] [--budget-s <seconds>]\n  npm run sim -- replay <attempt.json> --text [--draft] [--budget-s <seconds>]\n  npm run sim -- validate <scenario.json>\n  npm run sim -- standard-set [--patients N] [--scenario <id>] [--write] [--json]',
  );
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 1;
}
