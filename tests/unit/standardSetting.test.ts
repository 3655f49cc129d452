import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../../sim/plan/index';
import {
  type ReferenceRun,
  cohensD,
  contrastingGroupsMark,
  mean,
  normalDensity,
  planFits,
  referencePlanFits,
  sd,
  summarise,
  withExpertReference,
  withPassScore,
  withVersion,
  expertReferenceOf,
  domainSeparation,
} from '../../sim/standard/index';
import { parseScenario } from '../../levels/scenarioSchema';
import type { SimSnapshot } from '../../sim/session/snapshot';
import { loadScenario } from './goldenFixtures';

describe('standard setting: statistics', () => {
  it('mean and sample sd', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sd([3])).toBe(0);
    expect(Number.isNaN(mean([]))).toBe(true);
  });

  it("Cohen's d uses the pooled sample sd", () => {
    expect(cohensD([8, 9, 10], [4, 5, 6])).toBeCloseTo(4, 12);
    // sds 1 and 2 with equal n: pooled sqrt((1 + 4) / 2).
    expect(cohensD([9, 10, 11], [3, 5, 7])).toBeCloseTo(5 / Math.sqrt(2.5), 12);
    expect(cohensD([1], [0, 1])).toBeNull();
    expect(cohensD([5, 5], [3, 3])).toBe(Number.POSITIVE_INFINITY);
  });

  it('the normal density', () => {
    expect(normalDensity(0, 0, 1)).toBeCloseTo(0.3989422804, 9);
    expect(normalDensity(12, 10, 2)).toBeCloseTo((0.3989422804 * Math.exp(-0.5)) / 2, 9);
  });

  it('the contrasting-groups mark is where the fitted densities cross between the means', () => {
    // Equal sds: half way.
    expect(contrastingGroupsMark([8, 9, 10], [4, 5, 6])).toBeCloseTo(7, 6);
    // Experts N(80, 5), novices N(50, 10): the quadratic's root between the means is 68.876.
    const novices = [50 - 10 / Math.SQRT2, 50 + 10 / Math.SQRT2];
    const e5 = [80 - 5 / Math.SQRT2, 80 + 5 / Math.SQRT2];
    expect(sd(e5)).toBeCloseTo(5, 9);
    expect(sd(novices)).toBeCloseTo(10, 9);
    const m = contrastingGroupsMark(e5, novices);
    expect(m).toBeCloseTo(68.8763, 3);
    if (m === null) throw new Error('no mark');
    expect(normalDensity(m, 80, 5) / normalDensity(m, 50, 10)).toBeCloseTo(1, 6);
  });

  it('has no mark when the groups do not separate, and floors a constant group at minSd', () => {
    expect(contrastingGroupsMark([50, 60], [70, 80])).toBeNull();
    expect(contrastingGroupsMark([], [1, 2])).toBeNull();
    // Every expert 100 and every novice 60: both floored to sd 1, so half way.
    expect(contrastingGroupsMark([100, 100, 100], [60, 60])).toBeCloseTo(80, 6);
  });
});

describe('standard setting: summary', () => {
  const run = (group: 'expert' | 'novice', total: number, critical = false): ReferenceRun => ({
    scenarioId: 's',
    planId: `${group}-${total}`,
    group,
    seed: 1,
    total,
    passed: total >= 70 && !critical,
    criticalErrors: critical ? ['x'] : [],
    passesAt: (mark) => total >= mark && !critical,
  });

  it('rates, the rounded mark and its false passes and fails', () => {
    const runs = [
      run('expert', 90),
      run('expert', 80),
      run('expert', 64),
      run('novice', 40, true),
      run('novice', 75, true),
      run('novice', 70),
      run('novice', 50),
    ];
    const s = summarise(runs);
    expect(s.expert.n).toBe(3);
    expect(s.expert.mean).toBeCloseTo(78, 9);
    expect(s.expert.passRate).toBeCloseTo(2 / 3, 9);
    expect(s.novice.passRate).toBeCloseTo(1 / 4, 9);
    expect(s.novice.criticalRate).toBeCloseTo(2 / 4, 9);
    expect(s.cohensD).toBeCloseTo(cohensD([90, 80, 64], [40, 75, 70, 50]) ?? Number.NaN, 12);
    expect(s.mark).toBe(Math.round(s.markExact ?? Number.NaN));
    const mark = s.mark ?? Number.NaN;
    expect(mark).toBeGreaterThan(58);
    expect(mark).toBeLessThan(78);
    // Only the passes the rubric allows count: the 75 with a critical error is no false pass.
    expect(s.falsePasses).toBe([70, 50].filter((t) => t >= mark).length);
    expect(s.falseFails).toBe([90, 80, 64].filter((t) => t < mark).length);
  });
});

