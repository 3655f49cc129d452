import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { planSchema, type Plan } from '../../sim/plan/planSchema';
import { expertBenchmark } from '../../sim/attempt/expertBenchmark';

const scenarios = readdirSync('levels')
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseScenario(JSON.parse(readFileSync(`levels/${f}`, 'utf8')), f));
const planOf = (id: string): Plan => planSchema.parse(JSON.parse(readFileSync(`levels/plans/${id}.json`, 'utf8')));

describe('expert benchmark', () => {
  it('every scenario names an expert plan that exists and parses', () => {
    for (const s of scenarios) {
      expect(s.scoring.expertPlan, s.id).toBeTruthy();
      expect(existsSync(`levels/plans/${s.scoring.expertPlan}.json`), s.id).toBe(true);
      expect(() => planOf(s.scoring.expertPlan ?? '')).not.toThrow();
    }
  });

  it('runs the expert plan on the trainee\u2019s own patient and scores it; the same seed gives the same figures', () => {
    const s = scenarios.find((x) => x.id === 'l1-osteoporotic-wedge');
    if (!s) throw new Error('missing L1 scenario');
    const a = expertBenchmark(s, 7, planOf('textbook-kyphoplasty'));
    const b = expertBenchmark(s, 7, planOf('textbook-kyphoplasty'));
    if ('error' in a || 'error' in b) throw new Error('expert plan failed');
    expect(a.report).toEqual(b.report);
    expect(a.report.metrics.finished).toBe(true);
    expect(a.report.total).toBeGreaterThan(80);
  });

  it('a plan that cannot run on this patient gives a reason, not a crash', () => {
    const s = scenarios.find((x) => x.procedure === 'vertebroplasty');
    if (!s) throw new Error('missing vertebroplasty scenario');
    // A kyphoplasty plan on a vertebroplasty case: the balloon steps are refused.
    const r = expertBenchmark(s, 1, planOf('textbook-kyphoplasty'));
    expect('error' in r && r.error).toMatch(/expert plan could not be run on this patient: plan step \d+/);
  });
});
