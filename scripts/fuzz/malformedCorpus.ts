/**
 * The malformed-file corpus: scenario and attempt files that a loader must refuse with a clear
 * error (docs/fuzzing.md). Small entries are written to tests/fixtures/malformed/ by
 * writeMalformedCorpus.ts; huge ones (a 10 MB title, 200,000 findings, a million log entries)
 * are built in memory by the test, so the repository stays small.
 */
import { readFileSync } from 'node:fs';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createSession } from '../../sim/session/index';
import { toAttemptFile } from '../../sim/attempt/index';
import type { Command } from '../../sim/core/index';

export interface CorpusEntry {
  /** File name without .json; unique within its kind. */
  readonly name: string;
  readonly kind: 'scenario' | 'attempt';
  /** What the entry is. */
  readonly what: string;
  /** What a loader should refuse, and the field or path its error message must name. */
  readonly refuse: string;
  readonly path: string;
  /** Built in memory by the test instead of being committed (too large for the repository). */
  readonly inMemory: boolean;
  /** The file's text, or (in memory only) parsed data when text would be wastefully large. */
  readonly build: () => { readonly text: string } | { readonly data: unknown };
}

const BASE_SCENARIO_FILE = 'levels/l1-osteoporotic-wedge.json';

type Json = Record<string, unknown>;
const baseScenario = (): Json => JSON.parse(readFileSync(BASE_SCENARIO_FILE, 'utf8'));
const text = (data: unknown): { text: string } => ({ text: `${JSON.stringify(data, null, 1)}\n` });

/** Set a dotted path (creating nothing: the parent must exist) on a deep copy. */
function edit(data: Json, path: string, value: unknown): Json {
  const copy = structuredClone(data);
  const keys = path.split('.');
  let o = copy as Json;
  for (const k of keys.slice(0, -1)) o = o[k] as Json;
  o[keys[keys.length - 1]] = value;
  return copy;
}

function remove(data: Json, path: string): Json {
  const copy = structuredClone(data);
  const keys = path.split('.');
  let o = copy as Json;
  for (const k of keys.slice(0, -1)) o = o[k] as Json;
  delete o[keys[keys.length - 1]];
  return copy;
}

/** Nested arrays `depth` deep, as text (JSON.stringify would recurse as deep). */
const deepArrays = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

const scenario = (
  name: string,
  what: string,
  refuse: string,
  path: string,
  build: CorpusEntry['build'],
  inMemory = false,
): CorpusEntry => ({ name, kind: 'scenario', what, refuse, path, inMemory, build });

const attempt = (
  name: string,
  what: string,
  refuse: string,
  path: string,
  build: CorpusEntry['build'],
  inMemory = false,
): CorpusEntry => ({ name, kind: 'attempt', what, refuse, path, inMemory, build });

const edited = (path: string, value: unknown) => () => text(edit(baseScenario(), path, value));
const removed = (path: string) => () => text(remove(baseScenario(), path));

