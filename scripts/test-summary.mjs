// Counts what the test runs of `.ci/run` actually executed, from their JSON reports, and prints
// one closing line, "N passed, N failed" (", N skipped" when any were skipped), alone and with
// nothing before it (the plain closing line CI's reader looks for), so that a
// reader of CI's log, person or program, sees how many tests ran without parsing three runners'
// coloured output. A report that is missing or unreadable is an error: a run that wrote no report
// did not run its tests, and must not be counted as passing.
//
// Usage: node scripts/test-summary.mjs REPORT.json [REPORT.json ...]
// Vitest's JSON reporter gives numPassedTests / numFailedTests / numPendingTests / numTodoTests;
// Playwright's gives stats.expected / unexpected / flaky / skipped.
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/test-summary.mjs REPORT.json [REPORT.json ...]');
  process.exit(2);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`test summary: cannot read the report ${file}: ${error.message}`);
    process.exit(1);
  }
  let counts;
  if (typeof report.numPassedTests === 'number') {
    counts = {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    };
  } else if (report.stats && typeof report.stats.expected === 'number') {
    // A flaky test passed on a retry: it counts as passed, as Playwright's own summary has it.
    counts = {
      passed: report.stats.expected + (report.stats.flaky ?? 0),
      failed: report.stats.unexpected,
      skipped: report.stats.skipped ?? 0,
    };
  } else {
    console.error(`test summary: ${file} is neither a Vitest nor a Playwright JSON report`);
    process.exit(1);
  }
  // Worded unlike the closing line, so that only the last line reads as the run's total.
  console.log(`report ${file}: passed ${counts.passed}, failed ${counts.failed}, skipped ${counts.skipped}`);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
if (passed + failed === 0) {
  console.error('test summary: the reports hold no executed test');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
