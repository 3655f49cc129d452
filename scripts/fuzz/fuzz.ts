/**
 * The long fuzz run: `npm run fuzz -- --minutes N [--start S] [--profile long|short]`, or
 * `npm run fuzz -- --seed S [--profile long|short]` to rerun one sequence, or
 * `npm run fuzz -- --file fuzz-failures/seed-S-long.json` to rerun a minimised failing log (docs/fuzzing.md).
 * Prints its figures; on a failure writes the seed and a minimised action log to
 * fuzz-failures/ and exits non-zero.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import {
  type FuzzProfile,
  decodeActions,
  emptyStats,
  encodeActions,
  fuzzOne,
  loadScenario,
  minimise,
  runChecked,
} from './sessionFuzz';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const minutes = Number(arg('minutes') ?? 1);
const profile = (arg('profile') ?? 'long') as FuzzProfile;
const only = arg('seed');
const start = Number(arg('start') ?? only ?? Date.now() % 1_000_000);
const outDir = arg('out') ?? 'fuzz-failures';
const minimiseMs = Number(arg('minimise-seconds') ?? 120) * 1000;
if (profile !== 'long' && profile !== 'short') throw new Error('--profile is long or short');

const file = arg('file');
if (file) {
  // The whole file goes through the decoder: its actions spell out NaN, infinities, -0 and undefined.
  const f = decodeActions(readFileSync(file, 'utf8')) as unknown as {
    scenarioFile: string;
    simSeed: number;
    mode: 'practice' | 'exam';
    actions: Parameters<typeof runChecked>[3];
  };
  const actions = f.actions;
  const failure = runChecked(loadScenario(f.scenarioFile), f.simSeed, f.mode, actions);
  console.log(failure ? `FAIL ${failure.check} after action ${failure.actionIndex}: ${failure.message}` : 'passes');
  process.exit(failure ? 1 : 0);
}

const stats = emptyStats();
const t0 = Date.now();
const deadline = t0 + minutes * 60_000;
let failures = 0;
let seed = start;
const kinds = { random: 0, plan: 0 };

do {
  const { sequence, failure } = fuzzOne(seed, profile, stats);
  kinds[sequence.kind]++;
  if (failure) {
    failures++;
    console.log(
      `FAIL seed ${seed} (${sequence.kind}, ${sequence.scenarioFile}, sim seed ${sequence.simSeed}, ${sequence.mode}): ${failure.check} after action ${failure.actionIndex}`,
    );
    console.log(`  ${failure.message.split('\n').slice(0, 6).join('\n  ')}`);
    const small = minimise(sequence, failure, minimiseMs, Date.now);
    mkdirSync(outDir, { recursive: true });
    const file = `${outDir}/seed-${seed}-${profile}.json`;
    writeFileSync(
      file,
      `{"fuzzSeed": ${seed}, "profile": "${profile}", "scenarioFile": "${sequence.scenarioFile}", "simSeed": ${sequence.simSeed}, "mode": "${sequence.mode}", "check": ${JSON.stringify(failure.check)}, "message": ${JSON.stringify(failure.message)},\n"actions": ${encodeActions(small)}}\n`,
    );
    console.log(`  minimised to ${small.length} of ${sequence.actions.length} actions: ${file}`);
    console.log(`  reproduce: npm run fuzz -- --seed ${seed} --profile ${profile}`);
  }
  seed++;
} while (!only && Date.now() < deadline);

const s = (Date.now() - t0) / 1000;
console.log(
  [
    `fuzz: ${profile} profile, seeds ${start}..${seed - 1}, ${s.toFixed(0)} s`,
    `sequences run:       ${stats.sequences} (${kinds.random} random, ${kinds.plan} perturbed plans)`,
    `commands dispatched: ${stats.dispatched} (${stats.accepted} accepted, ${stats.refused} refused)`,
    `ticks simulated:     ${stats.ticks} (${(stats.ticks / 60 / 60).toFixed(1)} simulated minutes)`,
    `checks done:         ${stats.checks}`,
    `deep phases:         ${stats.withBalloon} sequences inflated a balloon, ${stats.withCement} injected cement`,
    `final phases:        ${Object.entries(stats.finalPhases)
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}`,
    `failures:            ${failures}`,
  ].join('\n'),
);
process.exit(failures ? 1 : 0);
