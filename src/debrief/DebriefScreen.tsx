import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { scoreAttempt } from '../../sim/scoring';
import type { ScoreReport } from '../../sim/scoring';
import { toAttemptFile } from '../../sim/attempt';
import { APP_VERSION } from '../../sim/core';
import { formatClock } from '../ui/format';
import { useKeyScope } from '../keyboard/useKeyScope';
import type { FinishedAttempt } from '../attempt/attemptTypes';
import { StoredImages } from '../ui/StoredImages';
import { ScoreReport as Report } from './ScoreReport';
import { ReportText, reportTextFile, saveReportText } from './ReportText';
import { ProcedureTimeline, type EvidenceSelection } from './ProcedureTimeline';
import { CementVolumePlot } from './CementVolumePlot';
import { BalloonPlots } from './BalloonPlots';
import { VitalSignsPlot } from './VitalSignsPlot';
import { cavityDeviceName } from '../../sim/instruments';
import { GlobalRatingForm } from './GlobalRatingForm';
import { useDebriefReplay } from './useDebriefReplay';
import { ExpertComparison } from './ExpertComparison';
import { ReplayViewer } from './ReplayViewer';
import { FilmImageView } from './FilmImageView';
import type { AttemptReview } from '../attempt/attemptReview';
import { UNSIGNED_ATTEMPT_STATEMENT } from '../../sim/attempt';
import './debrief.css';
import { saveJson } from '../ui/saveFile';
import { useServerScore } from '../labClient/serverScore';
import { getAttempt } from '../record/attemptStore';
import { ServerScoreNote } from '../ui/ServerScoreNote';

interface Props {
  readonly attempt: FinishedAttempt;
  readonly onMenu: () => void;
  /** The instructor's review saved with this attempt, if any. */
  readonly initialReview?: AttemptReview;
  /** Every change of the review (notes, ratings, rater), for the record to save with the attempt. */
  readonly onReviewChange?: (review: AttemptReview) => void;
  /** Shown under the review form: the lab server's ratings of every rater, and whether the review is saved there. */
  readonly reviewExtra?: ReactNode;
  /** The rater when it is the signed-in lab account (an attempt opened from the lab server). */
  readonly fixedRater?: string;
  /** Where Esc and the back button go, in words ('menu' unless the instructor's screen opened it). */
  readonly backTo?: string;
}

type Scored = { readonly report: ScoreReport } | { readonly error: string };

/**
 * The debrief: the score report (each item's evidence shown on the timeline), the timeline, the
 * balloon and cement plots, the stored images and the instructor's review; printable. D downloads
 * the attempt file, T the report as text (what `npm run sim -- replay <attempt> --text` prints),
 * P prints, Esc/M goes back to the menu.
 */
