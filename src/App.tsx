import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { MenuScreen, type MenuState } from './menu/MenuScreen';
import type { CaseStart, FinishedAttempt } from './attempt/attemptTypes';
import type { Session } from '../sim/session';
import { initialSeed } from './menu/initialSeed';
import { RecordPanel, type ResumedAttempt } from './menu/RecordPanel';
import { newAttemptId, type RecordMeta } from './record/recordMeta';
import { getTrainee } from './record/traineeStore';
import { KeyboardProvider } from './keyboard/KeyboardProvider';
import { LabPanel } from './lab/LabPanel';
import { type AssignedAttempt, AssignmentsPanel } from './lab/AssignmentsPanel';
import { SubmittedScreen } from './lab/SubmittedScreen';
import { getLab, startLab, useLab } from './labClient/labSession';
import { getStation } from './settings/stationStore';
import { watchedAttemptOf } from './live/watchAddress';
import { UpdateNotice } from './pwa/UpdateNotice';

// The procedure, debrief and history screens pull in the simulation (matter-js, xstate) and the
// renderer (pixi.js): loaded on demand so the menu's first chunk stays small.
const ProcedureScreen = lazy(() => import('./procedure/ProcedureScreen'));
const ReviewedDebrief = lazy(() => import('./debrief/ReviewedDebrief'));
const HistoryScreen = lazy(() => import('./history/HistoryScreen'));
// The instructor's screens, only for an instructor or admin signed in to a lab server.
const InstructorScreen = lazy(() => import('./instructor/InstructorScreen'));
const LabReviewedDebrief = lazy(() => import('./debrief/LabReviewedDebrief'));
const CompareScreen = lazy(() => import('./debrief/CompareScreen'));

/** One side of a comparison, as the instructor's screen hands it to the comparison. */
interface Compared {
  readonly attempt: FinishedAttempt;
  readonly label: string;
}
const LiveAttemptScreen = lazy(() => import('./live/LiveAttemptScreen'));
// The instructor's scenario editor (schema forms, previews in a worker): its own chunk.
const EditorScreen = lazy(() => import('./editor/EditorScreen'));

type Screen =
  | { readonly kind: 'menu' }
  | { readonly kind: 'submitted' }
  | { readonly kind: 'procedure'; readonly start: CaseStart; readonly record: RecordMeta; readonly resumed?: Session }
  | { readonly kind: 'debrief'; readonly attempt: FinishedAttempt }
  | { readonly kind: 'history' }
  | { readonly kind: 'instructor' }
  | {
      readonly kind: 'lab-debrief';
      readonly attempt: FinishedAttempt & { readonly lab: NonNullable<FinishedAttempt['lab']> };
    }
  | { readonly kind: 'compare'; readonly first: Compared; readonly second: Compared }
  | { readonly kind: 'live'; readonly attemptId: string }
  | { readonly kind: 'editor' };

