import { useEffect, useMemo, useState } from 'react';
import type { AttemptTrace } from '../../sim/attempt';
import { type ScoreReport, scoreAttempt } from '../../sim/scoring';
import type { FinishedAttempt } from '../attempt/attemptTypes';
import { useKeyScope } from '../keyboard/useKeyScope';
import { createReplayClient } from '../replay/replayClient';
import { formatClock } from '../ui/format';
import { comparisonRows } from './comparisonRows';
import { ProcedureTimeline } from './ProcedureTimeline';
import type { Loading } from './useDebriefReplay';
import './debrief.css';

/** One side of the comparison: the attempt and how to name it (trainee, which attempt). */
export interface ComparedAttempt {
  readonly attempt: FinishedAttempt;
  readonly label: string;
}

interface Props {
  readonly first: ComparedAttempt;
  readonly second: ComparedAttempt;
  readonly onBack: () => void;
}

type Scored = { readonly report: ScoreReport } | { readonly error: string };

function scored(a: FinishedAttempt): Scored {
  try {
    return { report: scoreAttempt(a.session.scenario, a.session.log, a.finalSnapshot) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** The attempt's trace for its timeline, replayed in the worker. */
function useTrace(a: FinishedAttempt): Loading<AttemptTrace> {
  const [trace, setTrace] = useState<Loading<AttemptTrace>>({ status: 'building' });
  useEffect(() => {
    let live = true;
    const c = createReplayClient();
    setTrace({ status: 'building' });
    const s = a.session;
    c.trace({ scenario: s.scenario, seed: s.seed, log: s.log, endTick: a.finalSnapshot.tick, mode: s.mode }).then(
      (value) => live && setTrace({ status: 'ready', value }),
      (err) => live && setTrace({ status: 'failed', error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
      c.dispose();
    };
  }, [a]);
  return trace;
}

function Timeline({ side, trace }: { side: ComparedAttempt; trace: Loading<AttemptTrace> }) {
  return (
    <section className="compare-timeline" aria-label={`Timeline of ${side.label}`}>
      <h3>{side.label}</h3>
      {trace.status === 'building' && <p className="muted">Replaying the attempt for its timeline…</p>}
      {trace.status === 'failed' && <p className="status-refused">The timeline could not be made: {trace.error}</p>}
      {trace.status === 'ready' && (
        <ProcedureTimeline
          trace={trace.value}
          log={side.attempt.session.log}
          evidence={null}
          label={`Procedure timeline of ${side.label}`}
        />
      )}
    </section>
  );
}

/**
 * Two attempts side by side (two trainees on one case, or one trainee's first and last): totals,
 * domain scores, key figures and critical errors with the change from the first to the second,
 * then both timelines on their own time axes. Esc goes back.
 */
export default function CompareScreen({ first, second, onBack }: Props) {
  const a = useMemo(() => scored(first.attempt), [first]);
  const b = useMemo(() => scored(second.attempt), [second]);
  const rows = useMemo(() => ('report' in a && 'report' in b ? comparisonRows(a.report, b.report) : null), [a, b]);
  const traceA = useTrace(first.attempt);
  const traceB = useTrace(second.attempt);
  const once = { ignoreShift: true, repeat: false } as const;
  useKeyScope('Compare', [{ id: 'compare.back', keys: ['Escape'], label: 'Back', onDown: onBack, ...once }]);

  const caseLine = (s: ComparedAttempt) =>
    `${s.attempt.session.scenario.title} · seed ${s.attempt.session.seed} · ${s.attempt.session.mode} · sim time ${formatClock(s.attempt.finalSnapshot.timeS)}`;

  return (
    <main className="debrief compare" data-testid="compare">
      <header className="debrief-head">
        <div>
          <h1>Compare two attempts</h1>
          <p className="muted">
            First: {first.label} ({caseLine(first)})
            <br />
            Second: {second.label} ({caseLine(second)})
          </p>
        </div>
        <div className="debrief-buttons">
          <button type="button" data-testid="compare-back" onClick={onBack}>
            Back <kbd>Esc</kbd>
          </button>
        </div>
      </header>
      {'error' in a && <p className="status-refused">The first attempt cannot be scored: {a.error}</p>}
      {'error' in b && <p className="status-refused">The second attempt cannot be scored: {b.error}</p>}
      {rows && (
        <section className="compare-scores" aria-labelledby="compare-scores-title">
          <h2 id="compare-scores-title">Scores and figures</h2>
          <table data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">{first.label}</th>
                <th scope="col">{second.label}</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid={`compare-${r.key}`} className={`group-${r.group}`}>
                  <th scope="row">{r.label}</th>
                  <td className={r.group === 'errors' ? '' : 'num'}>{r.first}</td>
                  <td className={r.group === 'errors' ? '' : 'num'}>{r.second}</td>
                  <td className={`num trend-${r.trend ?? 'none'}`}>
                    {r.change}
                    {r.trend === 'better' && <span className="sr-only"> (better)</span>}
                    {r.trend === 'worse' && <span className="sr-only"> (worse)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="compare-timelines" aria-labelledby="compare-timelines-title">
        <h2 id="compare-timelines-title">Timelines</h2>
        <Timeline side={first} trace={traceA} />
        <Timeline side={second} trace={traceB} />
      </section>
    </main>
  );
}