describe('standard setting: reference sets', () => {
  const load = (group: string) =>
    readdirSync(`levels/plans/reference/${group}`)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({
        f,
        plan: planSchema.parse(JSON.parse(readFileSync(`levels/plans/reference/${group}/${f}`, 'utf8'))),
      }));
  const experts = load('expert');
  const novices = load('novice');
  const scenarios = readdirSync('levels')
    .filter((f) => f.endsWith('.json'))
    .map((f) => loadScenario(`levels/${f}`));

  it('hold at least 8 expert and 8 novice plans, each declaring what it fits and how it varies', () => {
    expect(experts.length).toBeGreaterThanOrEqual(8);
    expect(novices.length).toBeGreaterThanOrEqual(8);
    for (const { f, plan } of [...experts, ...novices]) {
      expect(plan.fits, f).toBeDefined();
      expect(plan.variation, f).toBeDefined();
    }
  });

  it('cover every scenario with at least two plans of each group', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
    for (const s of scenarios) {
      const fitting = (group: 'expert' | 'novice', plans: typeof experts) =>
        plans.filter((p) => referencePlanFits({ group, plan: p.plan }, s)).length;
      expect(fitting('expert', experts), s.id).toBeGreaterThanOrEqual(2);
      expect(fitting('novice', novices), s.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('a plan fits by procedure and, when it names one, by approach', () => {
    const OPERATE = { decision: 'operate' } as const;
    const p = experts[0].plan;
    expect(
      planFits(
        { ...p, fits: { procedure: 'kyphoplasty' } },
        { procedure: 'kyphoplasty', approach: 'bipedicular', indication: OPERATE },
      ),
    ).toBe(true);
    expect(
      planFits(
        { ...p, fits: { procedure: 'kyphoplasty', approach: 'unipedicular' } },
        { procedure: 'kyphoplasty', approach: 'bipedicular', indication: OPERATE },
      ),
    ).toBe(false);
    expect(
      planFits(
        { ...p, fits: { procedure: 'vertebroplasty' } },
        { procedure: 'kyphoplasty', approach: 'unipedicular', indication: OPERATE },
      ),
    ).toBe(false);
    expect(
      planFits({ ...p, fits: undefined }, { procedure: 'kyphoplasty', approach: 'unipedicular', indication: OPERATE }),
    ).toBe(false);
  });
});

describe('standard setting: --write', () => {
  it('changes only the pass score, in either layout of the scoring block', () => {
    const oneLine = '{\n  "id": "a",\n  "scoring": { "passScore": 70, "expertPlan": "x" }\n}\n';
    expect(withPassScore(oneLine, 64)).toBe(oneLine.replace('70', '64'));
    const spread = '{\n  "scoring": {\n    "passScore": 70.5,\n    "expertPlan": "x"\n  }\n}\n';
    expect(withPassScore(spread, 81)).toBe(spread.replace('70.5', '81'));
    for (const f of readdirSync('levels').filter((x) => x.endsWith('.json'))) {
      const text = readFileSync(`levels/${f}`, 'utf8');
      const next = withPassScore(text, 55);
      expect(JSON.parse(next).scoring.passScore, f).toBe(55);
      expect({ ...JSON.parse(next), scoring: {} }, f).toEqual({ ...JSON.parse(text), scoring: {} });
    }
  });

  it('refuses a mark that is not a whole score, and a file without exactly one pass score', () => {
    expect(() => withPassScore('{"passScore": 70}', 70.4)).toThrow(RangeError);
    expect(() => withPassScore('{"passScore": 70}', 101)).toThrow(RangeError);
    expect(() => withPassScore('{"scoring": {}}', 70)).toThrow(/found 0/);
    expect(() => withPassScore('{"passScore": 1, "b": {"passScore": 2}}', 70)).toThrow(/found 2/);
  });
});

describe('standard setting: the expert reference', () => {
  const reference = {
    fluoroTimeS: 150.5,
    dapGyCm2: 1.234,
    shots: 22,
    shotsByStage: { setup: 8, access: 6, balloon: 3, cement: 4, closing: 2 },
  };

  it('writes the reference into both scoring styles and keeps every other field, and the result is a valid scenario', () => {
    for (const f of readdirSync('levels').filter((x) => x.endsWith('.json'))) {
      const text = readFileSync(`levels/${f}`, 'utf8');
      const next = withExpertReference(text, reference);
      const parsed = parseScenario(JSON.parse(next), f);
      expect(parsed.scoring.expertReference, f).toEqual(reference);
      const { expertReference: _, ...scoringRest } = JSON.parse(next).scoring;
      const { expertReference: __, ...before } = JSON.parse(text).scoring;
      expect(scoringRest, f).toEqual(before);
      // Writing again replaces rather than adds.
      const again = withExpertReference(next, { ...reference, shots: 30 });
      expect(JSON.parse(again).scoring.expertReference.shots, f).toBe(30);
      expect(again.match(/"expertReference"/g)?.length, f).toBe(1);
    }
  });

  it('bumps or adds the version right after the id, and refuses a version below 1', () => {
    const text = '{\n  "schemaVersion": 1,\n  "id": "x",\n  "title": "t"\n}\n';
    const v2 = withVersion(text, 2);
    expect(v2).toBe('{\n  "schemaVersion": 1,\n  "id": "x",\n  "version": 2,\n  "title": "t"\n}\n');
    expect(withVersion(v2, 3)).toBe(v2.replace('"version": 2', '"version": 3'));
    expect(() => withVersion(text, 0)).toThrow(RangeError);
  });

  it('takes medians over the expert attempts (images per stage from the events)', () => {
    const scenario = loadScenario('levels/l1-osteoporotic-wedge.json');
    const attempt = (fluoroTimeS: number, dap: number, images: number) => {
      const events = Array.from({ length: images }, (_, i) => ({
        tick: i,
        event: { type: 'image.acquired' as const, view: 'AP' as const },
      }));
      const final = {
        events,
        dose: { fluoroTimeS, dapGyCm2: dap, shots: { AP: images, lateral: 0 } },
      } as unknown as SimSnapshot;
      return { scenario, log: [], final };
    };
    const r = expertReferenceOf([attempt(100, 1, 10), attempt(300, 3, 30), attempt(200, 2, 20)]);
    expect(r).toEqual({
      fluoroTimeS: 200,
      dapGyCm2: 2,
      shots: 20,
      shotsByStage: { setup: 20, access: 0, balloon: 0, cement: 0, closing: 0 },
    });
    expect(expertReferenceOf([])).toBeNull();
  });
});

describe('standard setting: internal structure', () => {
  it("gives each domain's Cohen's d and each serious error's rate per group", () => {
    const run = (group: 'expert' | 'novice', cement: number, imaging: number, serious: string[]): ReferenceRun => ({
      scenarioId: 's',
      planId: group,
      group,
      seed: 1,
      total: 0,
      passed: false,
      criticalErrors: [],
      seriousErrors: serious,
      domains: { cement, imaging },
      passesAt: () => false,
    });
    const runs = [
      run('expert', 100, 90, []),
      run('expert', 90, 80, []),
      run('novice', 40, 90, ['liquid-cement']),
      run('novice', 60, 80, ['liquid-cement', 'no-local']),
    ];
    const s = domainSeparation(runs);
    expect(s.domains.cement).toBeCloseTo(cohensD([100, 90], [40, 60]) ?? Number.NaN, 12);
    expect(s.domains.imaging).toBe(0);
    expect(s.seriousRates).toEqual({
      'liquid-cement': { expert: 0, novice: 1 },
      'no-local': { expert: 0, novice: 0.5 },
    });
  });
});