/** The app: menu -> procedure (case review included) -> debrief -> menu; menu -> history -> debrief. */
export function App() {
  const [screen, setScreen] = useState<Screen>(() => {
    // An instructor's link to watch an attempt live (?watch=<attempt id>) opens the live viewer.
    const watched = watchedAttemptOf(window.location.search);
    return watched ? { kind: 'live', attemptId: watched } : { kind: 'menu' };
  });
  const [menu, setMenu] = useState<MenuState>(() => {
    const { seed, refusedText } = initialSeed();
    return { selected: 0, mode: 'practice', seed, seedText: refusedText };
  });

  const lab = useLab();
  // Lab mode or standalone: asked once at start-up (src/labClient/labSession.ts).
  useEffect(() => void startLab(), []);

  // Who plays: the signed-in lab user (their attempt is uploaded), else the name typed on the menu.
  // An assigned case is played under the attempt id the lab server reserved for it, so its uploads
  // match the reservation (scenario, mode, seed).
  const start = useCallback((s: CaseStart, assigned?: AssignedAttempt) => {
    const user = getLab().user;
    setScreen({
      kind: 'procedure',
      start: s,
      record: {
        id: assigned?.attemptId ?? newAttemptId(),
        ...(assigned ? { assignmentId: assigned.assignmentId } : {}),
        ...(assigned?.scoresWithheld ? { scoresWithheld: true as const } : {}),
        trainee: user ? user.displayName : getTrainee().trim(),
        traineeId: user ? user.id : null,
        station: getStation(),
        startedAt: Date.now(),
        source: 'played',
      },
    });
  }, []);
  const resume = useCallback(({ session, meta }: Pick<ResumedAttempt, 'session' | 'meta'>) => {
    setScreen({
      kind: 'procedure',
      start: { scenario: session.scenario, seed: session.seed, mode: session.mode },
      record: meta,
      resumed: session,
    });
  }, []);
  const resumeFromLab = useCallback((session: Session, meta: RecordMeta) => resume({ session, meta }), [resume]);
  const finish = useCallback((attempt: FinishedAttempt) => setScreen({ kind: 'debrief', attempt }), []);
  const history = useCallback(() => setScreen({ kind: 'history' }), []);
  const instructor = useCallback(() => setScreen({ kind: 'instructor' }), []);
  const openLabAttempt = useCallback((attempt: FinishedAttempt) => {
    if (attempt.lab) setScreen({ kind: 'lab-debrief', attempt: { ...attempt, lab: attempt.lab } });
  }, []);
  const compare = useCallback((first: Compared, second: Compared) => setScreen({ kind: 'compare', first, second }), []);
  const toMenu = useCallback(() => {
    // A new attempt gets a new seed unless the URL pins one.
    setMenu((m) => {
      const { seed, refusedText } = initialSeed();
      return { ...m, seed, seedText: refusedText };
    });
    setScreen({ kind: 'menu' });
  }, []);

  return (
    <>
      <Suspense fallback={<div className="loading">Loading…</div>}>
        {screen.kind === 'menu' && (
          <MenuScreen
            state={menu}
            onChange={setMenu}
            onStart={start}
            onEditor={() => setScreen({ kind: 'editor' })}
            side={
              <>
                <LabPanel onResume={resumeFromLab} onInstructor={instructor} />
                <RecordPanel onResume={resume} onHistory={history} signedInAs={lab.user?.displayName ?? null} />
                <AssignmentsPanel onStart={start} />
              </>
            }
          />
        )}
        {screen.kind === 'procedure' && (
          <ProcedureScreen
            key={screen.record.id}
            start={screen.start}
            resumed={screen.resumed}
            record={screen.record}
            onFinished={(attempt) =>
              // An unreleased assignment's attempt ends on "submitted": its score is the lab server's to release.
              screen.record.scoresWithheld
                ? setScreen({ kind: 'submitted' })
                : finish({ ...attempt, recordId: screen.record.id })
            }
            onAbort={toMenu}
          />
        )}
        {screen.kind === 'submitted' && <SubmittedScreen onMenu={toMenu} />}
        {screen.kind === 'editor' && <EditorScreen onMenu={toMenu} />}
        {screen.kind === 'live' && (
          <LiveAttemptScreen
            attemptId={screen.attemptId}
            onClose={() => {
              // Leave the ?watch= address too, so a reload shows the menu, not the viewer again.
              window.history.replaceState(null, '', window.location.pathname);
              toMenu();
            }}
          />
        )}
        {screen.kind === 'debrief' && <ReviewedDebrief attempt={screen.attempt} onMenu={toMenu} />}
        {screen.kind === 'history' && (
          <HistoryScreen
            trainee={lab.user ? lab.user.displayName : getTrainee().trim()}
            onOpen={finish}
            onMenu={toMenu}
          />
        )}
        {screen.kind === 'instructor' && (
          <InstructorScreen onOpen={openLabAttempt} onCompare={compare} onMenu={toMenu} />
        )}
        {screen.kind === 'lab-debrief' && (
          <LabReviewedDebrief key={screen.attempt.lab.attemptId} attempt={screen.attempt} onBack={instructor} />
        )}
        {screen.kind === 'compare' && <CompareScreen first={screen.first} second={screen.second} onBack={instructor} />}
      </Suspense>
      {/* A waiting new version is offered on the menu and the debrief only, never mid-case. */}
      <UpdateNotice screenKind={screen.kind} />
      {/* The one keyboard listener, and the key help over whichever screen is showing. */}
      <KeyboardProvider />
    </>
  );
}
