import { useId } from 'react';
import type { AttemptTrace, PatientMark } from '../../sim/attempt';
import { TICKS_PER_S } from '../../sim/core';
import { keyedByContent } from '../ui/contentKeys';
import { fixed, formatClock, tickClock } from '../ui/format';
import { alarmName } from '../ui/alarmNames';
import { AXIS_W, axisX } from './timeAxis';
import { axisTicksS } from './timelineModel';
import {
  ANSWER_LEGEND,
  ANSWER_MARKS,
  LANES,
  type LaneId,
  laneGrid,
  laneLimits,
  laneOf,
  laneRange,
  markWords,
  spanWords,
  VITAL_LINES,
  vitalSummary,
} from './vitalPlotModel';

const W = AXIS_W;
/** The patient row: answers on its upper half, complications and alarms on its lower, so they never cover each other. */
const MARKS = { y: 4, h: 36 };
const ANSWER_MID = MARKS.y + 9;
const EVENT_MID = MARKS.y + 27;
const LANE_H: Readonly<Record<LaneId, number>> = { hrbp: 118, spo2: 62, rr: 52 };
const GAP = 12;
const laneTop = (id: LaneId): number => {
  let y = MARKS.y + MARKS.h + GAP;
  for (const l of LANES) {
    if (l.id === id) return y;
    y += LANE_H[l.id] + GAP;
  }
  return y;
};
const AXIS_Y = laneTop('rr') + LANE_H.rr + 4;
const H = AXIS_Y + 16;

/** A marker's shape by kind, so the kind is told by shape and glyph as well as by colour. */
function Marker({ m, x }: { m: PatientMark; x: number }) {
  if (m.kind === 'complication') return <path d={`M ${x} ${EVENT_MID - 8} l 8 16 l -16 0 z`} />;
  if (m.kind !== 'answer')
    return (
      <path
        className={m.kind === 'alarmCleared' ? 'cleared' : undefined}
        d={`M ${x} ${EVENT_MID - 7} l 7 7 l -7 7 l -7 -7 z`}
      />
    );
  const glyph = ANSWER_MARKS[m.command.type].glyph;
  return (
    <>
      <rect x={x - 4 - glyph.length * 3.2} y={ANSWER_MID - 8} width={8 + glyph.length * 6.4} height={16} rx={8} />
      <text x={x} y={ANSWER_MID + 3.5} textAnchor="middle">
        {glyph}
      </text>
    </>
  );
}

/**
 * The patient's vital signs on the timeline's time axis (timeAxis.ts), drawn under it: heart rate
 * with systolic and diastolic pressure in one lane, SpO2 and breathing rate in theirs, each lane
 * with its alarm limits dashed and each alarm as a hatched band over its lane for as long as it
 * sounded; above them the complications (triangles), alarms (diamonds, hollow when cleared) and the
 * answers given (rounded tags with a letter). Lines carry their name on the plot and their own dash,
 * so colour is never the only signal; every band and marker is focusable and labelled; a visually
 * hidden table gives every sample's numbers and a second one the events, for screen readers.
 */
