import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AttemptError, parseAttemptFile } from '../../sim/attempt/attemptFile';
import { checkPublishedScenario } from '../../sim/attempt/publishedScenario';
import { scenarioHash } from '../../sim/attempt/scenarioHash';
import { importAttempt } from '../../src/replay/importAttempt';
import { createReplayHandlers } from '../../src/replay/replayHandlers';
import { GOLDEN_CASES, goldenPath, loadScenario } from './goldenFixtures';

const published = [...new Set(GOLDEN_CASES.map((c) => c.scenario))].map(loadScenario);
/** A failing attempt (a medial breach into the canal, critical error) and its file. */
const failing = JSON.parse(readFileSync(goldenPath('medial-breach-kyphoplasty-l1-seed42'), 'utf8')).attempt;
const publishedL1 = loadScenario('levels/l1-osteoporotic-wedge.json');
const publishedPass = publishedL1.scoring.passScore;
/** The L1 case's published version, as the messages name it (v2, v3, ...). */
const V = `v${publishedL1.version ?? 1}`;

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
      `The embedded scenario differs from the published scenario l1-osteoporotic-wedge ${V}: scoring.passScore (published ${publishedPass}, in the file 10).`,
    );
    expect(() => importAttempt(JSON.stringify(relabelled()), 'T', 'r', 0)).toThrow(
      new RegExp(`differs from the published scenario l1-osteoporotic-wedge ${V}: scoring\\.passScore`),
    );
  });

  it('the replay worker refuses it on import too', async () => {
    const handle = createReplayHandlers();
    await expect(
      handle({ id: 1, kind: 'import', text: JSON.stringify(relabelled()), trainee: 'T', recordId: 'r', nowMs: 0 }),
    ).rejects.toThrow(`differs from the published scenario l1-osteoporotic-wedge ${V}`);
  });

  it('names a version this app does not publish, and a scenario it does not publish at all', () => {
    const other = (publishedL1.version ?? 1) + 1;
    const versioned = { ...failing.scenario, version: other };
    expect(() => checkPublishedScenario({ scenario: versioned }, published)).toThrow(
      `made on scenario l1-osteoporotic-wedge v${other}, but this app publishes l1-osteoporotic-wedge ${V}`,
    );
    const unknown = { ...failing.scenario, id: 'my-own-case' };
    expect(() => checkPublishedScenario({ scenario: unknown }, published)).toThrow(
      `"my-own-case" ${V} is not one this app publishes`,
    );
  });

  it("leaves an instructor's draft to its caller: status draft is not compared", () => {
    const draft = { ...relabelled(), scenario: { ...relabelled().scenario, id: 'my-own-case' } };
    draft.scenarioHash = scenarioHash(draft.scenario);
    expect(() => checkPublishedScenario(parseAttemptFile(draft), published, 'draft')).not.toThrow();
  });
});