export function scenarioEntries(): CorpusEntry[] {
  const full = () => JSON.stringify(baseScenario(), null, 1);
  return [
    scenario('truncated-half', 'the file cut in half', 'not JSON', 'JSON', () => ({
      text: full().slice(0, full().length / 2),
    })),
    scenario('truncated-last-brace', 'the closing brace missing', 'not JSON', 'JSON', () => ({
      text: full().slice(0, -1),
    })),
    scenario('empty-file', 'an empty file', 'not JSON', 'JSON', () => ({ text: '' })),
    scenario('not-json', 'plain text', 'not JSON', 'JSON', () => ({ text: 'hello scenario\n' })),
    scenario('json-null', 'JSON null', 'the whole file', '(root)', () => ({ text: 'null\n' })),
    scenario('json-array', 'a JSON array', 'the whole file', '(root)', () => ({ text: '[]\n' })),
    scenario('json-number', 'a JSON number', 'the whole file', '(root)', () => ({ text: '42\n' })),
    scenario('json-string', 'a JSON string', 'the whole file', '(root)', () => ({ text: '"scenario"\n' })),
    scenario('utf8-bom', 'a valid scenario behind a UTF-8 byte-order mark', 'not JSON', 'JSON', () => ({
      text: `\uFEFF${full()}`,
    })),
    scenario('bare-nan', 'NaN written bare (not JSON)', 'not JSON', 'JSON', () => ({
      text: full().replace('"tScore": -3.2', '"tScore": NaN'),
    })),
    scenario(
      'number-overflow',
      'tScore 1e400 (JSON.parse makes it Infinity)',
      'a non-finite number',
      'patient.tScore',
      () => ({
        text: full().replace('"tScore": -3.2', '"tScore": 1e400'),
      }),
    ),
    scenario(
      'schema-version-future',
      'a schema version newer than the app reads',
      'the version',
      'schemaVersion',
      edited('schemaVersion', 99),
    ),
    scenario('schema-version-zero', 'schema version 0', 'the version', 'schemaVersion', edited('schemaVersion', 0)),
    scenario(
      'indication-missing-v2',
      'a version-2 file without its indication (only version 1 may leave it out)',
      'the indication',
      'indication',
      removed('indication'),
    ),
    scenario(
      'schema-version-string',
      'the schema version as a string',
      'the version',
      'schemaVersion',
      edited('schemaVersion', '1'),
    ),
    scenario('schema-version-missing', 'no schema version', 'the version', 'schemaVersion', removed('schemaVersion')),
    scenario('id-upper-case', 'an id with capitals and spaces', 'the id', 'id', edited('id', 'L1 Wedge')),
    scenario('id-empty', 'an empty id', 'the id', 'id', edited('id', '')),
    scenario('id-html', 'HTML in the id', 'the id', 'id', edited('id', '<img src=x onerror=alert(1)>')),
    scenario('id-100k', 'a 100,000-character id', 'an absurd id length', 'id', edited('id', 'a'.repeat(100_000)), true),
    scenario('title-empty', 'an empty title', 'the title', 'title', edited('title', '')),
    scenario('title-number', 'a number as the title', 'the title', 'title', edited('title', 42)),
    scenario(
      'title-html',
      'HTML in the title',
      'markup in a title',
      'title',
      edited('title', '<script>alert("x")</script><b>L1</b>'),
    ),
    scenario(
      'title-control-characters',
      'control characters (NUL, BEL, ESC, a terminal colour code) in the title',
      'control characters in a title',
      'title',
      edited('title', 'L1\u0000 wedge\u0007\u001b[31m red\u001b[0m\u202e'),
    ),
    scenario(
      'title-10mb',
      'a 10 MB title',
      'an absurd title length',
      'title',
      edited('title', 'x'.repeat(10 * 1024 * 1024)),
      true,
    ),
    scenario(
      'procedure-unknown',
      'an unknown procedure',
      'the procedure',
      'procedure',
      edited('procedure', 'sacroplasty'),
    ),
    scenario(
      'approach-unknown',
      'an unknown approach',
      'the approach',
      'approach',
      edited('approach', 'extrapedicular'),
    ),
    scenario('level-s1', 'a level outside T5-L5', 'the level', 'level', edited('level', 'S1')),
    scenario('level-lower-case', 'a level in lower case', 'the level', 'level', edited('level', 'l1')),
    scenario('patient-missing', 'no patient', 'the patient', 'patient', removed('patient')),
    scenario('patient-age-17', 'a 17-year-old', 'the age', 'patient.age', edited('patient.age', 17)),
    scenario('patient-age-fraction', 'a fractional age', 'the age', 'patient.age', edited('patient.age', 74.5)),
    scenario('patient-age-string', 'the age as a string', 'the age', 'patient.age', edited('patient.age', '74')),
    scenario('tscore-nan-string', 'NaN as a string', 'the T-score', 'patient.tScore', edited('patient.tScore', 'NaN')),
    scenario(
      'tscore-infinity-string',
      'Infinity as a string',
      'the T-score',
      'patient.tScore',
      edited('patient.tScore', 'Infinity'),
    ),
    scenario(
      'weight-huge',
      'a weight of 1e300 kg',
      'the weight',
      'patient.weightKg',
      edited('patient.weightKg', 1e300),
    ),
    scenario('sex-unknown', 'an unknown sex value', 'the sex', 'patient.sex', edited('patient.sex', 'x')),
    scenario('history-empty', 'an empty history', 'the history', 'patient.history', edited('patient.history', '')),
    scenario(
      'findings-empty',
      'no findings at all',
      'a case review with nothing to review',
      'patient.findings',
      edited('patient.findings', []),
    ),
    scenario(
      'findings-200k',
      '200,000 findings',
      'an absurd number of findings',
      'patient.findings',
      () => ({
        data: edit(
          baseScenario(),
          'patient.findings',
          Array.from({ length: 200_000 }, (_, i) => ({ text: `finding ${i}`, supportsProcedure: i % 2 === 0 })),
        ),
      }),
      true,
    ),
    scenario(
      'finding-text-empty',
      'a finding with empty text',
      'the finding text',
      'patient.findings.0.text',
      edited('patient.findings', [{ text: '', supportsProcedure: true }]),
    ),
    scenario(
      'finding-extra-field',
      'a finding with an extra field',
      'the extra field',
      'patient.findings.0',
      edited('patient.findings', [{ text: 'MRI', supportsProcedure: true, weight: 3 }]),
    ),
    scenario(
      'findings-object',
      'findings as an object',
      'the findings',
      'patient.findings',
      edited('patient.findings', { 0: 'MRI' }),
    ),
    scenario('labs-inr-zero', 'an INR of 0', 'the INR', 'patient.labs.inr', edited('patient.labs.inr', 0)),
    scenario(
      'labs-platelets-missing',
      'no platelet count',
      'the platelets',
      'patient.labs.plateletsPerNl',
      removed('patient.labs.plateletsPerNl'),
    ),
    scenario(
      'fracture-type-unknown',
      'a burst fracture (not modelled)',
      'the fracture type',
      'fracture.type',
      edited('fracture.type', 'burst'),
    ),
    scenario(
      'genant-grade-4',
      'Genant grade 4',
      'the grade',
      'fracture.genantGrade',
      edited('fracture.genantGrade', 4),
    ),
    scenario(
      'height-loss-outside-grade',
      'grade 2 with 50 % height loss',
      'the height loss',
      'fracture.heightLossPct',
      edited('fracture.heightLossPct', 50),
    ),
    scenario(
      'fracture-age-negative',
      'a fracture -1 weeks old',
      'the fracture age',
      'fracture.ageWeeks',
      edited('fracture.ageWeeks', -1),
    ),
    scenario(
      'fracture-extra-field',
      'an extra fracture field',
      'the extra field',
      'fracture',
      edited('fracture.retropulsion', true),
    ),
    scenario(
      'trocar-gauge-12',
      'a 12 G trocar',
      'the gauge',
      'equipment.trocarGauge',
      edited('equipment.trocarGauge', 12),
    ),
    scenario(
      'balloon-length-25',
      'a 25 mm balloon',
      'the balloon length',
      'equipment.balloonLengthMm',
      edited('equipment.balloonLengthMm', 25),
    ),
    scenario('carm-unknown', 'a triplane C-arm', 'the C-arm', 'equipment.carm', edited('equipment.carm', 'triplane')),
    scenario(
      'room-temp-40',
      'a 40 C operating room',
      'the room temperature',
      'cement.roomTempC',
      edited('cement.roomTempC', 40),
    ),
    scenario(
      'cement-delivery-unknown',
      'an unknown cement device',
      'the device',
      'cement.delivery',
      edited('cement.delivery', 'spoon'),
    ),
    scenario(
      'pass-score-0',
      'a pass score of 0 (everyone passes)',
      'a pass score that passes anything',
      'scoring.passScore',
      edited('scoring.passScore', 0),
    ),
    scenario(
      'pass-score-101',
      'a pass score of 101',
      'the pass score',
      'scoring.passScore',
      edited('scoring.passScore', 101),
    ),
    scenario(
      'pass-score-negative',
      'a pass score of -1',
      'the pass score',
      'scoring.passScore',
      edited('scoring.passScore', -1),
    ),
    scenario(
      'expert-plan-missing-file',
      'an expert plan that does not exist in levels/plans',
      'the missing plan',
      'scoring.expertPlan',
      edited('scoring.expertPlan', 'no-such-plan'),
    ),
    scenario(
      'expert-plan-path-traversal',
      'an expert plan name with ../',
      'the plan name',
      'scoring.expertPlan',
      edited('scoring.expertPlan', '../../etc/passwd'),
    ),
    scenario('extra-top-level-field', 'a score field at the top', 'the extra field', 'score', edited('score', 100)),
    scenario(
      'proto-key-top',
      'a __proto__ key at the top (own key after JSON.parse)',
      'the prototype key',
      '__proto__',
      () => ({
        text: full().replace('{', '{\n "__proto__": {"polluted": true},'),
      }),
    ),
    scenario(
      'constructor-key-top',
      'a constructor key at the top',
      'the prototype key',
      'constructor',
      edited('constructor', { prototype: { polluted: true } }),
    ),
    scenario('proto-key-patient', 'a __proto__ key in the patient', 'the prototype key', 'patient', () => ({
      text: full().replace('"patient": {', '"patient": {\n  "__proto__": {"age": 200},'),
    })),
    scenario('deep-nesting', 'an extra field 5,000 arrays deep', 'the extra field', 'deep', () => ({
      text: full().replace('{', `{\n "deep": ${deepArrays(5000)},`),
    })),
    scenario('deep-nesting-history', 'the history 5,000 arrays deep', 'the history', 'patient.history', () => ({
      text: full().replace(/"history": "[^"]*"/, `"history": ${deepArrays(5000)}`),
    })),
    scenario(
      'duplicate-key-pass-score',
      'passScore given twice, the second 0 (JSON keeps the last)',
      'a duplicated key',
      'scoring.passScore',
      () => ({
        text: full().replace(/"passScore": (\d+)/, '"passScore": $1, "passScore": 0'),
      }),
    ),
    scenario(
      'lone-surrogate-title',
      'a lone UTF-16 surrogate in the title',
      'a title that is not valid Unicode',
      'title',
      edited('title', 'L1 \ud800 wedge'),
    ),
  ];
}

