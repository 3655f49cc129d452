import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { scoreAttempt } from '../../sim/scoring/score';
import type { ScoreReport } from '../../sim/scoring/types';
import { toAttemptFile } from '../../sim/attempt/attemptFile';
import { APP_VERSION } from '../../sim/version';
import { formatClock } from '../game/format';
import { isFormTarget } from '../input/useKeyboard';
import type { FinishedAttempt } from './screenTypes';
import { StoredImages } from '../components/StoredImages';
import { ScoreReport as Report } from '../components/debrief/ScoreReport';
import { ProcedureTimeline, type EvidenceSelection } from '../components/debrief/ProcedureTimeline';
import { CementVolumePlot } from '../components/debrief/CementVolumePlot';
import { BalloonPlots } from '../components/debrief/BalloonPlots';
import { GlobalRatingForm } from '../components/debrief/GlobalRatingForm';
import { useAttemptTrace } from '../components/debrief/useAttemptTrace';
import type { AttemptReview } from '../components/debrief/attemptReview';
import '../styles/debrief.css';
import { saveJson } from '../record/saveFile';

interface Props {
  readonly attempt: FinishedAttempt;
  readonly onMenu: () => void;
  /** The instructor's review saved with this attempt, if any. */
  readonly initialReview?: AttemptReview;
  /** Every change of the review (notes, ratings, rater), for the record to save with the attempt. */
  readonly onReviewChange?: (review: AttemptReview) => void;
}

type Scored = { readonly report: ScoreReport } | { readonly error: string };

/**
 * The debrief: the score report (each item's evidence shown on the timeline), the timeline, the
 * balloon and cement plots, the stored images and the instructor's review; printable. D downloads
 * the attempt file, P prints, Esc/M goes back to the menu.
 */
export default function DebriefScreen({ attempt, onMenu, initialReview, onReviewChange }: Props) {
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

  const trace = useAttemptTrace(session, finalSnapshot.tick);
  const [evidence, setEvidence] = useState<EvidenceSelection | null>(null);
  const timelineRef = useRef<HTMLDivElement>(null);
  const showEvidence = useCallback((e: EvidenceSelection) => {
    setEvidence(e);
    timelineRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);
  const print = useCallback(() => window.print(), []);

  const keys = useRef({ download, onMenu, print });
  keys.current = { download, onMenu, print };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isFormTarget(e.target, e.key) || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      if (e.key === 'd' || e.key === 'D') void keys.current.download();
      else if (e.key === 'p' || e.key === 'P') keys.current.print();
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
          <button type="button" data-testid="print-report" onClick={print}>
            Print report <kbd>P</kbd>
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
        <Report report={scored.report} onEvidence={showEvidence} selected={evidence} />
      )}
      <div ref={timelineRef} className="debrief-trace">
        {trace.status === 'building' && <p className="muted" data-testid="trace-building">Replaying the attempt for the timeline and plots…</p>}
        {trace.status === 'failed' && <p className="status-refused">The attempt could not be replayed for the timeline: {trace.error}</p>}
        {trace.status === 'ready' && (
          <>
            <ProcedureTimeline trace={trace.trace} log={session.log} evidence={evidence} />
            <section className="plots" data-testid="debrief-plots">
              <h2>Plots</h2>
              <div className="plot-row">
                <BalloonPlots trace={trace.trace} balloonLengthMm={session.scenario.equipment.balloonLengthMm} />
                <CementVolumePlot trace={trace.trace} />
              </div>
            </section>
          </>
        )}
      </div>
      <StoredImages images={attempt.storedImages} />
      <GlobalRatingForm initialReview={initialReview} onReviewChange={onReviewChange} />
    </main>
  );
}
