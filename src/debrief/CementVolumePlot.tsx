import type { AttemptTrace, TraceSample } from '../../sim/attempt';
import { TICKS_PER_S } from '../../sim/core';
import { formatClock, tickClock } from '../ui/format';
import { PlotTable } from '../ui/PlotTable';
import { cementBands } from './timelineModel';

const W = 640;
const H = 220;
const PAD = { l: 40, r: 12, t: 10, b: 34 };

type Series = { key: keyof Pick<TraceSample, 'cementInjectedMl' | 'cementInBodyMl' | 'cementLeakedMl'>; label: string };
const SERIES: readonly Series[] = [
  { key: 'cementInjectedMl', label: 'Injected' },
  { key: 'cementInBodyMl', label: 'In the body' },
  { key: 'cementLeakedMl', label: 'Leaked' },
];

/**
 * Cement volume against sim time, from mixing to the end of the attempt: injected, in the body and
 * leaked (mL), over the cement phase clock drawn as coloured bands (liquid, sticky, working,
 * setting), with a red marker where each leak became visible.
 */
export function CementVolumePlot({ trace }: { trace: AttemptTrace }) {
  const bands = cementBands(trace);
  if (bands.length === 0) {
    return (
      <figure className="plot cement-plot" data-testid="cement-volume-plot" data-points={0}>
        <figcaption>Cement volume against time</figcaption>
        <p className="muted">No cement was mixed.</p>
      </figure>
    );
  }
  const t0 = bands[0].startTick;
  const t1 = Math.max(t0 + 1, trace.endTick);
  const samples = trace.samples.filter((s) => s.tick >= t0);
  const vMax = Math.max(1, Math.ceil(Math.max(...samples.map((s) => s.cementInjectedMl))));
  const x = (tick: number) => PAD.l + ((tick - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  const y = (ml: number) => H - PAD.b - (ml / vMax) * (H - PAD.t - PAD.b);
  const leaks = trace.events.flatMap((e) => (e.kind === 'leak' ? [e] : []));
  const stepS = (t1 - t0) / TICKS_PER_S > 600 ? 120 : 60;
  const gridMl = Array.from({ length: vMax + 1 }, (_, ml) => ml);
  const timeTicks: number[] = [];
  for (let s = 0; s * TICKS_PER_S <= t1 - t0; s += stepS) timeTicks.push(s);
  const last = samples[samples.length - 1];
  const summary = `Cement volume from mixing at ${tickClock(t0)} to ${tickClock(t1)}: ${last.cementInjectedMl.toFixed(2)} mL injected, ${last.cementInBodyMl.toFixed(2)} mL in the body, ${last.cementLeakedMl.toFixed(2)} mL leaked; ${leaks.length} leak${leaks.length === 1 ? '' : 's'} seen.`;

  return (
    <figure className="plot cement-plot" data-testid="cement-volume-plot" data-points={samples.length}>
      <figcaption>Cement volume against time (since mixing), over the phase clock</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        {bands.map((b) => (
          <g key={`${b.key}:${b.startTick}`} className={`cp-band band-${b.key}`}>
            <title>{`${b.label} ${tickClock(b.startTick)}-${tickClock(b.endTick)}`}</title>
            <rect
              x={x(b.startTick)}
              y={PAD.t}
              width={Math.max(0.5, x(b.endTick) - x(b.startTick))}
              height={H - PAD.t - PAD.b}
            />
            {x(b.endTick) - x(b.startTick) > 50 && (
              <text x={x(b.startTick) + 4} y={PAD.t + 12}>
                {b.label}
              </text>
            )}
          </g>
        ))}
        <g className="plot-axis">
          {gridMl.map((v) => (
            <g key={v}>
              <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} />
              <text x={PAD.l - 6} y={y(v) + 4} textAnchor="end">
                {v}
              </text>
            </g>
          ))}
          {timeTicks.map((s) => (
            <text key={s} x={x(t0 + s * TICKS_PER_S)} y={H - PAD.b + 14} textAnchor="middle">
              {formatClock(s)}
            </text>
          ))}
          <text x={PAD.l - 34} y={PAD.t + 4}>
            mL
          </text>
          <text x={W - PAD.r} y={H - 4} textAnchor="end">
            min:s since mixing
          </text>
        </g>
        {SERIES.map((s) => (
          <polyline
            key={s.key}
            className={`cp-line ${s.key}`}
            points={samples.map((p) => `${x(p.tick).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join(' ')}
          />
        ))}
        {leaks.map((l) => (
          <g key={`${l.location}:${l.tick}`} className="cp-leak" data-testid="cement-leak-marker">
            <title>{`${l.location} leak seen at ${tickClock(l.tick)}`}</title>
            <line x1={x(l.tick)} x2={x(l.tick)} y1={PAD.t} y2={H - PAD.b} />
            <path d={`M ${x(l.tick)} ${PAD.t + 2} l 5 9 l -10 0 z`} />
          </g>
        ))}
      </svg>
      <ul className="plot-legend">
        {SERIES.map((s) => (
          <li key={s.key} className={s.key}>
            {s.label} {last[s.key].toFixed(2)} mL
          </li>
        ))}
        {leaks.length > 0 && <li className="leak">Leak seen</li>}
      </ul>
      <PlotTable
        caption="Cement volume against sim time since mixing, at each change"
        columns={['Sim time', ...SERIES.map((s) => `${s.label} (mL)`)]}
        rows={tableRows(samples)}
        testId="cement-volume-table"
      />
    </figure>
  );
}

/**
 * The plotted samples as the table's rows, a row only where a volume changed (and the last): the
 * trace samples every half second to the end of the attempt, and an hour of recovery would
 * otherwise read as thousands of identical rows.
 */
function tableRows(samples: readonly TraceSample[]): string[][] {
  const rows: string[][] = [];
  let previous = '';
  samples.forEach((p, i) => {
    const cells = SERIES.map((s) => p[s.key].toFixed(2));
    const key = cells.join('|');
    if (key !== previous || i === samples.length - 1) rows.push([tickClock(p.tick), ...cells]);
    previous = key;
  });
  return rows;
}
