import { useCallback, useEffect, useState } from 'react';
import type { Session } from '../../sim/session';
import { useKeyScope } from '../keyboard/useKeyScope';
import type { ServerAttemptSummary } from '../labClient/labApiTypes';
import { dismissRefusedUpload, listServerAttempts, signOut, useLab } from '../labClient/labSession';
import { uploadsSummary } from '../labClient/uploadsSummary';
import { getAttempt } from '../record/attemptStore';
import type { RecordMeta } from '../record/recordMeta';
import { timeOfDay } from '../record/wallTime';
import { setStation, useStation } from '../settings/stationStore';
import { UploadsWaiting } from '../ui/UploadsWaiting';
import { SignInDialog } from './SignInDialog';
import './lab.css';

interface Props {
  /** An attempt from the lab server, replayed to where it was saved: go on with it here. */
  readonly onResume: (session: Session, meta: RecordMeta) => void;
  /** An instructor or admin signed in: open the instructor's screen (cohorts, assignments, results). */
  readonly onInstructor?: () => void;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The menu's lab panel: which mode the app is in (lab server or standalone), sign-in and sign-out,
 * this station's name, what waits to be uploaded or was refused, and, signed in, the trainee's
 * attempts still in progress on the lab server, which can be resumed on this station.
 */
export function LabPanel({ onResume, onInstructor }: Props) {
  const lab = useLab();
  const station = useStation();
  const [signingIn, setSigningIn] = useState(false);
  const [stationText, setStationText] = useState(station);
  const [stationProblem, setStationProblem] = useState<string | null>(null);
  const [remote, setRemote] = useState<readonly ServerAttemptSummary[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const user = lab.user;

  useEffect(() => setStationText(station), [station]);

  // Signed in: the trainee's attempts in progress on the server that this browser is not already
  // offering (the record panel resumes those from its own copy).
  useEffect(() => {
    if (!user) {
      setRemote(null);
      return;
    }
    let live = true;
    listServerAttempts()
      .then(async (all) => {
        const mine = all.filter((a) => a.status === 'in-progress' && a.trainee.id === user.id);
        const here = await Promise.all(mine.map((a) => getAttempt(a.id).catch(() => undefined)));
        if (live) setRemote(mine.filter((_, i) => here[i]?.status !== 'in-progress'));
      })
      .catch((err) => live && setError(`Your attempts on the lab server cannot be listed: ${errorText(err)}`));
    return () => {
      live = false;
    };
  }, [user]);

  const resume = useCallback(
    async (summary: ServerAttemptSummary) => {
      if (busy || !user) return;
      setBusy(summary.id);
      setError(null);
      try {
        // The replay pulls in the simulation: loaded on demand, like the procedure screen.
        const { resumeServerAttempt } = await import('./resumeServerAttempt');
        const { session, meta } = await resumeServerAttempt(summary.id, user);
        onResume(session, meta);
      } catch (err) {
        setError(`This attempt cannot be resumed here: ${errorText(err)}`);
        setBusy(null);
      }
    },
    [busy, user, onResume],
  );

  const teaches = lab.mode === 'lab' && (user?.role === 'instructor' || user?.role === 'admin');
  const once = { ignoreShift: true, repeat: false } as const;
  useKeyScope('Lab', [
    ...(teaches && onInstructor
      ? [{ id: 'lab.instructor', keys: ['i'], label: "Open the instructor's screen", onDown: onInstructor, ...once }]
      : []),
    ...(lab.mode === 'lab' && !user && !signingIn
      ? [
          {
            id: 'lab.signin',
            keys: ['s'],
            label: 'Sign in to the lab server',
            onDown: () => setSigningIn(true),
            ...once,
          },
        ]
      : []),
  ]);

  const saveStation = () => {
    if (stationText.trim() === station) return;
    const problem = setStation(stationText);
    setStationProblem(problem);
  };

  return (
    <section
      className="lab-panel"
      data-testid="lab-panel"
      data-mode={lab.mode}
      data-signed-in={user ? 'true' : 'false'}
    >
      <p className="lab-mode" data-testid="lab-mode">
        {lab.mode === 'detecting' && 'Looking for a lab server…'}
        {lab.mode === 'standalone' && (
          <>
            <strong>Standalone:</strong> results stay in this browser.
          </>
        )}
        {lab.mode === 'lab' &&
          (user ? (
            <>
              <strong>Lab server:</strong> connected as <span data-testid="lab-user">{user.displayName}</span>
            </>
          ) : (
            <>
              <strong>Lab server:</strong> connected, not signed in. Sign in to have your attempts recorded there.
            </>
          ))}
      </p>
      {lab.mode === 'lab' && !user && (
        <button type="button" className="primary" data-testid="lab-signin" onClick={() => setSigningIn(true)}>
          Sign in <kbd>S</kbd>
        </button>
      )}
      {teaches && onInstructor && (
        <button type="button" className="primary" data-testid="lab-instructor" onClick={onInstructor}>
          Instructor: cohorts, assignments, results <kbd>I</kbd>
        </button>
      )}
      {user && (
        <button
          type="button"
          data-testid="lab-signout"
          onClick={() => void signOut().catch((err) => setError(errorText(err)))}
        >
          Sign out
        </button>
      )}
      {lab.problem && (
        <p className="menu-error" data-testid="lab-problem">
          {lab.problem}
        </p>
      )}

      <div className="station">
        <label htmlFor="lab-station">Station</label>
        <input
          id="lab-station"
          type="text"
          data-testid="station-name"
          value={stationText}
          maxLength={120}
          aria-invalid={stationProblem !== null}
          aria-describedby={stationProblem ? 'lab-station-problem' : undefined}
          onChange={(e) => setStationText(e.target.value)}
          onBlur={saveStation}
          onKeyDown={(e) => {
            // Enter here saves the name; it does not start the case as Enter elsewhere on the menu does.
            if (e.key !== 'Enter') return;
            e.stopPropagation();
            saveStation();
          }}
        />
        {stationProblem && (
          <p className="menu-error" id="lab-station-problem" role="alert">
            {stationProblem}
          </p>
        )}
      </div>

      <UploadsWaiting summary={uploadsSummary(lab.uploads, user?.id ?? null)} />
      {lab.uploads.refused.map((e) => (
        <div key={e.attemptId} className="upload-refused" data-testid="upload-refused" role="alert">
          <p>
            The lab server refused an attempt ({e.refused?.status}): {e.refused?.message} It is still saved in this
            browser.
          </p>
          <button type="button" onClick={() => void dismissRefusedUpload(e.attemptId)}>
            Dismiss
          </button>
        </div>
      ))}

      {remote && remote.length > 0 && (
        <div className="lab-remote" data-testid="lab-remote">
          <h3>In progress on the lab server</h3>
          {remote.map((a) => (
            <button
              key={a.id}
              type="button"
              data-testid="lab-resume"
              data-attempt-id={a.id}
              disabled={busy !== null}
              onClick={() => void resume(a)}
            >
              {busy === a.id
                ? 'Replaying…'
                : `Resume ${a.scenarioId} (seed ${a.seed}, ${a.mode}${a.station ? `, from ${a.station}` : ''}${
                    a.startedAt ? `, started ${timeOfDay(Date.parse(a.startedAt))}` : ''
                  })`}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="menu-error" data-testid="lab-error">
          {error}
        </p>
      )}
      {signingIn && <SignInDialog onClose={() => setSigningIn(false)} />}
    </section>
  );
}
