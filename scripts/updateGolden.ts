// Re-record the golden replays (tests/fixtures/golden). Only run this when a change to the model
// is intended, and commit the new files in the same commit with the reason.
//
//   npx tsx scripts/updateGolden.ts            every case of GOLDEN_CASES
//   npx tsx scripts/updateGolden.ts <name>...  only these cases
//
// Each case's known outcome (domain scores, total, critical errors, verdict) is stated by hand in
// tests/unit/goldenFixtures.ts; where the new recording differs from it this prints the difference,
// and the statement (with its comment) must be updated too, or goldenScores.test.ts fails.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { GOLDEN_CASES, goldenPath, loadPlan, loadScenario } from '../tests/unit/goldenFixtures';
import { runPlan } from '../sim/plan';
import { toAttemptFile } from '../sim/attempt';
import { scoreAttempt } from '../sim/scoring';

const names = process.argv.slice(2);
const unknown = names.filter((n) => !GOLDEN_CASES.some((c) => c.name === n));
if (unknown.length > 0) {
  console.error(`no golden case named ${unknown.join(', ')}; known: ${GOLDEN_CASES.map((c) => c.name).join(', ')}`);
  process.exit(2);
}

for (const c of GOLDEN_CASES.filter((g) => names.length === 0 || names.includes(g.name))) {
  const session = runPlan(loadScenario(c.scenario), c.seed, loadPlan(c.plan));
  const report = scoreAttempt(session.scenario, session.log, session.snapshot());
  const fresh = toAttemptFile(session, 'golden');
  // A golden recorded on an older scenario form (schema version 1) keeps that form while the scenario
  // is the same (same hash): the migration tests read it as the file a user still has.
  const old = existsSync(goldenPath(c.name)) ? JSON.parse(readFileSync(goldenPath(c.name), 'utf8')).attempt : null;
  const attempt = old && old.scenarioHash === fresh.scenarioHash ? { ...fresh, scenario: old.scenario } : fresh;
  writeFileSync(
    goldenPath(c.name),
    `${JSON.stringify({ attempt, expected: { endTick: session.tick, report } }, null, 1)}\n`,
  );
  const domains = Object.fromEntries(report.domains.map((d) => [d.id, d.score]));
  const critical = report.criticalErrors.map((e) => e.id).sort();
  console.log(
    `wrote ${goldenPath(c.name)}: total ${report.total}, passed ${report.passed}, critical [${critical.join(', ')}], domains ${JSON.stringify(domains)}`,
  );
  const recorded = { total: report.total, passed: report.passed, criticalErrors: critical, domains };
  const stated = {
    total: c.expected.total,
    passed: c.expected.passed,
    criticalErrors: [...c.expected.criticalErrors],
    domains: Object.fromEntries(report.domains.map((d) => [d.id, c.expected.domains[d.id]])),
  };
  if (JSON.stringify(recorded) !== JSON.stringify(stated))
    console.log(`  differs from the outcome stated in goldenFixtures.ts: ${JSON.stringify(stated)}`);
}
