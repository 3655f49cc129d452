import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AttemptError, parseAttemptFile } from '../../sim/attempt/attemptFile';
import { checkPublishedScenario } from '../../sim/attempt/publishedScenario';
import { scenarioHash } from '../../sim/attempt/scenarioHash';
import { importAttempt } from '../../src/replay/importAttempt';
import { createReplayHandlers } from '../../src/replay/replayHandlers';
import { GOLDEN_CASES, goldenPath, loadScenario } from './goldenFixtures';

const published = [...new Set(GOLDEN_CASES.map((c) => c.scenario))].map(loadScenario);
/** A failing attempt (an epidural leak, critical error) and its file. */
const failing = JSON.parse(readFileSync(goldenPath('vertebroplasty-posterior-wall-defect-l1-seed3'), 'utf8')).attempt;

/** The failing attempt relabelled as a pass: pass score edited in the embedded scenario, hash recomputed. */
function relabelled() {
  const a = structuredClone(failing);
  a.scenario.scoring.passScore = 10;
  a.scenarioHash = scenarioHash(a.scenario);
  return a;
}

describe('attempts are checked against the published scenario of their id and version', () => {
  it('accepts every golden attempt: its scenario is the published one', () => {
    for (const c of GOLDEN_CASES) {
      const a = parseAttemptFile(JSON.parse(readFileSync(goldenPath(c.name), 'utf8')).attempt);
      expect(() => checkPublishedScenario(a, published)).not.toThrow();
    }
  });

  it('refuses a failing attempt relabelled as a pass by editing the pass score and recomputing the hash', () => {
    const a = parseAttemptFile(relabelled()); // the hash alone cannot tell
    expect(() => checkPublishedScenario(a, published)).toThrow(AttemptError);
    expect(() => checkPublishedScenario(a, published)).toThrow(
      'The embedded scenario differs from the published scenario l1-myeloma-posterior-wall-defect v1: scoring.passScore (published 70, in the file 10).',
    );
    expect(() => importAttempt(JSON.stringify(relabelled()), 'T', 'r', 0)).toThrow(
      /differs from the published scenario l1-myeloma-posterior-wall-defect v1: scoring\.passScore/,
    );
  });

  it('the replay worker refuses it on import too', async () => {
    const handle = createReplayHandlers();
    await expect(
      handle({ id: 1, kind: 'import', text: JSON.stringify(relabelled()), trainee: 'T', recordId: 'r', nowMs: 0 }),
    ).rejects.toThrow(/differs from the published scenario l1-myeloma-posterior-wall-defect v1/);
  });

  it('names a version this app does not publish, and a scenario it does not publish at all', () => {
    const versioned = { ...failing.scenario, version: 2 };
    expect(() => checkPublishedScenario({ scenario: versioned }, published)).toThrow(
      /made on scenario l1-myeloma-posterior-wall-defect v2, but this app publishes l1-myeloma-posterior-wall-defect v1/,
    );
    const unknown = { ...failing.scenario, id: 'my-own-case' };
    expect(() => checkPublishedScenario({ scenario: unknown }, published)).toThrow(
      /"my-own-case" v1 is not one this app publishes/,
    );
  });

  it("leaves an instructor's draft to its caller: status draft is not compared", () => {
    const draft = { ...relabelled(), scenario: { ...relabelled().scenario, id: 'my-own-case' } };
    draft.scenarioHash = scenarioHash(draft.scenario);
    expect(() => checkPublishedScenario(parseAttemptFile(draft), published, 'draft')).not.toThrow();
  });
});
