// Re-record the golden replays (tests/fixtures/golden). Only run this when a change to the model
// is intended, and commit the new files in the same commit with the reason.
import { writeFileSync } from 'node:fs';
import { GOLDEN_CASES, goldenPath, loadPlan, loadScenario } from '../tests/unit/goldenFixtures';
import { runPlan } from '../sim/plan/runPlan';
import { toAttemptFile } from '../sim/attempt/attemptFile';
import { scoreAttempt } from '../sim/scoring/score';

for (const c of GOLDEN_CASES) {
  const session = runPlan(loadScenario(c.scenario), c.seed, loadPlan(c.plan));
  const report = scoreAttempt(session.scenario, session.log, session.snapshot());
  const attempt = toAttemptFile(session, 'golden');
  writeFileSync(goldenPath(c.name), JSON.stringify({ attempt, expected: { endTick: session.tick, report } }, null, 1) + '\n');
  console.log(`wrote ${goldenPath(c.name)}: total ${report.total}, passed ${report.passed}`);
}
