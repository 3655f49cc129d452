import { useId } from 'react';
import type { AttemptTrace } from '../../sim/attempt';
import type { LogEntry } from '../../sim/core';
import { TICKS_PER_S } from '../../sim/core';
import { keyedByContent } from '../ui/contentKeys';
import { formatClock, tickClock } from '../ui/format';
import { describeCommand } from '../ui/describeCommand';
import {
  axisTicksS,
  cementBands,
  eventLabel,
  phaseBands,
  timelineMarks,
  type Band,
  type MarkRow,
} from './timelineModel';
import { AXIS_W, axisX } from './timeAxis';

/** A score item's evidence, picked in the report: its label and the ticks behind it. */
export interface EvidenceSelection {
  readonly label: string;
  readonly ticks: readonly number[];
}

interface Props {
  readonly trace: AttemptTrace;
  readonly log: readonly LogEntry[];
  readonly evidence: EvidenceSelection | null;
  /** The region's name where two timelines share a page (the comparison): landmarks need names of their own. */
  readonly label?: string;
}

const W = AXIS_W;
const ROWS: readonly { id: 'phase' | 'cement' | MarkRow; label: string; h: number }[] = [
  { id: 'phase', label: 'Phase', h: 26 },
  { id: 'cement', label: 'Cement', h: 16 },
  { id: 'AP', label: 'AP shots', h: 16 },
  { id: 'lateral', label: 'Lateral shots', h: 16 },
  { id: 'stored', label: 'Stored', h: 16 },
  { id: 'events', label: 'Breach / leak', h: 18 },
];
const GAP = 6;
const rowY = (id: string): number => {
  let y = 4;
  for (const r of ROWS) {
    if (r.id === id) return y;
    y += r.h + GAP;
  }
  return y;
};
const rowH = (id: string): number => {
  const row = ROWS.find((r) => r.id === id);
  if (!row) throw new Error(`timeline: no row "${id}"`);
  return row.h;
};
const AXIS_Y = rowY('') + 4;
const H = AXIS_Y + 16;

function BandRow({
  bands,
  row,
  x,
  kind,
}: {
  bands: readonly Band[];
  row: 'phase' | 'cement';
  x: (tick: number) => number;
  kind: string;
}) {
  const y = rowY(row);
  const h = rowH(row);
  return (
    <g className={`tl-bands tl-${row}`}>
      {bands.map((b, i) => {
        const w = Math.max(1, x(b.endTick) - x(b.startTick));
        const label = `${kind} ${b.label}, ${tickClock(b.startTick)} to ${tickClock(b.endTick)}`;
        return (
          // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG <g> is not an interactive element; Biome takes every element it has no implicit role for as interactive (biomejs/biome#7716)
          <g
            key={`${b.key}:${b.startTick}`}
            className={`tl-band band-${b.key} ${i % 2 ? 'odd' : 'even'}`}
            tabIndex={0}
            role="img"
            aria-label={label}
            data-testid={`timeline-${row}`}
          >
            <title>{label}</title>
            <rect x={x(b.startTick)} y={y} width={w} height={h} rx={2} />
            {w > b.label.length * 6.2 + 6 && (
              <text x={x(b.startTick) + 4} y={y + h / 2 + 4}>
                {b.label}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

/**
 * The attempt on one time axis (SVG): procedure phases and the cement phase clock as bands, each
 * shot per view and each stored image as a tick, breaches, leaks and ruptures as markers. Every band
 * and mark is focusable and labelled. A score item's evidence, picked in the report, is drawn as
 * lines at its ticks and listed below with what was done and what happened then.
 */
export function ProcedureTimeline({ trace, log, evidence, label }: Props) {
  // Unique per timeline: the comparison shows two on one page.
  const titleId = useId();
  const endTick = Math.max(1, trace.endTick);
  const x = axisX(endTick);
  const hits = new Set(evidence?.ticks ?? []);
  const marks = timelineMarks(trace);
  return (
    <section
      className="timeline"
      data-testid="debrief-timeline"
      aria-labelledby={label ? undefined : titleId}
      aria-label={label}
    >
      <h2 id={titleId}>Timeline</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; role=group names the set of focusable marks it holds */}
      <svg viewBox={`0 0 ${W} ${H}`} className="timeline-svg" role="group" aria-label="Procedure timeline">
        {ROWS.map((r) => (
          <text key={r.id} className="tl-row-label" x={0} y={rowY(r.id) + r.h / 2 + 4}>
            {r.label}
          </text>
        ))}
        {axisTicksS(endTick).map((s) => (
          <g key={s} className="tl-axis">
            <line x1={x(s * TICKS_PER_S)} x2={x(s * TICKS_PER_S)} y1={4} y2={AXIS_Y} />
            <text x={x(s * TICKS_PER_S)} y={AXIS_Y + 12} textAnchor="middle">
              {formatClock(s)}
            </text>
          </g>
        ))}
        <BandRow bands={phaseBands(trace)} row="phase" x={x} kind="Phase" />
        <BandRow bands={cementBands(trace)} row="cement" x={x} kind="Cement" />
        {keyedByContent(marks, (m) => `${m.row}:${m.tick}:${m.label}`).map(({ key, item: m }) => {
          const y = rowY(m.row);
          const h = rowH(m.row);
          return (
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG <g> is not an interactive element; Biome takes every element it has no implicit role for as interactive (biomejs/biome#7716)
            <g
              key={key}
              className={`tl-mark tone-${m.tone}${hits.has(m.tick) ? ' hit' : ''}`}
              tabIndex={0}
              role="img"
              aria-label={m.label}
              data-testid={`timeline-mark-${m.row}`}
              data-tick={m.tick}
            >
              <title>{m.label}</title>
              {m.row === 'events' ? (
                <path d={`M ${x(m.tick)} ${y + 2} l 6 ${h - 4} l -12 0 z`} />
              ) : (
                <rect x={x(m.tick) - 1.5} y={y} width={3} height={h} />
              )}
            </g>
          );
        })}
        {[...hits].map((t) => (
          <line
            key={`ev${t}`}
            className="tl-evidence"
            x1={x(t)}
            x2={x(t)}
            y1={0}
            y2={AXIS_Y}
            data-testid="timeline-evidence"
          />
        ))}
      </svg>
      <div className="timeline-legend muted">
        Bands: phases and the cement clock. Ticks: shots and stored images. Triangles: breaches (amber), leaks and
        ruptures (red). Tab through the marks; pick a score item's times to see its evidence here.
      </div>
      {evidence && <EvidenceList evidence={evidence} trace={trace} log={log} />}
    </section>
  );
}

/** What was done (commands) and what happened (events) at each tick of a score item's evidence. */
function EvidenceList({
  evidence,
  trace,
  log,
}: {
  evidence: EvidenceSelection;
  trace: AttemptTrace;
  log: readonly LogEntry[];
}) {
  const ticks = [...new Set(evidence.ticks)].sort((a, b) => a - b);
  return (
    <div className="evidence-list" data-testid="evidence-list" aria-live="polite">
      <h3>Evidence: {evidence.label}</h3>
      {ticks.length === 0 ? (
        <p className="muted">No event stands behind this item (it is judged on the final state).</p>
      ) : (
        <ol>
          {ticks.map((t) => {
            const words = [
              ...log.filter((e) => e.tick === t).map((e) => describeCommand(e.command)),
              ...trace.events.filter((e) => e.tick === t).flatMap((e) => eventLabel(e) ?? []),
            ];
            return (
              <li key={t}>
                <time>{tickClock(t)}</time> {words.length ? words.join('; ') : 'see the timeline'}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
