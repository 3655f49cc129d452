import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { scenarioHash } from '../../sim/attempt/index';
import { startedAttemptSchema } from '../../src/labClient/assignmentsApiTypes';
import { startedScenario } from '../../src/labClient/startedScenario';

/** An instructor's scenario as the lab server stores it, here written in schema version 1 (a real old file). */
const stored = {
  ...JSON.parse(readFileSync('tests/fixtures/scenario-v1/l1-osteoporotic-wedge.json', 'utf8')),
  id: 'our-case',
  version: 2,
};
const parsed = parseScenario(stored);
const started = (o: Record<string, unknown> = {}) =>
  startedAttemptSchema.parse({
    attemptId: '7d6f2b1e-3a1c-4a57-9a39-111111111111',
    assignmentId: 'a-1',
    scenarioId: 'our-case',
    scenarioVersion: 2,
    scenarioHash: scenarioHash(parsed),
    mode: 'practice',
    seed: 42,
    passMark: 70,
    scenario: stored,
    ...o,
  });

describe('the scenario a start brings', () => {
  it('is read as any scenario file (upgraded, validated) and matches the reservation', () => {
    expect(startedScenario(started())).toEqual(parsed);
  });

  it('is none for a scenario the app ships', () => {
    expect(startedScenario(started({ scenario: undefined }))).toBeNull();
  });

  it('refuses one that is not the reserved id, version or content', () => {
    expect(() => startedScenario(started({ scenarioVersion: 3 }))).toThrow(/not the our-case v3 it reserved/);
    expect(() => startedScenario(started({ scenario: { ...stored, title: 'Edited' } }))).toThrow(/it reserved/);
    expect(() => startedScenario(started({ scenario: { ...stored, schemaVersion: 9 } }))).toThrow(/schemaVersion/);
  });
});
