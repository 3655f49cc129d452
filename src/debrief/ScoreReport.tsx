import {
  HEIGHT_LOSS_TOLERANCE_PCT,
  MEASUREMENT_ITEM_LABEL,
  WEDGE_TOLERANCE_DEG,
  type IndicationDecision,
  type ScoreItem,
  type ScoreReport as Report,
  type WedgeMeasurement,
} from '../../sim/scoring';
import { tickClock } from '../ui/format';
import { keyedByContent } from '../ui/contentKeys';
import type { EvidenceSelection } from './ProcedureTimeline';

interface Props {
  readonly report: Report;
  /** A score item's evidence was picked: show it on the timeline. */
  readonly onEvidence: (evidence: EvidenceSelection) => void;
  readonly selected: EvidenceSelection | null;
}

const MAX_EVIDENCE = 6;

function formatMetric(v: number | string | boolean): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return String(v);
}

/** Evidence ticks as sim-clock buttons (one per distinct second, the first few, then a count); each shows the item's evidence on the timeline. */
function Evidence({ item, onEvidence, active }: { item: ScoreItem; onEvidence: Props['onEvidence']; active: boolean }) {
  const times = [...new Set(item.evidenceTicks.map(tickClock))];
  if (times.length === 0) return null;
  const pick = () => onEvidence({ label: item.label, ticks: item.evidenceTicks });
  return (
    <>
      {times.slice(0, MAX_EVIDENCE).map((t) => (
        <button
          key={t}
          type="button"
          className={`tick${active ? ' active' : ''}`}
          onClick={pick}
          aria-pressed={active}
          aria-label={`${item.label}: show the evidence at ${t} on the timeline`}
        >
          {t}
        </button>
      ))}
      {times.length > MAX_EVIDENCE && (
        <button
          type="button"
          className={`tick more${active ? ' active' : ''}`}
          onClick={pick}
          title={times.slice(MAX_EVIDENCE).join(', ')}
          aria-label={`${item.label}: ${times.length - MAX_EVIDENCE} more times, show all on the timeline`}
        >
          +{times.length - MAX_EVIDENCE}
        </button>
      )}
    </>
  );
}

/** Why the decision scored as it did, in one sentence (sim/scoring/README.md, "Cases to decline"). */
function decisionNote(d: IndicationDecision): string {
  if (d.chosen === 'decline') {
    if (!d.correct) return 'The procedure was indicated: declining it scores 0 and does not pass.';
    if (d.reasonCorrect) return 'Declining for the case\u2019s reason is the whole of the answer: it passes.';
    return 'Declining was right, but not for this reason: half marks, and no pass.';
  }
  if (d.chosen === 'operate')
    return 'Going on from the case review is the decision to operate: a critical error on this case.';
  return 'The case review ended without a decision.';
}

/** The decision against the case's indication: what was decided, when, and how it is judged. */
function DecisionSection({ decision: d }: { decision: IndicationDecision }) {
  const right = d.correct && d.reasonCorrect;
  return (
    <section
      className={`decision ${right ? 'pass' : 'fail'}`}
      data-testid="debrief-decision"
      data-decision={d.chosen}
      data-reason={d.reason ?? ''}
      data-right={right}
    >
      <h2>Decision</h2>
      <p>
        {/* Right or wrong in a mark and a word, not in the section's colour alone (WCAG 1.4.1). */}
        <span aria-hidden="true">{right ? '✓ ' : '⚠ '}</span>
        <span className="visually-hidden">{right ? 'Right decision: ' : 'Wrong decision: '}</span>
        {d.tick !== null && <span className="num">{tickClock(d.tick)} </span>}
        {d.label}
      </p>
      <p className="muted">{decisionNote(d)}</p>
    </section>
  );
}

/** The process domain's item for the case-review measurement, when the case scores it. */
const measurementItemOf = (r: Report): ScoreItem | undefined =>
  r.domains.find((d) => d.id === 'process')?.items.find((i) => i.label === MEASUREMENT_ITEM_LABEL);

/** How the measurement counted: its points in the process domain, or why it is feedback only on this attempt. */
function measurementNote(item: ScoreItem | undefined): string {
  const rule = `full credit within ${WEDGE_TOLERANCE_DEG}° and ${HEIGHT_LOSS_TOLERANCE_PCT} points of height loss, none at twice that`;
  if (!item)
    return 'Feedback only: this attempt is scored on its decision, or the fracture has no wedge for the corners to read.';
  return `Scored in Process: ${item.points === 0 ? 'no points lost' : `${item.points.toFixed(1)} points`} (${rule}).`;
}

