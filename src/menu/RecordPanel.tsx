import { useEffect, useState } from 'react';
import type { Session } from '../../sim/session';
import { formatClock } from '../ui/format';
import { useKeyScope } from '../keyboard/useKeyScope';
import type { AttemptRecord } from '../record/attemptRecord';
import { abandonAttempt, getAttempt, latestInProgress } from '../record/attemptStore';
import { holdAttemptLock, isAttemptOpenElsewhere } from '../record/attemptLock';
import { type RecordMeta, recordMetaOf } from '../record/recordMeta';
import { getTrainee, setTrainee } from '../record/traineeStore';
import { timeOfDay } from '../record/wallTime';
import { queueUpload } from '../labClient/labSession';
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
  /** The signed-in lab user's name: the trainee of every attempt, not typed here. Null: standalone or signed out. */
  readonly signedInAs?: string | null;
}

/** How often the menu looks again whether the offered attempt is open in another tab. */
const ELSEWHERE_POLL_MS = 1_000;

/**
 * The menu's record panel: the trainee name (remembered), the offer to resume an attempt a
 * reload or crash interrupted (R resumes, X discards it, keeping it as abandoned), and the way
 * to the history (H). An attempt that another tab is playing (it holds the attempt's lock,
 * src/record/attemptLock.ts) is not offered as interrupted: the panel says where it is and
 * offers to take it over (R), which makes that tab stop writing it; it cannot be discarded here.
 */
export function RecordPanel({ onResume, onHistory, signedInAs = null }: Props) {
  const [trainee, setName] = useState(getTrainee);
  const [offer, setOffer] = useState<AttemptRecord | null>(null);
  const [elsewhere, setElsewhere] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let timer = 0;
    const look = async () => {
      const r = (await latestInProgress()) ?? null;
      const open = r ? await isAttemptOpenElsewhere(r.id) : false;
      if (!live) return;
      setOffer((prev) => (prev && r && prev.id === r.id && prev.updatedAt === r.updatedAt ? prev : r));
      setElsewhere(open);
    };
    const again = () => {
      timer = window.setTimeout(() => void look().then(again, again), ELSEWHERE_POLL_MS);
    };
    look().then(again, (err) => {
      if (live) setError(`The saved attempts cannot be read: ${err instanceof Error ? err.message : String(err)}`);
    });
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, []);

  const resume = async () => {
    if (!offer || busy) return;
    setBusy(true);
    setError(null);
    try {
      let record = offer;
      if (elsewhere) {
        // Take it over: the other tab loses the lock and stops writing; then read what it saved last.
        const lock = holdAttemptLock(offer.id, () => {});
        await lock.acquired;
        record = (await getAttempt(offer.id)) ?? offer;
        // The procedure screen holds the lock from here on (it takes it on mount).
        lock.release();
      }
      // The replay pulls in the simulation: loaded on demand, like the procedure screen.
      const { resumeSession } = await import('../replay/resumeSession');
      const session = resumeSession(record);
      onResume({
        record,
        session,
        meta: recordMetaOf(record),
      });
    } catch (err) {
      setError(`This attempt cannot be resumed: ${err instanceof Error ? err.message : String(err)}`);
      setBusy(false);
    }
  };
  const decline = async () => {
    if (!offer || busy || elsewhere) return;
    const abandoned = await abandonAttempt(offer.id, Date.now());
    // A lab user's attempt tells the lab server too (src/labClient queues it).
    if (abandoned) void queueUpload(abandoned);
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
            label: elsewhere ? 'Take over the attempt open in another tab' : 'Resume the interrupted attempt',
            onDown: () => void resume(),
            ...once,
          },
          ...(elsewhere
            ? []
            : [
                {
                  id: 'record.discard',
                  keys: ['x'],
                  label: 'Discard it (kept as abandoned)',
                  onDown: () => void decline(),
                  ...once,
                },
              ]),
        ]
      : []),
    { id: 'record.history', keys: ['h'], label: 'History of your attempts', onDown: onHistory, ...once },
  ]);

  return (
    <section className="record-panel" data-testid="record-panel">
      {signedInAs !== null ? (
        <p className="trainee" data-testid="trainee-signed-in">
          Trainee: {signedInAs} (signed in to the lab server)
        </p>
      ) : (
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
      )}
      {offer && (
        <div
          className="resume-offer"
          data-testid="resume-offer"
          data-record-id={offer.id}
          data-sim-time-s={offer.simTimeS}
          data-elsewhere={elsewhere}
        >
          {elsewhere && (
            <p className="resume-elsewhere" data-testid="resume-elsewhere">
              {offer.scenarioTitle} (started {timeOfDay(offer.startedAt)}) is open in another tab, which is saving it.
              Taking it over here stops that tab.
            </p>
          )}
          <button type="button" className="primary" data-testid="resume" onClick={() => void resume()} disabled={busy}>
            {busy
              ? 'Replaying…'
              : elsewhere
                ? `Take it over here (sim time ${formatClock(offer.simTimeS)})`
                : `Resume ${offer.scenarioTitle} (started ${timeOfDay(offer.startedAt)}, sim time ${formatClock(offer.simTimeS)})`}{' '}
            <kbd>R</kbd>
          </button>
          {!elsewhere && (
            <button type="button" data-testid="decline-resume" onClick={() => void decline()} disabled={busy}>
              Discard (keep as abandoned) <kbd>X</kbd>
            </button>
          )}
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
