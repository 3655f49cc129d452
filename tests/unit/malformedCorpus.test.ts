import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../levels/scenarioSchema';
import { AttemptError, parseAttemptFile } from '../../sim/attempt/attemptFile';
import { checkPublishedScenario } from '../../sim/attempt/publishedScenario';
import { ReplayError, replay } from '../../sim/attempt/index';
import { CORPUS_DIR, type CorpusEntry, corpusEntries, manifest } from '../../scripts/fuzz/malformedCorpus';

/**
 * The malformed-file corpus (docs/fuzzing.md) through the real loaders: JSON.parse, then
 * parseScenario or parseAttemptFile, then (for an attempt that parses) a bounded replay. Each entry
 * is refused with a clear error (naming its field or path), accepted, crashed (threw something
 * other than a loader's error) or hung (took longer than HANG_MS; replays that would run longer
 * than the budget are not started, so nothing here can hang).
 */

/**
 * Entries the loaders accept today. The bounds branch (sim/core/bounds.ts: string and list lengths,
 * seed space, longest procedure, file size, a replay budget, the embedded scenario checked against
 * the published one) should refuse most of them; when an entry starts being refused, take it out
 * of this set (the test fails until the set is exactly what is accepted).
 */

/** Ticks and log entries a replay in this test may run: ten simulated minutes. */
const REPLAY_TICK_BUDGET = 10 * 60 * 60;
const REPLAY_ENTRY_BUDGET = 10_000;
/** Longer than this for one entry counts as hung. */
const HANG_MS = 15_000;

type Outcome = 'refused' | 'accepted' | 'crashed' | 'hung';
interface Result {
  readonly entry: CorpusEntry;
  readonly outcome: Outcome;
  readonly clear: boolean;
  readonly message: string;
}

const LEVELS = join(__dirname, '..', '..', 'levels');
/** The scenarios this app publishes and the expert plans it ships, as the loaders see them. */
const PUBLISHED = readdirSync(LEVELS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseScenario(JSON.parse(readFileSync(join(LEVELS, f), 'utf8')), f));
const PLAN_IDS = readdirSync(join(LEVELS, 'plans')).map((f) => f.replace(/\.json$/, ''));

const LOADER_ERRORS = [SyntaxError, ScenarioError, AttemptError, ReplayError];

function load(entry: CorpusEntry): string {
  const built = entry.inMemory
    ? entry.build()
    : { text: readFileSync(`${CORPUS_DIR}/${entry.kind}s/${entry.name}.json`, 'utf8') };
  const data = 'text' in built ? JSON.parse(built.text) : built.data;
  if (entry.kind === 'scenario') {
    const scenario = parseScenario(data, entry.name);
    // As the menu's loader and the CLI's validate do: the expert plan must be one that ships.
    const plan = scenario.scoring.expertPlan;
    if (plan && !PLAN_IDS.includes(plan))
      throw new ScenarioError(`${entry.name}: scoring.expertPlan names "${plan}", which is not in levels/plans/`);
    return 'parsed';
  }
  const a = parseAttemptFile(data);
  // As the app's import and the CLI do: the embedded scenario must be the published one.
  checkPublishedScenario(a, PUBLISHED);
  const lastTick = a.log.length ? a.log[a.log.length - 1].tick : 0;
  if (a.endTick > REPLAY_TICK_BUDGET || lastTick > REPLAY_TICK_BUDGET || a.log.length > REPLAY_ENTRY_BUDGET) {
    return `parsed; replay not started: endTick ${a.endTick}, ${a.log.length} log entries are over this test's budget`;
  }
  replay(a.scenario, a.seed, a.log, a.endTick, a.mode);
  return 'parsed and replayed';
}

function classify(entry: CorpusEntry): Result {
  const t0 = performance.now();
  let outcome: Outcome;
  let message: string;
  try {
    message = load(entry);
    outcome = 'accepted';
  } catch (e) {
    const loaderError = LOADER_ERRORS.some((E) => e instanceof E);
    outcome = loaderError ? 'refused' : 'crashed';
    message = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  }
  if (performance.now() - t0 > HANG_MS) outcome = 'hung';
  const clear = outcome === 'refused' && message.includes(entry.path);
  return { entry, outcome, clear, message: message.slice(0, 400) };
}

const key = (e: CorpusEntry) => `${e.kind}:${e.name}`;

describe('malformed-file corpus', () => {
  const entries = corpusEntries();
  const results: Result[] = [];

  it('has at least 50 scenarios and 30 attempts, each named once, and the committed files are what the generator writes', () => {
    expect(entries.filter((e) => e.kind === 'scenario').length).toBeGreaterThanOrEqual(50);
    expect(entries.filter((e) => e.kind === 'attempt').length).toBeGreaterThanOrEqual(30);
    expect(new Set(entries.map(key)).size).toBe(entries.length);
    expect(readFileSync(`${CORPUS_DIR}/manifest.json`, 'utf8')).toBe(manifest(entries));
    for (const e of entries.filter((x) => !x.inMemory)) {
      const built = e.build();
      expect('text' in built && built.text, `${key(e)}: rerun npx tsx scripts/fuzz/writeMalformedCorpus.ts`).toBe(
        readFileSync(`${CORPUS_DIR}/${e.kind}s/${e.name}.json`, 'utf8'),
      );
    }
  });

  it('runs every entry through the real loaders: nothing crashes or hangs', () => {
    for (const e of entries) results.push(classify(e));
    const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
    const refusedClearly = results.filter((r) => r.clear).length;
    console.log(
      `malformed corpus: tried ${results.length}, refused clearly ${refusedClearly}, refused unclearly ${count('refused') - refusedClearly}, accepted ${count('accepted')}, crashed ${count('crashed')}, hung ${count('hung')}`,
    );
    const bad = results.filter((r) => r.outcome === 'crashed' || r.outcome === 'hung');
    expect(bad.map((r) => `${key(r.entry)} ${r.outcome}: ${r.message}`)).toEqual([]);
  }, 120_000);

  it('refuses with an error that names the offending field or path', () => {
    const unclear = results.filter((r) => r.outcome === 'refused' && !r.clear);
    expect(unclear.map((r) => `${key(r.entry)} should name "${r.entry.path}": ${r.message}`)).toEqual([]);
  });

  it('accepts none of them', () => {
    const accepted = results.filter((r) => r.outcome === 'accepted').map((r) => `${key(r.entry)}: ${r.message}`);
    expect(accepted).toEqual([]);
  });
});
