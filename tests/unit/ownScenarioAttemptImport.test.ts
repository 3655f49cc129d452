import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioHash } from '../../sim/attempt/index';
import { parseScenario } from '../../levels/scenarioSchema';
import { importAttempt } from '../../src/replay/importAttempt';
import { goldenPath } from './goldenFixtures';

const golden = JSON.parse(readFileSync(goldenPath('textbook-vertebroplasty-t12-seed3'), 'utf8'));

/** The golden attempt as if played on an instructor's own published copy of its case (id mine-t12, version 1). */
const own = parseScenario({ ...golden.attempt.scenario, id: 'mine-t12', version: 1 });
const text = JSON.stringify({ ...golden.attempt, scenario: own, scenarioHash: scenarioHash(own) });

describe('importing an attempt made on an own published scenario', () => {
  it('is refused with a reason when this browser does not publish it', () => {
    expect(() => importAttempt(text, 'Dr T', 'r1', 5, { alsoPublished: [] })).toThrow(
      /"mine-t12" v1 is not one this app publishes/,
    );
  });

  it('is checked against the own version it names and re-scored, whichever versions are listed first', () => {
    const v2 = { ...own, version: 2, scoring: { ...own.scoring, passScore: 50 } };
    const record = importAttempt(text, 'Dr T', 'r1', 5, { alsoPublished: [v2, own] });
    expect(record.scenarioId).toBe('mine-t12');
    expect(record.summary?.total).toBe(golden.expected.report.total);
    // Only v2 published here: the attempt names v1, and says so.
    expect(() => importAttempt(text, 'Dr T', 'r1', 5, { alsoPublished: [v2] })).toThrow(/made on scenario mine-t12 v1/);
    // A v1 that differs from the attempt's copy is a tampered file.
    const changed = { ...own, patient: { ...own.patient, age: own.patient.age + 1 } };
    expect(() => importAttempt(text, 'Dr T', 'r1', 5, { alsoPublished: [changed] })).toThrow(
      /differs from the published/,
    );
  });
});
