import type { ScoreReport } from '../../sim/scoring';
import type { ExpertBenchmark } from '../../sim/attempt';
import type { Loading } from './useDebriefReplay';
import { REPORT_FIGURES as FIGURES, showFigure as show } from './reportFigures';

interface Props {
  readonly report: ScoreReport;
  readonly expert: Loading<ExpertBenchmark>;
  /** The scenario's expert plan id (scoring.expertPlan), if any. */
  readonly planId?: string;
}

/**
 * The expert benchmark beside the trainee: the scenario's expert plan run on the same
 * patient (same scenario and seed) in the replay worker, scored by the same rubric.
 */
export function ExpertComparison({ report, expert, planId }: Props) {
  const best = expert.status === 'ready' && 'report' in expert.value ? expert.value.report : null;
  return (
    <section className="expert" data-testid="expert-comparison" data-status={expert.status}>
      <h2>Expert benchmark</h2>
      {expert.status === 'building' && (
        <p className="muted">Running the expert plan{planId ? ` “${planId}”` : ''} on this patient…</p>
      )}
      {expert.status === 'failed' && (
        <p className="status-refused">The expert benchmark could not be run: {expert.error}</p>
      )}
      {expert.status === 'ready' && 'error' in expert.value && <p className="muted">{expert.value.error}</p>}
      {best && (
        <>
          <p className="muted">
            The expert plan{planId ? ` “${planId}”` : ''} on the same patient, scored by the same rubric: the
            differences are technique, not anatomy.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">You</th>
                <th scope="col">Expert</th>
              </tr>
            </thead>
            <tbody>
              <tr data-testid="expert-total">
                <th scope="row">Total score</th>
                <td className="num">{Math.round(report.total)}</td>
                <td className="num" data-total={best.total}>
                  {Math.round(best.total)}
                </td>
              </tr>
              {report.domains.map((d) => {
                const e = best.domains.find((x) => x.id === d.id);
                return (
                  <tr key={d.id}>
                    <th scope="row">{d.label}</th>
                    <td className="num">{Math.round(d.score)}</td>
                    <td className="num">{e ? Math.round(e.score) : '—'}</td>
                  </tr>
                );
              })}
              {FIGURES.map(([key, label, unit, digits]) => (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td className="num">{show(report.metrics[key], digits, unit)}</td>
                  <td className="num">{show(best.metrics[key], digits, unit)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Critical errors</th>
                <td>{report.criticalErrors.map((c) => c.label).join('; ') || 'none'}</td>
                <td>{best.criticalErrors.map((c) => c.label).join('; ') || 'none'}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
