import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { scoreAttempt } from '../../sim/scoring/score';
import type { ScoreReport } from '../../sim/scoring/types';
import { toAttemptFile } from '../../sim/attempt/attemptFile';
import { APP_VERSION } from '../../sim/version';
import { formatClock, tickClock } from '../game/format';
import { isFormTarget } from '../input/useKeyboard';
import type { FinishedAttempt } from './screenTypes';
import { StoredImages } from '../components/StoredImages';
import '../styles/debrief.css';

interface Props {
  readonly attempt: FinishedAttempt;
  readonly onMenu: () => void;
}

type Scored = { readonly report: ScoreReport } | { readonly error: string };

function formatMetric(v: number | string | boolean): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return String(v);
}

/** Save a file in the browser: a Blob behind a temporary link. */
function saveJson(filename: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The score report: total, pass/fail, critical errors, each domain with its items and evidence, then the stored images. D downloads, Esc/M menu. */
export default function DebriefScreen({ attempt, onMenu }: Props) {
  const { session, finalSnapshot } = attempt;
  const scored = useMemo<Scored>(() => {
    try {
      return { report: scoreAttempt(session.scenario, session.log, finalSnapshot) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [session, finalSnapshot]);
  const [saving, setSaving] = useState<'idle' | 'busy' | 'saved' | 'failed'>('idle');
  const filename = `attempt-${session.scenario.id}-${session.seed}.json`;

  const download = useCallback(async () => {
    setSaving('busy');
    try {
      saveJson(filename, await toAttemptFile(session, APP_VERSION));
      setSaving('saved');
    } catch {
      setSaving('failed');
    }
  }, [session, filename]);

  const keys = useRef({ download, onMenu });
  keys.current = { download, onMenu };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isFormTarget(e.target, e.key) || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      if (e.key === 'd' || e.key === 'D') void keys.current.download();
      else if (e.key === 'Escape' || e.key === 'm' || e.key === 'M') keys.current.onMenu();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <main className="debrief" data-testid="debrief">
      <header className="debrief-head">
        <div>
          <h1>Debrief</h1>
          <p className="muted">
            {session.scenario.title} · seed {session.seed} · {session.mode} · sim time {formatClock(finalSnapshot.timeS)} ·{' '}
            {session.log.length} commands
          </p>
        </div>
        <div className="debrief-buttons">
          <button type="button" className="primary" data-testid="download-attempt" onClick={() => void download()} disabled={saving === 'busy'}>
            Download attempt <kbd>D</kbd>
          </button>
          <button type="button" data-testid="back-to-menu" onClick={onMenu}>
            Back to menu <kbd>Esc</kbd>
          </button>
          {saving === 'saved' && <span className="status-ok">Saved {filename}</span>}
          {saving === 'failed' && <span className="status-refused">Could not build the attempt file.</span>}
        </div>
      </header>

      {'error' in scored ? (
        <p className="status-refused">Scoring failed: {scored.error}</p>
      ) : (
        <Report report={scored.report} />
      )}
      <StoredImages images={attempt.storedImages} />
    </main>
  );
}

const MAX_EVIDENCE = 6;

/** Evidence ticks as sim-clock times (one chip per distinct second, the first few, then a count). */
function Evidence({ ticks }: { ticks: readonly number[] }) {
  const times = [...new Set(ticks.map(tickClock))];
  return (
    <>
      {times.slice(0, MAX_EVIDENCE).map((t) => (
        <span key={t} className="tick">
          {t}
        </span>
      ))}
      {times.length > MAX_EVIDENCE && (
        <span className="tick more" title={times.slice(MAX_EVIDENCE).join(', ')}>
          +{times.length - MAX_EVIDENCE}
        </span>
      )}
    </>
  );
}

function Report({ report: r }: { report: ScoreReport }) {
  return (
    <>
      <section className={`verdict ${r.passed ? 'pass' : 'fail'}`}>
        <div className="total">
          <span data-testid="debrief-total" data-total={r.total}>{Math.round(r.total)}</span>
          <small>/ 100</small>
        </div>
        <div>
          <div className="verdict-label" data-testid="debrief-result">
            {r.passed ? 'PASS' : 'FAIL'}
          </div>
          <div className="muted">Pass mark {r.passScore}; any critical error fails the attempt.</div>
        </div>
        {r.criticalErrors.length > 0 && (
          <ul className="critical" data-testid="critical-errors">
            {r.criticalErrors.map((c) => (
              <li key={`${c.id}:${c.tick}`}>
                <time>{tickClock(c.tick)}</time> {c.label}
              </li>
            ))}
          </ul>
        )}
      </section>

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
                {d.items.map((it, i) => (
                  <tr key={i} className={it.points < 0 ? 'lost' : ''}>
                    <td>{it.label}</td>
                    <td className="num">{it.value}</td>
                    <td className="num">{it.points === 0 ? '0' : it.points.toFixed(1)}</td>
                    <td className="evidence">
                      <Evidence ticks={it.evidenceTicks} />
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
