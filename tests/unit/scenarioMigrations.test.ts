import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SCENARIO_MIGRATIONS,
  SCENARIO_SCHEMA_VERSION,
  scenarioInFirstForm,
  upgradeScenarioJson,
} from '../../levels/scenarioMigrations';
import { parseScenario, ScenarioError, scenarioSchema } from '../../levels/scenarioSchema';
import { AttemptError, parseAttemptFile } from '../../sim/attempt/attemptFile';
import { scenarioHash, scenarioHashAsWritten } from '../../sim/attempt/scenarioHash';
import { labKeyOf } from '../../server/attempts/labKey';
import { signAttempt, verifyAttemptSignature } from '../../server/attempts/attemptSignature';
import type { AttemptFile } from '../../sim/attempt/index';

type Json = Record<string, unknown>;
const read = (path: string): Json => JSON.parse(readFileSync(path, 'utf8'));
/** Real files written in schema version 1 (tests/fixtures/scenario-v1/README.md). */
const V1_OPERATE = 'tests/fixtures/scenario-v1/l1-osteoporotic-wedge.json';
const V1_DECLINE = 'tests/fixtures/scenario-v1/t12-discitis-decline.json';
const LEVEL_FILES = readdirSync('levels').filter((f) => f.endsWith('.json'));
/** A golden attempt recorded while scenarios were version 1: its scenario and hash as then written. */
const GOLDEN = read('tests/fixtures/golden/textbook-kyphoplasty-l1-seed42.json').attempt as Json;

