import { useEffect, useMemo, useState } from 'react';
import type { CohortResults } from '../labClient/instructorApiTypes';
import { createReplayClient } from '../replay/replayClient';
import { loadScenarios } from '../scenarios/loadScenarios';
import {
  progressChange,
  type ScenarioSpread,
  scenarioSpreads,
  type TraineeProgress,
  traineeProgress,
} from './progressModel';

interface Props {
  readonly results: CohortResults;
}

/** The expert plan's total on a scenario, or why there is none. */
type Expert = { readonly total: number; readonly seed: number } | { readonly none: string } | 'running';

/** Seed for the expert run when no assignment fixed one (every scenario's patient 1). */
const DEFAULT_EXPERT_SEED = 1;

/**
 * The expert benchmark per scenario: the scenario's expert plan run in the replay worker on the
 * patient an assignment fixed (else seed 1), scored by the same rubric as the trainees.
 */
function useExpertTotals(spreads: readonly ScenarioSpread[]): ReadonlyMap<string, Expert> {
  const [totals, setTotals] = useState<ReadonlyMap<string, Expert>>(new Map());
  useEffect(() => {
    let live = true;
    const client = createReplayClient();
    const scenarios = new Map(loadScenarios().flatMap((e) => (e.ok ? [[e.scenario.id, e.scenario] as const] : [])));
    setTotals(new Map(spreads.map((s) => [s.scenarioId, 'running' as const])));
    (async () => {
      for (const s of spreads) {
        const scenario = scenarios.get(s.scenarioId);
        const seed = s.seed ?? DEFAULT_EXPERT_SEED;
        let value: Expert;
        if (!scenario) value = { none: 'not a scenario of this app' };
        else {
          try {
            const e = await client.expert({ scenario, seed, log: [], endTick: 0, mode: 'practice' });
            value = 'report' in e ? { total: e.report.total, seed } : { none: e.error };
          } catch (err) {
            value = { none: err instanceof Error ? err.message : String(err) };
          }
        }
        if (!live) return;
        setTotals((m) => new Map(m).set(s.scenarioId, value));
      }
    })();
    return () => {
      live = false;
      client.dispose();
    };
  }, [spreads]);
  return totals;
}

const W = 320;
const PAD = 8;
const x = (score: number) => PAD + (Math.max(0, Math.min(100, score)) / 100) * (W - 2 * PAD);

/** A box plot of the cohort's best scores on 0-100 with each trainee as a dot and the expert as a line. */
function SpreadPlot({ spread, expert }: { spread: ScenarioSpread; expert: Expert | undefined }) {
  const s = spread.spread;
  const expertTotal = expert && expert !== 'running' && 'total' in expert ? expert.total : null;
  return (
    <svg width={W} height={40} viewBox={`0 0 ${W} 40`} aria-hidden="true" className="spread-plot">
      <line x1={x(0)} x2={x(100)} y1={30} y2={30} className="axis" />
      {[0, 50, 100].map((t) => (
        <text key={t} x={x(t)} y={39} textAnchor="middle">
          {t}
        </text>
      ))}
      {s && (
        <>
          <line x1={x(s.min)} x2={x(s.max)} y1={15} y2={15} className="whisker" />
          <rect x={x(s.q1)} y={8} width={Math.max(1, x(s.q3) - x(s.q1))} height={14} className="box" />
          <line x1={x(s.median)} x2={x(s.median)} y1={8} y2={22} className="median" />
        </>
      )}
      {spread.bests.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the dots are the same scores in the same order each render
        <circle key={i} cx={x(b)} cy={15} r={2.5} className="dot" />
      ))}
      {expertTotal !== null && <line x1={x(expertTotal)} x2={x(expertTotal)} y1={2} y2={28} className="expert-line" />}
    </svg>
  );
}

const round = (v: number) => String(Math.round(v));

const SPARK_W = 180;
const SPARK_H = 40;

