import { type AttemptRecord, isScored } from '../record/attemptRecord';

const W = 560;
const H = 160;
const PAD = 24;
const COLOURS = ['#4fc3f7', '#ffb74d', '#81c784', '#e57373', '#ba68c8', '#fff176'];

/**
 * Progress over time: the total of each finished attempt, oldest to newest, one line per
 * scenario (totals are only comparable within a scenario), 0-100 on the y axis.
 */
export function ProgressChart({ records }: { records: readonly AttemptRecord[] }) {
  const finished = records.filter(isScored).sort((a, b) => a.startedAt - b.startedAt);
  if (finished.length === 0)
    return <p className="muted">No finished attempts yet: progress shows here once there are some.</p>;
  // Each scenario once, in order of its first attempt, titled as that attempt was.
  const scenarios: { id: string; title: string }[] = [];
  for (const r of finished)
    if (!scenarios.some((s) => s.id === r.scenarioId)) scenarios.push({ id: r.scenarioId, title: r.scenarioTitle });
  const x = (i: number) =>
    PAD + (finished.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (finished.length - 1));
  const y = (total: number) => H - PAD - (Math.max(0, Math.min(100, total)) / 100) * (H - 2 * PAD);
  return (
    <figure className="progress-chart" data-testid="progress-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label="Total score per attempt, oldest to newest"
      >
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={PAD} x2={W - PAD} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD - 4} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {scenarios.map(({ id }, k) => {
          const points = finished.map((r, i) => ({ r, i })).filter(({ r }) => r.scenarioId === id);
          const colour = COLOURS[k % COLOURS.length];
          return (
            <g key={id} data-testid="progress-line" data-scenario-id={id}>
              <polyline
                fill="none"
                stroke={colour}
                strokeWidth={2}
                points={points.map(({ r, i }) => `${x(i)},${y(r.summary.total)}`).join(' ')}
              />
              {points.map(({ r, i }) => (
                <circle
                  key={r.id}
                  cx={x(i)}
                  cy={y(r.summary.total)}
                  r={4}
                  fill={r.summary.passed ? colour : 'none'}
                  stroke={colour}
                >
                  <title>{`${r.scenarioTitle}: ${r.summary.total} (${r.summary.passed ? 'pass' : 'fail'})`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {scenarios.map(({ id, title }, k) => (
          <span key={id} className="legend">
            <i style={{ background: COLOURS[k % COLOURS.length] }} />
            {title}
          </span>
        ))}
        <span className="muted"> · filled dot: pass</span>
      </figcaption>
    </figure>
  );
}