function refusal(data: unknown): string {
  try {
    parseScenario(data, 'f.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('the migration chain', () => {
  it('is ordered: migration i reads version i + 1, and names are unique', () => {
    for (const [i, m] of SCENARIO_MIGRATIONS.entries()) expect(m.from).toBe(i + 1);
    expect(new Set(SCENARIO_MIGRATIONS.map((m) => m.name)).size).toBe(SCENARIO_MIGRATIONS.length);
  });

  it('ends at the version the schema validates', () => {
    expect(scenarioSchema.shape.schemaVersion.value).toBe(SCENARIO_SCHEMA_VERSION);
    expect(SCENARIO_SCHEMA_VERSION).toBe(2);
  });

  it('runs each step once, in order, from the file own version', () => {
    const upgraded = upgradeScenarioJson(read(V1_OPERATE));
    expect(upgraded.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    // A current file goes through no step: nothing of it changes.
    const current = read('levels/l1-osteoporotic-wedge.json');
    expect(upgradeScenarioJson(current)).toEqual(current);
  });
});

describe('explicit indication (version 1 to 2)', () => {
  it('writes operate into a real version-1 file that left it implicit, and nothing else', () => {
    const old = read(V1_OPERATE);
    expect(old.schemaVersion).toBe(1);
    expect(old.indication).toBeUndefined();
    const upgraded = upgradeScenarioJson(old);
    expect(upgraded).toEqual({ ...old, schemaVersion: 2, indication: { decision: 'operate' } });
    expect(parseScenario(old).indication).toEqual({ decision: 'operate' });
  });

  it('keeps the indication a real version-1 decline file states', () => {
    const old = read(V1_DECLINE);
    expect(parseScenario(old).indication).toEqual(old.indication);
  });

  it('leaves a wrong indication for the schema to name', () => {
    expect(refusal({ ...read(V1_OPERATE), indication: null })).toMatch(/indication/);
  });

  it('written back (down) gives the version-1 file exactly', () => {
    for (const path of [V1_OPERATE, V1_DECLINE]) {
      const old = read(path);
      expect(scenarioInFirstForm(parseScenario(old))).toEqual(old);
    }
  });

  it('a version-2 file must state the indication', () => {
    const { indication: _, ...without } = read('levels/l1-osteoporotic-wedge.json');
    expect(refusal(without)).toMatch(/indication/);
  });
});

describe('every shipped scenario', () => {
  it.each(LEVEL_FILES)('%s in its version-1 form upgrades to an identical parse and hash', (f) => {
    const shipped = parseScenario(read(`levels/${f}`), f);
    expect(shipped.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    const asVersion1 = scenarioInFirstForm(shipped);
    expect(asVersion1.schemaVersion).toBe(1);
    const upgraded = parseScenario(asVersion1, f);
    expect(upgraded).toEqual(shipped);
    expect(scenarioHash(upgraded)).toBe(scenarioHash(shipped));
  });
});

describe('identity across the upgrade', () => {
  it('a version-1 file and its upgrade hash as the old app hashed the file', () => {
    for (const path of [V1_OPERATE, V1_DECLINE]) {
      const old = read(path);
      expect(scenarioHash(parseScenario(old))).toBe(scenarioHashAsWritten(old));
    }
  });

  it('the golden attempt recorded on a version-1 scenario keeps its hash and still loads', () => {
    expect((GOLDEN.scenario as Json).schemaVersion).toBe(1);
    const a = parseAttemptFile(GOLDEN);
    expect(a.scenario.schemaVersion).toBe(2);
    expect(scenarioHash(a.scenario)).toBe(GOLDEN.scenarioHash);
  });

  it('an older attempt whose version-1 scenario wrote operate out keeps the hash it was recorded with', () => {
    const scenario = { ...(GOLDEN.scenario as Json), indication: { decision: 'operate' } };
    const recorded = { ...GOLDEN, scenario, scenarioHash: scenarioHashAsWritten(scenario) };
    expect(recorded.scenarioHash).not.toBe(GOLDEN.scenarioHash);
    expect(parseAttemptFile(recorded).scenario.indication).toEqual({ decision: 'operate' });
    // The allowance is for the file as written, not a way around the hash: an edit is still caught.
    const edited = { ...recorded, scenario: { ...scenario, title: 'Edited' } };
    expect(() => parseAttemptFile(edited)).toThrow(/does not match its hash/);
  });

  it('a lab signature made on a version-1 scenario verifies after the upgrade on reading', () => {
    const key = labKeyOf(Buffer.alloc(32, 7));
    const signed = signAttempt(key, GOLDEN as unknown as AttemptFile);
    expect(verifyAttemptSignature(key, parseAttemptFile(signed))).toEqual({ valid: true });
    const tampered = { ...signed, seed: (signed.seed as number) + 1 };
    expect(verifyAttemptSignature(key, tampered as AttemptFile).valid).toBe(false);
  });
});

describe('refusals', () => {
  it('a future schema version, naming the field', () => {
    const msg = refusal({ ...read('levels/l1-osteoporotic-wedge.json'), schemaVersion: 3 });
    expect(msg).toMatch(/schemaVersion: 3 is newer than this app reads/);
  });

  it('a missing, fractional or string schema version', () => {
    const { schemaVersion: _, ...none } = read(V1_OPERATE);
    expect(refusal(none)).toMatch(/schemaVersion: must be a whole number/);
    expect(refusal({ ...none, schemaVersion: 1.5 })).toMatch(/schemaVersion/);
    expect(refusal({ ...none, schemaVersion: '1' })).toMatch(/schemaVersion/);
  });

  it('a value that is not an object', () => {
    expect(refusal(null)).toMatch(/\(root\): a scenario is a JSON object, not null/);
    expect(refusal([])).toMatch(/not an array/);
    expect(refusal('x')).toMatch(/not a string/);
  });

  it('an attempt whose scenario is of a future version, naming scenario.schemaVersion', () => {
    const future = { ...GOLDEN, scenario: { ...(GOLDEN.scenario as Json), schemaVersion: 9 } };
    expect(() => parseAttemptFile(future)).toThrow(AttemptError);
    expect(() => parseAttemptFile(future)).toThrow(/scenario\.schemaVersion/);
  });
});
