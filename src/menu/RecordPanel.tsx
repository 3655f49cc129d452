import { useEffect, useState } from 'react';
import type { Session } from '../../sim/session';
import { formatClock } from '../ui/format';
import { useKeyScope } from '../keyboard/useKeyScope';
import type { AttemptRecord } from '../record/attemptRecord';
import { abandonAttempt, latestInProgress } from '../record/attemptStore';
import type { RecordMeta } from '../record/recordMeta';
import { getTrainee, setTrainee } from '../record/traineeStore';
import { timeOfDay } from '../record/wallTime';
import './recordPanel.css';

/** A resumed attempt: the session replayed to its last save, and who/when it belongs to. */
export interface ResumedAttempt {
  readonly record: AttemptRecord;
  readonly session: Session;
  readonly meta: RecordMeta;
}

interface Props {
  readonly onResume: (resumed: ResumedAttempt) => void;
  readonly onHistory: () => void;
}

/**
 * The menu's record panel: the trainee name (remembered), the offer to resume an attempt a
 * reload or crash interrupted (R resumes, X discards it, keeping it as abandoned), and the way
 * to the history (H).
 */
export function RecordPanel({ onResume, onHistory }: Props) {
  const [trainee, setName] = useState(getTrainee);
  const [offer, setOffer] = useState<AttemptRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    latestInProgress()
      .then((r) => live && setOffer(r ?? null))
      .catch(
        (err) =>
          live && setError(`The saved attempts cannot be read: ${err instanceof Error ? err.message : String(err)}`),
      );
    return () => {
      live = false;
    };
  }, []);

  const resume = async () => {
    if (!offer || busy) return;
    setBusy(true);
    setError(null);
    try {
      // The replay pulls in the simulation: loaded on demand, like the procedure screen.
      const { resumeSession } = await import('../replay/resumeSession');
      const session = resumeSession(offer);
      onResume({
        record: offer,
        session,
        meta: { id: offer.id, trainee: offer.trainee, startedAt: offer.startedAt, source: offer.source },
      });
    } catch (err) {
      setError(`This attempt cannot be resumed: ${err instanceof Error ? err.message : String(err)}`);
      setBusy(false);
    }
  };
  const decline = async () => {
    if (!offer || busy) return;
    await abandonAttempt(offer.id, Date.now());
    setOffer(null);
  };

  // R and X only while there is an attempt to resume; H always. Case-blind, auto-repeat ignored.
  const once = { ignoreShift: true, repeat: false } as const;
  useKeyScope('Record', [
    ...(offer
      ? [
          {
            id: 'record.resume',
            keys: ['r'],
            label: 'Resume the interrupted attempt',
            onDown: () => void resume(),
            ...once,
          },
          {
            id: 'record.discard',
            keys: ['x'],
            label: 'Discard it (kept as abandoned)',
            onDown: () => void decline(),
            ...once,
          },
        ]
      : []),
    { id: 'record.history', keys: ['h'], label: 'History of your attempts', onDown: onHistory, ...once },
  ]);

  return (
    <section className="record-panel" data-testid="record-panel">
      <label className="trainee">
        Trainee
        <input
          type="text"
          data-testid="trainee-name"
          placeholder="Your name"
          value={trainee}
          maxLength={80}
          onChange={(e) => {
            setName(e.target.value);
            setTrainee(e.target.value);
          }}
        />
      </label>
      {offer && (
        <div
          className="resume-offer"
          data-testid="resume-offer"
          data-record-id={offer.id}
          data-sim-time-s={offer.simTimeS}
        >
          <button type="button" className="primary" data-testid="resume" onClick={() => void resume()} disabled={busy}>
            {busy
              ? 'Replaying…'
              : `Resume ${offer.scenarioTitle} (started ${timeOfDay(offer.startedAt)}, sim time ${formatClock(offer.simTimeS)})`}{' '}
            <kbd>R</kbd>
          </button>
          <button type="button" data-testid="decline-resume" onClick={() => void decline()} disabled={busy}>
            Discard (keep as abandoned) <kbd>X</kbd>
          </button>
        </div>
      )}
      {error && (
        <p className="menu-error" data-testid="record-error">
          {error}
        </p>
      )}
      <button type="button" data-testid="open-history" onClick={onHistory}>
        History <kbd>H</kbd>
      </button>
    </section>
  );
}
