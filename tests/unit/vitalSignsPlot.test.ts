import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { traceAttempt } from '../../sim/attempt/attemptTrace';
import type { Command } from '../../sim/core/commands';
import { TICKS_PER_S } from '../../sim/core/constants';
import { createSession } from '../../sim/session/index';
import { ProcedureTimeline } from '../../src/debrief/ProcedureTimeline';
import { VitalSignsPlot } from '../../src/debrief/VitalSignsPlot';
import { complicationName, laneRange, LANES, markWords } from '../../src/debrief/vitalPlotModel';

/**
 * The debrief's vital-sign plot (src/debrief/VitalSignsPlot.tsx) rendered to markup: the traces,
 * the alarm band and the answers of a midazolam attempt, its hidden table of numbers, and the time
 * axis it shares with the timeline above it.
 */

const WEDGE = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'levels/l1-osteoporotic-wedge.json',
);

function attempt() {
  const s = createSession(WEDGE, 1);
  const run = (c: Command) => expect(s.dispatch(c).accepted).toBe(true);
  for (const item of ['history', 'imaging', 'candidacy'] as const) run({ type: 'checklist.tick', item });
  run({ type: 'phase.next' });
  s.stepTicks(10 * TICKS_PER_S);
  run({ type: 'sedation.midazolam', mg: 5 });
  s.stepTicks(360 * TICKS_PER_S);
  run({ type: 'sedation.flumazenil', mg: 0.5 });
  run({ type: 'oxygen.nasal', lPerMin: 2 });
  s.stepTicks(240 * TICKS_PER_S);
  return { log: s.log, trace: traceAttempt(WEDGE, 1, s.log, s.tick) };
}
const { log, trace } = attempt();
const html = renderToStaticMarkup(createElement(VitalSignsPlot, { trace }));

/** The rows of the hidden table of samples, as arrays of cell texts. */
function tableRows(markup: string): string[][] {
  const table = /<table class="visually-hidden" data-testid="vitals-table">([\s\S]*?)<\/table>/.exec(markup)?.[1] ?? '';
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]),
  );
}

describe('vital signs plot', () => {
  it('draws five lines, the alarm band and a marker for each answer', () => {
    expect(html).toContain('data-testid="vitals-plot"');
    expect(html).toContain(`data-points="${trace.vitals.samples.length}"`);
    expect(html.match(/<polyline /g)?.length).toBe(5);
    for (const word of ['>HR<', '>SYS<', '>DIA<', '>SpO2<', '>RR<']) expect(html).toContain(word);
    expect(html).toContain('data-alarm="respiratoryRateLow"');
    expect(html).toContain('aria-label="Respiratory rate low alarm from ');
    expect(html.match(/data-testid="vitals-mark-answer"/g)?.length).toBe(3);
    expect(html).toContain('aria-label="Midazolam 5 mg IV at 0:10"');
    expect(html).toContain('aria-label="Flumazenil 0.5 mg IV at 6:10"');
    // The legend names every glyph the plot may draw, the answers to each complication included.
    for (const words of ['M midazolam', 'NE neurological examination', 'Ad adrenaline', 'P pressure on the sites'])
      expect(html).toContain(words);
  });

  it('carries a hidden table with every sample and its numbers, rounded as the monitor reads', () => {
    const rows = tableRows(html);
    expect(rows.length).toBe(trace.vitals.samples.length);
    const first = trace.vitals.samples[0];
    expect(rows[0]).toEqual([
      '0:00',
      first.heartRateBpm.toFixed(0),
      first.systolicMmHg.toFixed(0),
      first.diastolicMmHg.toFixed(0),
      first.spo2Pct.toFixed(1),
      first.respiratoryRatePerMin.toFixed(1),
      'none',
    ]);
    // Sedated: a row names the alarm sounding.
    expect(rows.some((r) => r[6] === 'respiratory rate low')).toBe(true);
    expect(html).toContain('data-testid="vitals-events-table"');
    expect(html).toContain('<td>Oxygen 2 L/min by nasal cannula</td>');
  });

  it('shares the timeline’s time axis: the same viewBox width and the same x for each time label', () => {
    const timeline = renderToStaticMarkup(createElement(ProcedureTimeline, { trace, log, evidence: null }));
    const width = (m: string) => /viewBox="0 0 (\d+) /.exec(m)?.[1];
    expect(width(html)).toBe(width(timeline));
    const labels = (m: string) =>
      [...m.matchAll(/<g class="tl-axis"><line x1="([\d.]+)"[^>]*><\/line><text[^>]*>([\d:]+)<\/text>/g)].map(
        (g) => `${g[2]}@${g[1]}`,
      );
    expect(labels(html).length).toBeGreaterThan(5);
    expect(labels(html)).toEqual(labels(timeline));
  });

  it('lanes widen to the data: the sedated breathing stays inside its lane', () => {
    const rr = LANES.find((l) => l.id === 'rr')!;
    const range = laneRange(rr, trace.vitals.samples);
    expect(range).toEqual({ lo: 0, hi: 24 });
    const spo2 = laneRange(LANES.find((l) => l.id === 'spo2')!, [{ ...trace.vitals.samples[0], spo2Pct: 71.2 }]);
    expect(spo2).toEqual({ lo: 70, hi: 100 });
  });

  it('words: complications by kind and grade, alarms by the monitor’s name', () => {
    expect(complicationName('cementEmbolism')).toBe('Cement embolism');
    expect(markWords({ kind: 'complication', tick: 0, complication: 'cementEmbolism', severity: 'moderate' })).toBe(
      'Cement embolism, moderate',
    );
    expect(markWords({ kind: 'alarm', tick: 0, alarm: 'spo2Low', signal: 'spo2Pct', value: 89 })).toBe(
      'Alarm: SpO2 low',
    );
  });

  it('says so when there are no samples', () => {
    const empty = { ...trace, vitals: { everyS: 1, samples: [], marks: [], marksDropped: 0, alarms: [] } };
    expect(renderToStaticMarkup(createElement(VitalSignsPlot, { trace: empty }))).toContain(
      'No vital signs were recorded.',
    );
  });
});