/** A short valid attempt: the first checklist ticks and a wait, on the base scenario. */
function baseAttempt(): Json {
  const sc = parseScenario(baseScenario());
  const session = createSession(sc, 42);
  const commands: Command[] = [
    { type: 'checklist.tick', item: 'history' },
    { type: 'checklist.tick', item: 'imaging' },
    { type: 'checklist.tick', item: 'candidacy' },
    { type: 'phase.next' },
  ];
  for (const c of commands) {
    session.advance(1);
    if (!session.dispatch(c).accepted) throw new Error(`base attempt: ${c.type} refused`);
  }
  session.advance(2);
  return JSON.parse(JSON.stringify(toAttemptFile(session, '0.1.0')));
}

/** The attempt with its embedded scenario replaced and the hash recomputed, as a forger would. */
function withScenario(a: Json, sc: Json): Json {
  const hash = toAttemptFile(
    { scenario: sc as Scenario, seed: 0, mode: 'practice', log: [], tick: 0 },
    'x',
  ).scenarioHash;
  return { ...a, scenario: sc, scenarioHash: hash };
}

const att = (f: (a: Json) => unknown) => () => text(f(baseAttempt()));
const logEntry = (tick: number, command: unknown) => ({ tick, command });

export function attemptEntries(): CorpusEntry[] {
  const full = () => JSON.stringify(baseAttempt(), null, 1);
  const NEAR_2_53 = 2 ** 53 - 1;
  return [
    attempt('truncated-half', 'the file cut in half', 'not JSON', 'JSON', () => ({
      text: full().slice(0, full().length / 2),
    })),
    attempt('empty-file', 'an empty file', 'not JSON', 'JSON', () => ({ text: '' })),
    attempt('json-array', 'a JSON array', 'the whole file', 'format', () => ({ text: '[]\n' })),
    attempt('utf8-bom', 'a valid attempt behind a UTF-8 byte-order mark', 'not JSON', 'JSON', () => ({
      text: `\uFEFF${full()}`,
    })),
    attempt(
      'format-other',
      'another format',
      'the format',
      'format',
      att((a) => ({ ...a, format: 'kyphosim-plan' })),
    ),
    attempt(
      'format-missing',
      'no format',
      'the format',
      'format',
      att((a) => remove(a, 'format')),
    ),
    attempt(
      'version-3',
      'a future version',
      'the version',
      'version',
      att((a) => ({ ...a, version: 3 })),
    ),
    attempt(
      'version-string',
      'the version as a string',
      'the version',
      'version',
      att((a) => ({ ...a, version: '1' })),
    ),
    attempt(
      'app-version-empty',
      'an empty app version',
      'the app version',
      'appVersion',
      att((a) => ({ ...a, appVersion: '' })),
    ),
    attempt(
      'app-version-100k',
      'a 100,000-character app version',
      'an absurd string length',
      'appVersion',
      att((a) => ({ ...a, appVersion: '1'.repeat(100_000) })),
      true,
    ),
    attempt(
      'hash-edited',
      'one hex digit of the hash changed',
      'the hash',
      'hash',
      att((a) => ({
        ...a,
        scenarioHash: `${String(a.scenarioHash).slice(0, -1)}${String(a.scenarioHash).endsWith('0') ? '1' : '0'}`,
      })),
    ),
    attempt(
      'hash-upper-case',
      'the hash in capitals',
      'the hash',
      'scenarioHash',
      att((a) => ({ ...a, scenarioHash: String(a.scenarioHash).toUpperCase() })),
    ),
    attempt(
      'scenario-edited',
      'the embedded scenario edited (tScore) without a new hash',
      'the edited scenario',
      'hash',
      att((a) => ({ ...a, scenario: edit(a.scenario as Json, 'patient.tScore', 0) })),
    ),
    attempt(
      'scenario-pass-score-lowered-rehashed',
      'the embedded scenario edited (pass score 70 -> 10) with a recomputed hash',
      'a scenario that is not the published one',
      'scenario',
      att((a) => withScenario(a, edit(a.scenario as Json, 'scoring.passScore', 10))),
    ),
    attempt(
      'scenario-findings-removed-rehashed',
      'the embedded scenario with its findings removed and a recomputed hash',
      'a scenario that is not the published one',
      'scenario',
      att((a) => withScenario(a, edit(a.scenario as Json, 'patient.findings', []))),
    ),
    attempt(
      'scenario-invalid',
      'an embedded scenario with pass score 200',
      'the scenario',
      'scenario.scoring.passScore',
      att((a) => ({ ...a, scenario: edit(a.scenario as Json, 'scoring.passScore', 200) })),
    ),
    attempt(
      'scenario-schema-version-future',
      'an embedded scenario of a schema version newer than the app reads',
      'the scenario version',
      'scenario.schemaVersion',
      att((a) => ({ ...a, scenario: edit(a.scenario as Json, 'schemaVersion', 99) })),
    ),
    attempt(
      'scenario-id-100k-rehashed',
      'an embedded scenario with a 100,000-character id and a recomputed hash',
      'an absurd id length',
      'scenario.id',
      att((a) => withScenario(a, edit(a.scenario as Json, 'id', 'a'.repeat(100_000)))),
      true,
    ),
    attempt(
      'seed-5e9',
      'seed 5e9',
      'the seed',
      'seed',
      att((a) => ({ ...a, seed: 5e9 })),
    ),
    attempt(
      'seed-2-32',
      'seed 2^32',
      'the seed',
      'seed',
      att((a) => ({ ...a, seed: 2 ** 32 })),
    ),
    attempt(
      'seed-negative',
      'seed -1',
      'the seed',
      'seed',
      att((a) => ({ ...a, seed: -1 })),
    ),
    attempt(
      'seed-fraction',
      'seed 1.5',
      'the seed',
      'seed',
      att((a) => ({ ...a, seed: 1.5 })),
    ),
    attempt(
      'seed-string',
      'the seed as a string',
      'the seed',
      'seed',
      att((a) => ({ ...a, seed: '42' })),
    ),
    attempt(
      'mode-unknown',
      'a mode not in the enum',
      'the mode',
      'mode',
      att((a) => ({ ...a, mode: 'god' })),
    ),
    attempt(
      'mode-missing',
      'no mode',
      'the mode',
      'mode',
      att((a) => remove(a, 'mode')),
    ),
    attempt(
      'end-tick-near-2-53',
      'endTick 2^53 - 1 (replay would run 4.7 million years of ticks)',
      'the length of the procedure',
      'endTick',
      att((a) => ({ ...a, endTick: NEAR_2_53 })),
    ),
    attempt(
      'end-tick-beyond-2-53',
      'endTick 2^53 + 2 (not a safe integer)',
      'the end tick',
      'endTick',
      att((a) => ({ ...a, endTick: 2 ** 53 + 2 })),
    ),
    attempt(
      'log-tick-near-2-53',
      'the last log entry at tick 2^53 - 1',
      'the length of the procedure',
      'log',
      att((a) => ({
        ...a,
        log: [...(a.log as unknown[]), logEntry(NEAR_2_53, { type: 'checklist.tick', item: 'consent' })],
        endTick: NEAR_2_53,
      })),
    ),
    attempt(
      'log-out-of-order',
      'log ticks out of order',
      'the log order',
      'log.2.tick',
      att((a) => {
        const log = structuredClone(a.log) as { tick: number }[];
        log[1].tick = 500;
        log[2].tick = 10;
        return { ...a, log };
      }),
    ),
    attempt(
      'end-tick-before-log',
      'endTick before the last command',
      'the end tick',
      'endTick',
      att((a) => ({ ...a, endTick: 1 })),
    ),
    attempt(
      'end-tick-negative',
      'endTick -1',
      'the end tick',
      'endTick',
      att((a) => ({ ...a, endTick: -1 })),
    ),
    attempt(
      'end-tick-infinity-string',
      'endTick "Infinity"',
      'the end tick',
      'endTick',
      att((a) => ({ ...a, endTick: 'Infinity' })),
    ),
    attempt(
      'log-tick-negative',
      'a log entry at tick -5',
      'the tick',
      'log.0.tick',
      att((a) => ({ ...a, log: [logEntry(-5, { type: 'phase.next' })] })),
    ),
    attempt(
      'log-tick-fraction',
      'a log entry at tick 1.5',
      'the tick',
      'log.0.tick',
      att((a) => ({ ...a, log: [logEntry(1.5, { type: 'phase.next' })] })),
    ),
    attempt(
      'log-tick-missing',
      'a log entry without a tick',
      'the tick',
      'log.0.tick',
      att((a) => ({ ...a, log: [{ command: { type: 'phase.next' } }] })),
    ),
    attempt(
      'log-unknown-command',
      'an unknown command type',
      'the command',
      'log.0.command',
      att((a) => ({ ...a, log: [logEntry(0, { type: 'needle.teleport' })] })),
    ),
    attempt(
      'log-nan-string',
      'NaN as a string in a command',
      'the command field',
      'log.0.command',
      att((a) => ({ ...a, log: [logEntry(0, { type: 'needle.advance', mm: 'NaN' })] })),
    ),
    attempt(
      'log-huge-number',
      '1e300 mm in a command',
      'the command field',
      'log.0.command',
      att((a) => ({ ...a, log: [logEntry(0, { type: 'needle.advance', mm: 1e300 })] })),
    ),
    attempt(
      'log-extra-field',
      'a command with an extra field',
      'the command',
      'log.0.command',
      att((a) => ({ ...a, log: [logEntry(0, { type: 'phase.next', force: true })] })),
    ),
    attempt(
      'log-proto-key',
      'a command with a __proto__ key (own key after JSON.parse)',
      'the command',
      'log.0.command',
      () => ({
        text: full().replace('"command": {', '"command": {"__proto__": {"polluted": true}, '),
      }),
    ),
    attempt(
      'log-not-array',
      'the log as an object',
      'the log',
      'log',
      att((a) => ({ ...a, log: { 0: a.log } })),
    ),
    attempt('log-deep-nesting', 'a command field 5,000 arrays deep', 'the command field', 'log.0.command', () => ({
      text: full().replace(/"item": "history"/, `"item": ${deepArrays(5000)}`),
    })),
    attempt(
      'log-refused-on-replay',
      'a schema-valid command the procedure refuses (balloon at tick 0)',
      'a log that does not replay',
      'log entry 0',
      att((a) => ({ ...a, log: [logEntry(0, { type: 'balloon.insert' })] })),
    ),
    attempt(
      'log-million',
      'a million log entries',
      'an absurd log length',
      'log',
      () => {
        const a = baseAttempt();
        const log = Array.from({ length: 1_000_000 }, (_, i) =>
          logEntry(i, { type: 'carm.adjust', dOrbitDeg: 0.1, dTiltDeg: 0 }),
        );
        return { data: { ...a, log, endTick: 1_000_000 } };
      },
      true,
    ),
    attempt(
      'score-smuggled',
      'a score field',
      'the extra field',
      'score',
      att((a) => ({ ...a, score: { total: 100, passed: true } })),
    ),
    attempt('proto-key-top', 'a __proto__ key at the top', 'the prototype key', '__proto__', () => ({
      text: full().replace('{', '{\n "__proto__": {"score": 100},'),
    })),
  ];
}

export const CORPUS_DIR = 'tests/fixtures/malformed';

/** Every entry, scenarios first. */
export const corpusEntries = (): CorpusEntry[] => [...scenarioEntries(), ...attemptEntries()];

/** The manifest written beside the files: what each entry is and what should be refused. */
export function manifest(entries: readonly CorpusEntry[]): string {
  const rows = entries.map((e) => ({
    file: e.inMemory ? null : `${e.kind}s/${e.name}.json`,
    kind: e.kind,
    name: e.name,
    what: e.what,
    refuse: e.refuse,
    errorNames: e.path,
    inMemory: e.inMemory,
  }));
  return `${JSON.stringify(rows, null, 1)}\n`;
}