/** A trainee's scores (latest of each point) as a line on 0-100, oldest left; the list beside it says the same in words. */
function Sparkline({ points }: { points: TraineeProgress['points'] }) {
  const scores = points.map((p) => p.latest ?? p.best).filter((s): s is number => s !== null);
  if (scores.length === 0) return null;
  const step = scores.length === 1 ? 0 : (SPARK_W - 2 * PAD) / (scores.length - 1);
  const xy = scores.map((s, i) => [PAD + i * step, 4 + (1 - Math.max(0, Math.min(100, s)) / 100) * (SPARK_H - 8)]);
  return (
    <svg
      width={SPARK_W}
      height={SPARK_H}
      viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
      aria-hidden="true"
      className="sparkline"
    >
      <line x1={PAD} x2={SPARK_W - PAD} y1={4} y2={4} className="grid" />
      <line x1={PAD} x2={SPARK_W - PAD} y1={SPARK_H - 4} y2={SPARK_H - 4} className="grid" />
      <polyline points={xy.map(([x, y]) => `${x},${y}`).join(' ')} className="line" />
      {xy.map(([x, y], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one dot per score, in the scores' order
        <circle key={i} cx={x} cy={y} r={2.5} className="dot" />
      ))}
    </svg>
  );
}

/** Each trainee's scores over the assignments, and the cohort's spread per scenario beside the expert benchmark. */
export function ProgressPanel({ results }: Props) {
  const progress = useMemo(() => traineeProgress(results), [results]);
  const spreads = useMemo(() => scenarioSpreads(results), [results]);
  const experts = useExpertTotals(spreads);

  return (
    <>
      <section className="instructor-subsection" aria-labelledby="spread-title" data-testid="cohort-spread">
        <h3 id="spread-title">The cohort beside the expert, per scenario</h3>
        <p className="muted">
          Each trainee's best released score; the box spans the middle half, the line inside it is the median, the
          upright line is the expert plan on the same rubric.
        </p>
        <table className="instructor-table">
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              <th scope="col">Trainees scored</th>
              <th scope="col">Lowest</th>
              <th scope="col">Median</th>
              <th scope="col">Highest</th>
              <th scope="col">Mean</th>
              <th scope="col">Expert</th>
              <th scope="col">Spread</th>
            </tr>
          </thead>
          <tbody>
            {spreads.map((sp) => {
              const e = experts.get(sp.scenarioId);
              return (
                <tr key={sp.scenarioId} data-testid="spread-row" data-scenario={sp.scenarioId}>
                  <th scope="row">{sp.title}</th>
                  <td className="num">{sp.spread?.n ?? 0}</td>
                  <td className="num">{sp.spread ? round(sp.spread.min) : '—'}</td>
                  <td className="num">{sp.spread ? round(sp.spread.median) : '—'}</td>
                  <td className="num">{sp.spread ? round(sp.spread.max) : '—'}</td>
                  <td className="num">{sp.spread ? round(sp.spread.mean) : '—'}</td>
                  <td className="num" data-testid="spread-expert">
                    {e === undefined || e === 'running'
                      ? 'running…'
                      : 'total' in e
                        ? `${round(e.total)} (seed ${e.seed})`
                        : `— (${e.none})`}
                  </td>
                  <td>
                    <SpreadPlot spread={sp} expert={e} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="instructor-subsection" aria-labelledby="progress-title" data-testid="trainee-progress">
        <h3 id="progress-title">Progress per trainee</h3>
        <table className="instructor-table">
          <thead>
            <tr>
              <th scope="col">Trainee</th>
              <th scope="col">Scores over the assignments, oldest first (latest, best)</th>
              <th scope="col">Over time</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {progress.map((p) => {
              const change = progressChange(p);
              return (
                <tr key={p.traineeId} data-testid="progress-row">
                  <th scope="row">{p.displayName}</th>
                  <td>
                    {p.points.length === 0 ? (
                      <span className="muted">no released score yet</span>
                    ) : (
                      <ol className="progress-points">
                        {p.points.map((pt) => (
                          <li key={`${pt.assignmentId}:${pt.scenarioId}`}>
                            {pt.assignmentTitle} ({pt.scenarioId}): {pt.latest === null ? '—' : round(pt.latest)}
                            {pt.best !== null && pt.best !== pt.latest ? `, best ${round(pt.best)}` : ''}
                            {pt.passed === null ? '' : pt.passed ? ' pass' : ' fail'}
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                  <td>
                    <Sparkline points={p.points} />
                  </td>
                  <td className="num">
                    {change === null ? '—' : `${change >= 0 ? '+' : '−'}${round(Math.abs(change))}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