export function VitalSignsPlot({ trace }: { trace: AttemptTrace }) {
  const id = useId();
  const v = trace.vitals;
  if (v.samples.length === 0)
    return (
      <figure className="plot vitals-plot" data-testid="vitals-plot" data-points={0}>
        <figcaption>Vital signs against time</figcaption>
        <p className="muted">No vital signs were recorded.</p>
      </figure>
    );
  const endTick = Math.max(1, trace.endTick);
  const x = axisX(endTick);
  const lanes = LANES.map((lane) => {
    const range = laneRange(lane, v.samples);
    const top = laneTop(lane.id);
    const h = LANE_H[lane.id];
    const y = (value: number) => top + h - ((value - range.lo) / (range.hi - range.lo)) * h;
    return { lane, range, top, h, y };
  });
  // Every signal has a lane (laneOf throws otherwise), so the fallback is never taken.
  const laneBox = (laneId: LaneId) => lanes.find((l) => l.lane.id === laneId) ?? lanes[0];
  const summary = vitalSummary(v, endTick);
  const last = v.samples[v.samples.length - 1];
  const hatch = `${id}-hatch`;

  return (
    <figure className="plot vitals-plot" data-testid="vitals-plot" data-points={v.samples.length}>
      <figcaption>Vital signs against time, on the timeline&apos;s time axis</figcaption>
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; role=group names the set of focusable marks it holds */}
      <svg viewBox={`0 0 ${W} ${H}`} className="vitals-svg" role="group" aria-label={summary}>
        <defs>
          <pattern id={hatch} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1={0} y1={0} x2={0} y2={6} />
          </pattern>
        </defs>
        <text className="tl-row-label" x={0} y={ANSWER_MID + 4}>
          Answers
        </text>
        <text className="tl-row-label" x={0} y={EVENT_MID + 4}>
          Events
        </text>
        {axisTicksS(endTick).map((s) => (
          <g key={s} className="tl-axis">
            <line x1={x(s * TICKS_PER_S)} x2={x(s * TICKS_PER_S)} y1={MARKS.y} y2={AXIS_Y} />
            <text x={x(s * TICKS_PER_S)} y={AXIS_Y + 12} textAnchor="middle">
              {formatClock(s)}
            </text>
          </g>
        ))}
        {lanes.map(({ lane, range, top, h, y }) => (
          <g key={lane.id} className={`vs-lane vs-${lane.id}`}>
            <text className="tl-row-label" x={0} y={top + 12}>
              {lane.label}
            </text>
            <rect className="vs-lane-box" x={x(0)} y={top} width={x(endTick) - x(0)} height={h} />
            <g className="plot-axis">
              {laneGrid(lane, range).map((g) => (
                <text key={g} x={x(0) - 4} y={y(g) + 3.5} textAnchor="end">
                  {g}
                </text>
              ))}
            </g>
            {laneLimits(lane)
              .filter((l) => l.value > range.lo && l.value < range.hi)
              .map((l) => (
                <line key={l.name} className="vs-limit" x1={x(0)} x2={x(endTick)} y1={y(l.value)} y2={y(l.value)}>
                  <title>{`Alarm limit, ${l.name}: ${l.value}`}</title>
                </line>
              ))}
          </g>
        ))}
        {keyedByContent(v.alarms, (a) => `${a.alarm}:${a.startTick}`).map(({ key, item: a }) => {
          const box = laneBox(laneOf(a.signal).id);
          const w = Math.max(2, x(a.endTick) - x(a.startTick));
          const label = spanWords(a);
          return (
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG <g> is not an interactive element; Biome takes every element it has no implicit role for as interactive (biomejs/biome#7716)
            <g
              key={key}
              className="vs-alarm"
              tabIndex={0}
              role="img"
              aria-label={label}
              data-testid="vitals-alarm"
              data-alarm={a.alarm}
            >
              <title>{label}</title>
              <rect x={x(a.startTick)} y={box.top} width={w} height={box.h} fill={`url(#${hatch})`} />
              {w > 70 && (
                <text x={x(a.startTick) + 3} y={box.top + box.h - 4}>
                  {alarmName(a.alarm).toUpperCase()}
                </text>
              )}
            </g>
          );
        })}
        {lanes.flatMap(({ lane, y }) =>
          lane.lines.map((line, i) => {
            // Names staggered along the line, so lines that run close (heart rate and diastolic) keep both legible.
            const at = Math.min(i * 34 + 3, (x(endTick) - x(0)) / 2);
            const near = v.samples.find((p) => x(p.tick) >= x(0) + at) ?? v.samples[0];
            return (
              <g key={line.key} className={`vs-line ${line.key}`}>
                <polyline
                  points={v.samples.map((p) => `${x(p.tick).toFixed(1)},${y(p[line.key]).toFixed(1)}`).join(' ')}
                />
                <text x={x(0) + at} y={y(near[line.key]) - 3}>
                  {line.short}
                </text>
              </g>
            );
          }),
        )}
        {keyedByContent(v.marks, (m) => `${m.kind}:${m.tick}:${markWords(m)}`).map(({ key, item: m }) => {
          const label = `${markWords(m)} at ${tickClock(m.tick)}`;
          return (
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG <g> is not an interactive element; Biome takes every element it has no implicit role for as interactive (biomejs/biome#7716)
            <g
              key={key}
              className={`vs-mark vs-${m.kind}`}
              tabIndex={0}
              role="img"
              aria-label={label}
              data-testid={`vitals-mark-${m.kind}`}
              data-tick={m.tick}
            >
              <title>{label}</title>
              <line className="vs-mark-rule" x1={x(m.tick)} x2={x(m.tick)} y1={MARKS.y + MARKS.h} y2={AXIS_Y} />
              <Marker m={m} x={x(m.tick)} />
            </g>
          );
        })}
      </svg>
      <ul className="plot-legend">
        {VITAL_LINES.map((l) => (
          <li key={l.key} className={l.key}>
            {l.short} {fixed(last[l.key], l.digits)} {l.unit}
          </li>
        ))}
        <li className="alarm">Alarm (hatched; limits dashed)</li>
        <li className="no-swatch">▲ complication · ◆ alarm (◇ cleared) · {ANSWER_LEGEND}</li>
      </ul>
      {v.marksDropped > 0 && (
        <p className="muted">{v.marksDropped} later patient events are not drawn (the plot keeps the first ones).</p>
      )}
      <table className="visually-hidden" data-testid="vitals-table">
        <caption>
          Vital signs, one row per sample ({v.samples.length} samples, every {v.everyS} s)
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {VITAL_LINES.map((l) => (
              <th key={l.key} scope="col">
                {l.label} ({l.unit})
              </th>
            ))}
            <th scope="col">Alarms</th>
          </tr>
        </thead>
        <tbody>
          {v.samples.map((s) => (
            <tr key={s.tick}>
              <th scope="row">{tickClock(s.tick)}</th>
              {VITAL_LINES.map((l) => (
                <td key={l.key}>{fixed(s[l.key], l.digits)}</td>
              ))}
              <td>{s.alarms.map(alarmName).join(', ') || 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="visually-hidden" data-testid="vitals-events-table">
        <caption>Patient events and answers given ({v.marks.length})</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
          </tr>
        </thead>
        <tbody>
          {keyedByContent(v.marks, (m) => `${m.kind}:${m.tick}:${markWords(m)}`).map(({ key, item: m }) => (
            <tr key={key}>
              <th scope="row">{tickClock(m.tick)}</th>
              <td>{markWords(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
