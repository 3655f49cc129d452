import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_CASES, goldenPath, loadScenario, type GoldenExpectation } from './goldenFixtures';
import type { DomainId, ScoreReport } from '../../sim/scoring/types';

/**
 * The golden set's known outcomes: every golden attempt's recorded report,
 * and the report the CLI prints for its attempt file, give the domain scores, total, critical
 * errors and verdict stated by hand in goldenFixtures.ts.
 */

/**
 * Domain weights as sim/scoring/README.md states them (height weighs nothing in vertebroplasty;
 * complication management is in the report only after a complication that needed an answer).
 */
const RUBRIC_WEIGHTS = (procedure: string, complications: boolean): Partial<Record<DomainId, number>> => ({
  leakage: 0.2,
  misplacement: 0.2,
  height: procedure === 'kyphoplasty' ? 0.1 : 0,
  radiation: 0.15,
  cement: 0.1,
  process: 0.1,
  imaging: 0.15,
  ...(complications ? { complications: 0.15 } : {}),
});

const domainScores = (r: Pick<ScoreReport, 'domains'>): Record<string, number> =>
  Object.fromEntries(r.domains.map((d) => [d.id, d.score]));
const criticalIds = (errors: readonly { id: string }[]): string[] => errors.map((e) => e.id).sort();

/** The CLI's JSON for each golden attempt file (`npm run sim -- replay <attempt.json> --full`), two at a time. */
const cliOutputs = new Map<
  string,
  {
    score: { total: number; passed: boolean; domains: Record<string, number>; criticalErrors: { id: string }[] };
    report: ScoreReport;
  }
>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kyphosim-golden-'));
  const run = promisify(execFile);
  const queue = [...GOLDEN_CASES];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const file = join(dir, `${c.name}.json`);
      writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(goldenPath(c.name), 'utf8')).attempt));
      // A test fixture's scenario (tests/fixtures/scenarios/) is not published: checked as a draft.
      const draft = c.scenario.startsWith('levels/') ? [] : ['--draft'];
      const { stdout } = await run('npx', ['tsx', 'sim/cli.ts', 'replay', file, '--full', ...draft], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      cliOutputs.set(c.name, JSON.parse(stdout));
    }
  };
  await Promise.all([worker(), worker()]);
}, 180_000);

describe.each(GOLDEN_CASES)('known outcome of golden attempt $name', (c) => {
  const golden = JSON.parse(readFileSync(goldenPath(c.name), 'utf8'));
  const report: ScoreReport = golden.expected.report;
  const expected: GoldenExpectation = c.expected;

  it('the recorded report gives the stated domain scores, total, critical errors and verdict', () => {
    expect(domainScores(report)).toEqual(expected.domains);
    expect(report.total).toBe(expected.total);
    expect(criticalIds(report.criticalErrors)).toEqual(expected.criticalErrors);
    expect(report.seriousErrors.map((e) => ({ id: e.id, points: e.points }))).toEqual(expected.seriousErrors);
    expect(report.passed).toBe(expected.passed);
  });

  it('the stated figures agree with the rubric: weights, weighted total, verdict', () => {
    const scenario = loadScenario(c.scenario);
    const weights = RUBRIC_WEIGHTS(scenario.procedure, 'complications' in expected.domains);
    expect(Object.fromEntries(report.domains.map((d) => [d.id, d.weight]))).toEqual(weights);
    const ids = Object.keys(weights) as DomainId[];
    const weightSum = ids.reduce((s, id) => s + (weights[id] ?? 0), 0);
    const domainTotal =
      Math.round((ids.reduce((s, id) => s + (expected.domains[id] ?? 0) * (weights[id] ?? 0), 0) / weightSum) * 10) /
      10;
    // The total is the weighted mean less the serious errors' points (never below 0).
    const serious = expected.seriousErrors.reduce((s, e) => s + e.points, 0);
    expect(expected.total).toBe(Math.round(Math.max(0, domainTotal + serious) * 10) / 10);
    expect([...expected.criticalErrors].sort()).toEqual(expected.criticalErrors);
    expect(expected.passed).toBe(expected.criticalErrors.length === 0 && expected.total >= scenario.scoring.passScore);
  });

  it('each domain score is 100 plus the points of its items (to the rounding of the items)', () => {
    for (const d of report.domains) {
      const sum = d.items.reduce((s, i) => s + i.points, 0);
      const tolerance = 0.05 * (d.items.length + 1) + 1e-9;
      expect(Math.abs(d.score - Math.max(0, Math.min(100, 100 + sum))), d.id).toBeLessThanOrEqual(tolerance);
    }
  });

  it('the CLI prints the same scores, critical errors and report for the attempt file', () => {
    const out = cliOutputs.get(c.name)!;
    expect(out.score.domains).toEqual(expected.domains);
    expect(out.score.total).toBe(expected.total);
    expect(out.score.passed).toBe(expected.passed);
    expect(criticalIds(out.score.criticalErrors)).toEqual(expected.criticalErrors);
    expect(out.report).toEqual(report);
  });
});
