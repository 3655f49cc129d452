import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comparisonRows } from '../../src/debrief/comparisonRows';
import type { ScoreReport } from '../../sim/scoring';

/** Two recorded reports of the golden set: the textbook kyphoplasty and the medial breach, same patient. */
const report = (name: string): ScoreReport =>
  JSON.parse(readFileSync(`tests/fixtures/golden/${name}.json`, 'utf8')).expected.report;
const textbook = report('textbook-kyphoplasty-l1-seed42');
const breach = report('medial-breach-kyphoplasty-l1-seed42');
const row = (rows: ReturnType<typeof comparisonRows>, key: string) => {
  const r = rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}`);
  return r;
};

describe('comparisonRows: two attempts side by side', () => {
  const rows = comparisonRows(textbook, breach);

  it('sets the totals side by side with the change from the first to the second, worse when it drops', () => {
    expect(row(rows, 'total')).toMatchObject({ first: '100', second: '61', change: '−39', trend: 'worse' });
    expect(comparisonRows(breach, textbook)[0]).toMatchObject({ change: '+39', trend: 'better' });
  });

  it('has one row per domain in the rubric order, each with its change', () => {
    const domains = rows.filter((r) => r.group === 'domain').map((r) => r.key);
    // The breach's report also has the complication domain (its nerve compression), the textbook's not.
    expect(domains).toEqual([...textbook.domains.map((d) => `domain:${d.id}`), 'domain:complications']);
    expect(row(rows, 'domain:complications')).toMatchObject({ first: '—', change: '' });
    expect(row(rows, 'domain:misplacement')).toMatchObject({
      first: '100',
      second: '0',
      change: '−100',
      trend: 'worse',
    });
    expect(row(rows, 'domain:height')).toMatchObject({ change: '0', trend: 'same' });
  });

  it('reads less time, dose and breaches as better, and a fill as neither', () => {
    expect(row(rows, 'figure:simTimeS')).toMatchObject({
      // Both include the 90 min observed in recovery.
      first: '6060 s',
      second: '6137 s',
      change: '+77',
      trend: 'worse',
    });
    expect(row(rows, 'figure:breaches')).toMatchObject({ change: '+1', trend: 'worse' });
    expect(comparisonRows(breach, textbook).find((r) => r.key === 'figure:breaches')?.trend).toBe('better');
    // A different fill is neither better nor worse (0.22 against 0.21 here).
    expect(row(rows, 'figure:cementFillFraction')).toMatchObject({ change: '−0.01', trend: null });
    const filled = { ...breach, metrics: { ...breach.metrics, cementFillFraction: 0.4 } };
    expect(row(comparisonRows(textbook, filled), 'figure:cementFillFraction')).toMatchObject({
      change: '+0.18',
      trend: null,
    });
  });

  it('names the critical errors of each side and counts the change', () => {
    expect(row(rows, 'critical')).toMatchObject({
      first: 'none',
      second:
        'Medial pedicle breach into the canal (10.8 mm); Nerve root or canal compression grew to moderate after its first sign with no answer given',
      change: '+2',
      trend: 'worse',
    });
  });

  it('shows a figure one report lacks as a dash with no change', () => {
    const { simTimeS: _gone, ...rest } = breach.metrics;
    const r = row(comparisonRows(textbook, { ...breach, metrics: rest }), 'figure:simTimeS');
    expect(r).toMatchObject({ second: '—', change: '', trend: null });
  });

  it('keeps a domain only the second report has (another rubric), with a dash on the first side', () => {
    const extra = { ...breach, domains: [...breach.domains, { ...breach.domains[0], id: 'extra', label: 'Extra' }] };
    const r = row(comparisonRows(textbook, extra as ScoreReport), 'domain:extra');
    expect(r).toMatchObject({ label: 'Extra', first: '—', change: '' });
  });
});