export default function DebriefScreen({
  attempt,
  onMenu,
  initialReview,
  onReviewChange,
  reviewExtra,
  fixedRater,
  backTo = 'menu',
}: Props) {
  const { session, finalSnapshot } = attempt;
  // In a lab, the server's own score by replay (the one that counts), once it has scored the attempt.
  const serverScore = useServerScore(attempt.recordId ?? attempt.lab?.attemptId);
  const scored = useMemo<Scored>(() => {
    try {
      return { report: scoreAttempt(session.scenario, session.log, finalSnapshot) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [session, finalSnapshot]);
  const reportText = useMemo(
    () => ('report' in scored ? reportTextFile(scored.report, session, finalSnapshot.tick) : null),
    [scored, session, finalSnapshot],
  );
  const [saving, setSaving] = useState<'idle' | 'busy' | 'saved' | 'failed'>('idle');
  const filename = `attempt-${session.scenario.id}-${session.seed}.json`;

  const download = useCallback(async () => {
    setSaving('busy');
    try {
      // The record's file carries who played it, where and when (format v2); the session alone does not.
      const record = attempt.recordId ? await getAttempt(attempt.recordId).catch(() => undefined) : undefined;
      const same = record && record.file.endTick === session.tick && record.file.log.length === session.log.length;
      saveJson(filename, same ? record.file : toAttemptFile(session, APP_VERSION));
      setSaving('saved');
    } catch {
      setSaving('failed');
    }
  }, [session, filename, attempt.recordId]);

  const { trace, expert, film, client } = useDebriefReplay(session, finalSnapshot.tick);
  const [reveal, setReveal] = useState(false);
  const toggleReveal = useCallback(() => setReveal((r) => !r), []);
  const [evidence, setEvidence] = useState<EvidenceSelection | null>(null);
  const timelineRef = useRef<HTMLDivElement>(null);
  const showEvidence = useCallback((e: EvidenceSelection) => {
    setEvidence(e);
    timelineRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);
  const print = useCallback(() => window.print(), []);

  // Case-blind keys, auto-repeat ignored; T only once the report text is there.
  const once = { ignoreShift: true, repeat: false } as const;
  useKeyScope('Debrief', [
    { id: 'debrief.download', keys: ['d'], label: 'Download the attempt file', onDown: () => void download(), ...once },
    { id: 'debrief.print', keys: ['p'], label: 'Print the report', onDown: print, ...once },
    ...(reportText
      ? [
          {
            id: 'debrief.text',
            keys: ['t'],
            label: 'Save the report as text',
            onDown: () => saveReportText(reportText),
            ...once,
          },
        ]
      : []),
    { id: 'debrief.menu', keys: ['Escape', 'm'], label: `Back to the ${backTo}`, onDown: onMenu, ...once },
  ]);

  return (
    <main className="debrief" data-testid="debrief">
      <header className="debrief-head">
        <div>
          <h1>Debrief</h1>
          <p className="muted">
            {session.scenario.title} · seed {session.seed} · {session.mode}
            {session.scenario.procedure === 'kyphoplasty' && (
              <>
                {' '}
                · cavity:{' '}
                <span data-testid="debrief-cavity-device">
                  {cavityDeviceName(session.scenario.equipment.cavityDevice)}
                </span>
              </>
            )}{' '}
            · sim time {formatClock(finalSnapshot.timeS)} · {session.log.length} commands
            {attempt.lab && (
              <>
                {' '}
                · <span data-testid="debrief-trainee">{attempt.lab.traineeName}</span>
              </>
            )}
          </p>
          {attempt.source === 'imported' && (
            <p className="muted" data-testid="unverified-note">
              {attempt.verificationStatement ?? UNSIGNED_ATTEMPT_STATEMENT}
            </p>
          )}
          <ServerScoreNote view={serverScore} />
        </div>
        <div className="debrief-buttons">
          <button
            type="button"
            className="primary"
            data-testid="download-attempt"
            onClick={() => void download()}
            disabled={saving === 'busy'}
          >
            Download attempt <kbd>D</kbd>
          </button>
          <button type="button" data-testid="print-report" onClick={print}>
            Print report <kbd>P</kbd>
          </button>
          <button type="button" data-testid="back-to-menu" onClick={onMenu}>
            Back to {backTo} <kbd>Esc</kbd>
          </button>
          {saving === 'saved' && <span className="status-ok">Saved {filename}</span>}
          {saving === 'failed' && <span className="status-refused">Could not build the attempt file.</span>}
        </div>
      </header>

      {'error' in scored ? (
        <p className="status-refused">Scoring failed: {scored.error}</p>
      ) : (
        <>
          <Report report={scored.report} onEvidence={showEvidence} selected={evidence} />
          {reportText && <ReportText file={reportText} />}
          <ExpertComparison report={scored.report} expert={expert} planId={session.scenario.scoring.expertPlan} />
        </>
      )}
      <div ref={timelineRef} className="debrief-trace">
        {trace.status === 'building' && (
          <p className="muted" data-testid="trace-building">
            Replaying the attempt for the timeline and plots…
          </p>
        )}
        {trace.status === 'failed' && (
          <p className="status-refused">The attempt could not be replayed for the timeline: {trace.error}</p>
        )}
        {trace.status === 'ready' && (
          <>
            <ProcedureTimeline trace={trace.value} log={session.log} evidence={evidence} />
            {/* Right under the timeline, at its width: the same time axis, so a moment lines up in both. */}
            <VitalSignsPlot trace={trace.value} />
            <section className="plots" data-testid="debrief-plots">
              <h2>Plots</h2>
              <div className="plot-row">
                <BalloonPlots
                  trace={trace.value}
                  balloonLengthMm={session.scenario.equipment.balloonLengthMm}
                  cavityDevice={session.scenario.equipment.cavityDevice}
                />
                <CementVolumePlot trace={trace.value} />
              </div>
            </section>
          </>
        )}
      </div>
      {film.status === 'building' && (
        <p className="muted" data-testid="film-building">
          Replaying the attempt for the replay viewer…
        </p>
      )}
      {film.status === 'failed' && (
        <p className="status-refused">The attempt could not be replayed for the viewer: {film.error}</p>
      )}
      {film.status === 'ready' && (
        <ReplayViewer film={film.value} client={client} reveal={reveal} onToggleReveal={toggleReveal} />
      )}
      <StoredImages
        images={attempt.storedImages}
        remade={(img) => {
          // The monitor had no image yet when this one was stored: the film's image of that view held then.
          if (film.status !== 'ready') return null;
          const f = [...film.value.frames].reverse().find((x) => x.view === img.view && x.tick <= img.tick);
          return f ? (
            <FilmImageView client={client} index={f.index} view={f.view} timeS={f.timeS} reveal={reveal} size={200} />
          ) : null;
        }}
      >
        {/* Opened from the record, the attempt has no pixels: its stored images are re-made from the log. */}
        {film.status === 'ready' &&
          film.value.frames
            .filter((f) => f.stored)
            .map((f) => (
              <FilmImageView
                key={f.index}
                client={client}
                index={f.index}
                view={f.view}
                timeS={f.timeS}
                reveal={reveal}
                size={240}
              />
            ))}
      </StoredImages>
      <GlobalRatingForm initialReview={initialReview} onReviewChange={onReviewChange} fixedRater={fixedRater} />
      {reviewExtra}
    </main>
  );
}
