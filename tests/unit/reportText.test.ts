import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, goldenPath } from './goldenFixtures';
import {
  formatReportText,
  reportTextFilename,
  reportTextHeader,
  tickClockText,
  type ReportTextHeader,
} from '../../sim/scoring/reportText';
import type { ScoreReport } from '../../sim/scoring/types';
import type { Scenario } from '../../levels/scenarioSchema';

/** A small hand-made report whose text is pinned byte for byte below. */
const report: ScoreReport = {
  scenarioId: 'demo',
  seed: 7,
  total: 64.25,
  domainTotal: 76.25,
  passScore: 70,
  passed: false,
  criticalErrors: [{ id: 'medial-breach', label: 'medial breach of 2.4 mm', tick: 3725 * 60 }],
  seriousErrors: [
    { id: 'no-local', label: 'Skin punctured without local anaesthetic', points: -12, evidenceTicks: [600] },
  ],
  domains: [
    {
      id: 'misplacement',
      label: 'Needle placement',
      score: 58,
      weight: 0.25 / 0.85,
      items: [
        { label: 'Medial breach', value: '2.4 mm', points: -54, evidenceTicks: [600, 630, 601, 3725 * 60] },
        { label: 'Redirections inside bone', value: '0', points: -0, evidenceTicks: [] },
      ],
    },
  ],
  metrics: {
    shotsAP: 6,
    breachMedialMm: 2.4,
    finished: true,
    cementStoppedPromptly: 'no leak seen',
    airKermaMGy: 66.676,
  },
};
const header: ReportTextHeader = {
  scenarioTitle: 'Demo case',
  scenarioId: 'demo',
  seed: 7,
  mode: 'exam',
  endTick: 3726 * 60 + 59,
};

const PINNED = `KyphoSim score report
Scenario: Demo case [demo]
Seed 7, exam mode, ended at sim time 1:02:06 (tick 223619)

Total 64.3 / 100, pass score 70: FAILED
Domains 76.3, serious errors -12.0
Critical errors (1, each fails the attempt):
  1:02:05  medial breach of 2.4 mm [medial-breach]
Serious errors (1, points off the total):
  -12.0  Skin punctured without local anaesthetic [no-local]; evidence: 0:10

Needle placement [misplacement]: 58.0 / 100, weight 29.4 %
  - Medial breach: 2.4 mm
      points -54.0; evidence: 0:10, 1:02:05
  - Redirections inside bone: 0
      points 0.0; evidence: none

Metrics
  airKermaMGy = 66.676
  breachMedialMm = 2.4
  cementStoppedPromptly = no leak seen
  finished = true
  shotsAP = 6
`;

describe('formatReportText', () => {
  it('writes a pinned report byte for byte: header, verdict, critical errors, domains, items, sorted metrics', () => {
    expect(formatReportText(report, header)).toBe(PINNED);
  });

  it('does not depend on the order of the metrics object', () => {
    const reversed = { ...report, metrics: Object.fromEntries(Object.entries(report.metrics).reverse()) };
    expect(formatReportText(reversed, header)).toBe(PINNED);
  });

  it('changes when the report changes', () => {
    const item = report.domains[0].items[0];
    const changed: ScoreReport[] = [
      { ...report, total: 64.4 },
      { ...report, passed: true },
      { ...report, criticalErrors: [] },
      { ...report, seriousErrors: [] },
      { ...report, domains: [{ ...report.domains[0], items: [{ ...item, points: -53 }, report.domains[0].items[1]] }] },
      {
        ...report,
        domains: [
          { ...report.domains[0], items: [{ ...item, evidenceTicks: [600, 660] }, report.domains[0].items[1]] },
        ],
      },
      { ...report, metrics: { ...report.metrics, shotsAP: 7 } },
    ];
    for (const r of changed) expect(formatReportText(r, header)).not.toBe(PINNED);
    expect(formatReportText(report, { ...header, endTick: 60 })).not.toBe(PINNED);
  });

  it('writes sim times from ticks (60 per second) as m:ss, h:mm:ss past an hour', () => {
    expect(tickClockText(0)).toBe('0:00');
    expect(tickClockText(59)).toBe('0:00');
    expect(tickClockText(60 * 61 + 30)).toBe('1:01');
    expect(tickClockText(60 * 3600)).toBe('1:00:00');
  });

  it('builds its header and file name from what an attempt file holds', () => {
    const scenario = { id: 'l1-x', title: 'L1 case' } as Scenario;
    expect(reportTextHeader({ scenario, seed: 3, mode: 'practice' }, 900)).toEqual({
      scenarioTitle: 'L1 case',
      scenarioId: 'l1-x',
      seed: 3,
      mode: 'practice',
      endTick: 900,
    });
    expect(reportTextFilename({ scenarioId: 'l1-x', seed: 3 })).toBe('report-l1-x-3.txt');
  });
});

describe.each(GOLDEN_CASES)('the text report of golden attempt $name', (c) => {
  const golden = JSON.parse(readFileSync(goldenPath(c.name), 'utf8'));
  const r: ScoreReport = golden.expected.report;
  const text = formatReportText(r, reportTextHeader(golden.attempt, golden.expected.endTick));

  it('names the scenario, its verdict and every domain with its score, weight and items', () => {
    expect(text).toContain(`Scenario: ${golden.attempt.scenario.title} [${r.scenarioId}]`);
    expect(text).toContain(`Seed ${c.seed}, ${golden.attempt.mode} mode`);
    expect(text).toContain(r.passed ? ': PASSED' : ': FAILED');
    for (const d of r.domains) {
      expect(text).toContain(
        `${d.label} [${d.id}]: ${d.score.toFixed(1)} / 100, weight ${(d.weight * 100).toFixed(1)} %`,
      );
      for (const it of d.items) expect(text).toContain(`  - ${it.label}: ${it.value}\n`);
    }
    for (const e of r.criticalErrors) expect(text).toContain(`${tickClockText(e.tick)}  ${e.label} [${e.id}]`);
  });

  it('lists every metric once, sorted by key', () => {
    const lines = text
      .slice(text.indexOf('\nMetrics\n') + '\nMetrics\n'.length)
      .trimEnd()
      .split('\n');
    const keys = lines.map((l) => l.trim().split(' = ')[0]);
    expect(keys).toEqual(Object.keys(r.metrics).sort());
  });

  it('is the same bytes every time and carries no wall-clock date', () => {
    expect(formatReportText(structuredClone(r), reportTextHeader(golden.attempt, golden.expected.endTick))).toBe(text);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text.endsWith('\n')).toBe(true);
  });
});
