import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AttemptTrace } from '../../sim/attempt/attemptTrace';
import { ProcedureTimeline } from '../../src/debrief/ProcedureTimeline';
import { CementVolumePlot } from '../../src/debrief/CementVolumePlot';
import { axisTicksS, cementBands, phaseBands, timelineMarks } from '../../src/debrief/timelineModel';
import { cementSample } from './cementTraceFixture';

/** A 10-minute attempt by hand: phases, two shots, a stored image, a breach, the cement clock and a leak. */
const TRACE: AttemptTrace = {
  sampleEveryS: 0.5,
  endTick: 36000,
  samples: [cementSample(0, 0, 0), cementSample(18000, 0, 0), cementSample(27000, 2, 0), cementSample(36000, 4, 0.3)],
  events: [
    { kind: 'phase', tick: 0, phase: 'caseReview' },
    { kind: 'phase', tick: 3000, phase: 'access' },
    { kind: 'image', tick: 3600, view: 'AP' },
    { kind: 'image', tick: 4200, view: 'lateral' },
    { kind: 'stored', tick: 4210, view: 'lateral' },
    { kind: 'moved', tick: 5400, shiftMm: 4.49, pain: 7 },
    { kind: 'breach', tick: 6000, wall: 'medial', depthMm: 2.5 },
    { kind: 'phase', tick: 12000, phase: 'cement' },
    { kind: 'cementPhase', tick: 18000, phase: 'liquid' },
    { kind: 'cementPhase', tick: 24000, phase: 'working' },
    { kind: 'leak', tick: 30000, location: 'venous', volumeMl: 0.12 },
    { kind: 'cementPhase', tick: 33000, phase: 'setting' },
  ],
  balloons: [],
  vitals: { everyS: 1, samples: [], marks: [], marksDropped: 0, alarms: [] },
};

describe('timeline model', () => {
  it('turns phase and cement events into bands that tile the attempt from their start to the end', () => {
    expect(phaseBands(TRACE).map((b) => [b.label, b.startTick, b.endTick])).toEqual([
      ['Case review', 0, 3000],
      ['Access', 3000, 12000],
      ['Cement', 12000, 36000],
    ]);
    expect(cementBands(TRACE).map((b) => [b.key, b.startTick, b.endTick])).toEqual([
      ['liquid', 18000, 24000],
      ['working', 24000, 33000],
      ['setting', 33000, 36000],
    ]);
  });

  it('puts shots on their view row, stored images and complications on theirs, with words and times', () => {
    expect(timelineMarks(TRACE).map((m) => [m.row, m.tone, m.label])).toEqual([
      ['AP', 'info', 'AP shot at 1:00'],
      ['lateral', 'info', 'Lateral shot at 1:10'],
      ['stored', 'info', 'Lateral image stored at 1:10'],
      ['events', 'warn', 'Patient flinched in pain (7/10), moved 4.5 mm at 1:30'],
      ['events', 'warn', 'medial wall breach, 2.5 mm at 1:40'],
      ['events', 'danger', 'venous cement leak seen, 0.12 mL at 8:20'],
    ]);
  });

  it('labels the axis in round steps, at most 12 of them', () => {
    expect(axisTicksS(36000)).toEqual([0, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600]);
    expect(axisTicksS(60 * 60 * 40).length).toBeLessThanOrEqual(12);
  });
});

describe('timeline markup', () => {
  const html = (evidence: { label: string; ticks: number[] } | null) =>
    renderToStaticMarkup(
      createElement(ProcedureTimeline, {
        trace: TRACE,
        log: [{ tick: 6000, command: { type: 'needle.advance', mm: 2 } }],
        evidence,
      }),
    );

  it('draws every band and mark as a focusable, labelled item', () => {
    const out = html(null);
    expect(out.match(/data-testid="timeline-phase"/g)).toHaveLength(3);
    expect(out.match(/data-testid="timeline-cement"/g)).toHaveLength(3);
    expect(out.match(/data-testid="timeline-mark-AP"/g)).toHaveLength(1);
    expect(out.match(/data-testid="timeline-mark-events"/g)).toHaveLength(3);
    expect(out).toContain('aria-label="Patient flinched in pain (7/10), moved 4.5 mm at 1:30"');
    expect(out).toContain('aria-label="Phase Access, 0:50 to 3:20"');
    expect(out).toContain('aria-label="venous cement leak seen, 0.12 mL at 8:20"');
    const focusable = out.match(/tabindex="0"/g) ?? [];
    expect(focusable).toHaveLength(3 + 3 + 6);
    expect(out).not.toContain('evidence-list');
  });

  it("shows a score item's evidence: lines at its ticks, the mark there highlighted, and what happened then", () => {
    const out = html({ label: 'medial wall breach', ticks: [6000] });
    expect(out.match(/data-testid="timeline-evidence"/g)).toHaveLength(1);
    expect(out).toMatch(/class="tl-mark tone-warn hit"/);
    expect(out).toContain('Evidence: medial wall breach');
    expect(out).toMatch(/<time>1:40<\/time> Advance 2 mm; medial wall breach, 2.5 mm/);
  });
});

describe('cement volume plot', () => {
  it('draws the phase bands from mixing on, three volume lines and a leak marker', () => {
    const out = renderToStaticMarkup(createElement(CementVolumePlot, { trace: TRACE }));
    expect(out.match(/class="cp-band band-/g)).toHaveLength(3);
    expect(out.match(/<polyline/g)).toHaveLength(3);
    expect(out.match(/data-testid="cement-leak-marker"/g)).toHaveLength(1);
    expect(out).toContain('data-points="3"');
    expect(out).toContain('4.00 mL injected, 3.70 mL in the body, 0.30 mL leaked; 1 leak seen');
  });

  it('says so when no cement was mixed', () => {
    const out = renderToStaticMarkup(
      createElement(CementVolumePlot, {
        trace: { ...TRACE, events: TRACE.events.filter((e) => e.kind !== 'cementPhase') },
      }),
    );
    expect(out).toContain('No cement was mixed.');
  });
});
