import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AttemptTrace } from '../../sim/attempt/attemptTrace';
import { BalloonPlots } from '../../src/debrief/BalloonPlots';
import { CementVolumePlot } from '../../src/debrief/CementVolumePlot';
import { cementSample } from './cementTraceFixture';

/**
 * The debrief's plots carry their numbers in a visually hidden table (WCAG 1.1.1): a screen reader
 * reads every plotted sample, not only the drawing's one-line summary.
 */

const TRACE = {
  sampleEveryS: 0.5,
  endTick: 39600,
  samples: [
    cementSample(0, 0, 0),
    cementSample(18000, 0, 0),
    cementSample(19800, 0, 0),
    cementSample(27000, 2, 0),
    cementSample(36000, 4, 0.3),
    cementSample(37800, 4, 0.3),
    cementSample(39600, 4, 0.3),
  ],
  events: [
    { kind: 'phase', tick: 12000, phase: 'cement' },
    { kind: 'cementPhase', tick: 18000, phase: 'liquid' },
    { kind: 'cementPhase', tick: 24000, phase: 'working' },
  ],
  balloons: [
    {
      side: 'left',
      ruptured: true,
      trace: [
        { volumeMl: 0.25, pressurePsi: 20 },
        { volumeMl: 1.5, pressurePsi: 95.4 },
        { volumeMl: 3, pressurePsi: 301 },
      ],
    },
  ],
  vitals: { everyS: 1, samples: [], marks: [], marksDropped: 0, alarms: [] },
} as unknown as AttemptTrace;

/** The rows of the table with this test id, each as its cells' text (the markup is React's own: regular). */
function tableRows(html: string, testId: string): string[][] {
  const table = new RegExp(`<table class="([^"]*)" data-testid="${testId}">(.*?)</table>`).exec(html);
  expect(table, testId).not.toBeNull();
  expect(table?.[1]).toBe('visually-hidden');
  const rows = [...(table?.[2] ?? '').matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => r[1]);
  return rows.map((r) => [...r.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]));
}

describe('plot tables', () => {
  it('the cement plot holds its samples since mixing at each change, and the last: time, injected, in the body, leaked', () => {
    const html = renderToStaticMarkup(createElement(CementVolumePlot, { trace: TRACE }));
    expect(tableRows(html, 'cement-volume-table')).toEqual([
      ['Sim time', 'Injected (mL)', 'In the body (mL)', 'Leaked (mL)'],
      ['5:00', '0.00', '0.00', '0.00'],
      ['7:30', '2.00', '2.00', '0.00'],
      ['10:00', '4.00', '3.70', '0.30'],
      ['11:00', '4.00', '3.70', '0.30'],
    ]);
  });

  it('each balloon plot holds its pressure against volume, and a rupture is said in words and a mark', () => {
    const html = renderToStaticMarkup(createElement(BalloonPlots, { trace: TRACE, balloonLengthMm: 15 }));
    expect(tableRows(html, 'balloon-table-left')).toEqual([
      ['Volume (mL)', 'Pressure (psi)'],
      ['0.25', '20'],
      ['1.50', '95'],
      ['3.00', '301'],
    ]);
    expect(html).toContain('⚠ ruptured');
  });
});