/** The case-review measurement of the lateral film against the anatomy, and how it counted. */
function MeasurementSection({ m, item }: { m: WedgeMeasurement; item: ScoreItem | undefined }) {
  return (
    <section className="decision" data-testid="debrief-measurement" data-agrees={m.agrees}>
      <h2>Pre-operative film measured</h2>
      <p>
        <span className="num">{tickClock(m.tick)} </span>
        Wedge {m.measured.wedgeDeg.toFixed(1)}° (true {m.truth.wedgeDeg.toFixed(1)}°), height loss{' '}
        {m.measured.heightLossPct.toFixed(0)} % (true {m.truth.heightLossPct.toFixed(0)} %):{' '}
        {m.agrees ? 'agrees' : 'off'}
      </p>
      <p className="muted" data-testid="debrief-measurement-note">
        {measurementNote(item)}
      </p>
    </section>
  );
}

/** The score report: total, pass/fail, critical errors, each domain with its items and their evidence, then the key metrics. */
export function ScoreReport({ report: r, onEvidence, selected }: Props) {
  return (
    <>
      <section className={`verdict ${r.passed ? 'pass' : 'fail'}`}>
        <div className="total">
          <span data-testid="debrief-total" data-total={r.total}>
            {Math.round(r.total)}
          </span>
          <small>/ 100</small>
        </div>
        <div>
          <div className="verdict-label" data-testid="debrief-result">
            {r.passed ? 'PASS' : 'FAIL'}
          </div>
          <div className="muted">Pass mark {r.passScore}; any critical error fails the attempt.</div>
        </div>
        {r.criticalErrors.length > 0 && (
          <ul className="critical" data-testid="critical-errors" aria-label="Critical errors">
            {r.criticalErrors.map((c) => (
              <li key={`${c.id}:${c.tick}`}>
                {/* A critical error is marked, not only red (WCAG 1.4.1). */}
                <span aria-hidden="true">⚠ </span>
                <button
                  type="button"
                  className="tick"
                  onClick={() => onEvidence({ label: c.label, ticks: [c.tick] })}
                  aria-label={`${c.label}: show ${tickClock(c.tick)} on the timeline`}
                >
                  {tickClock(c.tick)}
                </button>{' '}
                {c.label}
              </li>
            ))}
          </ul>
        )}
      </section>

      {r.decision && <DecisionSection decision={r.decision} />}
      {r.measurement && <MeasurementSection m={r.measurement} item={measurementItemOf(r)} />}

      {r.seriousErrors.length > 0 && (
        <section className="serious" data-testid="serious-errors">
          <h2>Serious errors</h2>
          <p className="muted">Each takes points off the total (domains {r.domainTotal.toFixed(1)}).</p>
          <ul>
            {r.seriousErrors.map((e) => (
              <li key={e.id}>
                <span className="num">{e.points.toFixed(1)}</span> {e.label}{' '}
                <Evidence
                  item={{ label: e.label, value: '', points: e.points, evidenceTicks: e.evidenceTicks }}
                  onEvidence={onEvidence}
                  active={selected?.label === e.label}
                />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="domains">
        {r.domains.map((d) => (
          <article key={d.id} className="domain" data-testid={`domain-${d.id}`}>
            <header>
              <h2>{d.label}</h2>
              <span className="domain-score">
                {Math.round(d.score)}
                <small> / 100 · weight {Math.round(d.weight * 100)} %</small>
              </span>
            </header>
            <div className="bar">
              <div style={{ width: `${Math.max(0, Math.min(100, d.score))}%` }} />
            </div>
            <table>
              <tbody>
                {keyedByContent(d.items, (it) => it.label).map(({ key, item: it }) => (
                  <tr key={key} className={it.points < 0 ? 'lost' : ''}>
                    <td>{it.label}</td>
                    <td className="num">{it.value}</td>
                    <td className="num">{it.points === 0 ? '0' : it.points.toFixed(1)}</td>
                    <td className="evidence">
                      <Evidence
                        item={it}
                        onEvidence={onEvidence}
                        active={selected?.label === it.label && selected.ticks === it.evidenceTicks}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
      </section>

      <section className="metrics" data-testid="debrief-metrics" data-metrics={JSON.stringify(r.metrics)}>
        <h2>Key metrics</h2>
        <dl>
          {Object.entries(r.metrics).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{formatMetric(v)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
