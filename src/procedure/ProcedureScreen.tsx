import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createSession } from '../../sim/session';
import { ActionBar } from './panels/ActionBar';
import { EventsFeed } from './panels/EventsFeed';
import { PhaseHeader } from './panels/PhaseHeader';
import { SettingsPanel } from './panels/SettingsPanel';
import { SimClock } from './panels/SimClock';
import { StatusLine } from './panels/StatusLine';
import { OrPanels } from './panels/OrPanels';
import { PatientMonitorPanel } from './panels/PatientMonitorPanel';
import { XRayMonitor } from './panels/XRayMonitor';
import { imagePointOfEntry, type ImagePoint } from './input/entryOnImage';
import { shownHint } from './practiceHint';
import { leaveQuestion } from './leaveQuestion';
import { createSnapshotStore } from './loop/snapshotStore';
import { useGameLoop } from './loop/useGameLoop';
import { useProcedureControls } from './loop/useProcedureControls';
import { useSimSnapshot } from './loop/useSimSnapshot';
import type { UiEffect } from './input/actionTypes';
import { entryAtImagePoint } from './input/pointerEntry';
import { useKeyScope } from '../keyboard/useKeyScope';
import { comboLabel } from '../keyboard/keyCombo';
import { toggleKeyHelp, useKeyHelpOpen } from '../keyboard/keyHelp';
import { useKeymap } from './input/useKeymap';
import { LeaveDialog } from './panels/LeaveDialog';
import { keymapBindings, PEDAL_NOTE } from './input/keyBindings';
import { getSettings, updateSettings, useSettings } from '../settings/settingsStore';
import { CaseScreen } from './CaseScreen';
import { segmentationFinding, segmentationOf } from '../../sim/anatomy';
import type { CaseStart, FinishedAttempt, StoredImage } from '../attempt/attemptTypes';
import type { Session } from '../../sim/session';
import type { RecordMeta } from '../record/recordMeta';
import { useAutosave } from './loop/useAutosave';
import { SaveWarning } from './panels/SaveWarning';
import { TakenOverDialog } from './panels/TakenOverDialog';
import { CounselDialog } from './panels/CounselDialog';
import { DeclineDialog } from './panels/DeclineDialog';
import { toAttemptFile } from '../../sim/attempt';
import {
  ALLERGEN_LABELS,
  APP_VERSION,
  type CounselTopic,
  type DeclineReason,
  type MeasuredCorners,
} from '../../sim/core';
import { saveJson } from '../ui/saveFile';
import { sessionAttemptFile } from '../record/sessionAttemptFile';
import { useLab } from '../labClient/labSession';
import { uploadsSummary } from '../labClient/uploadsSummary';
import { UploadsWaiting } from '../ui/UploadsWaiting';
import { useStationMessages } from '../labClient/stationMessages';
import { InstructorMessages, PAUSED_REASON } from './panels/InstructorMessages';
import './procedure.css';

interface Props {
  readonly start: CaseStart;
  readonly onFinished: (attempt: FinishedAttempt) => void;
  readonly onAbort: () => void;
  /** A session replayed to where an interrupted attempt was saved (resume); a fresh one otherwise. */
  readonly resumed?: Session;
  /** Where the attempt is autosaved (the trainee's record); nothing is saved without it. */
  readonly record?: RecordMeta;
}

const MONITOR_PX = 512;
const SPEEDS = [1, 2, 4] as const;
const CASE_PHASES = new Set(['caseReview', 'preOp']);

/** The entry mark is a pointer aid: a geometry that cannot be computed leaves it out. */
function safeMarker(fn: () => ImagePoint | null): ImagePoint | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

/**
 * The procedure: owns the session and the game loop. During case review and pre-op it shows the
 * case; from positioning on, the OR: two X-ray monitors, instrument panels, the events feed, the
 * status line and the action bar. Keys come from the one keymap. Monitors as in the OR, AP on the
 * left and lateral on the right whatever the arm does: with a single-plane C-arm the monitor of the
 * view the arm is at is live (marked LIVE) and the other shows the last STORED image of its view;
 * with a biplane both are live.
 */
export default function ProcedureScreen({ start, onFinished, onAbort, resumed, record }: Props) {
  const [session] = useState(() => resumed ?? createSession(start.scenario, start.seed, { mode: start.mode }));
  const [store] = useState(() => createSnapshotStore(session.snapshot()));
  const autosave = useAutosave(session, store, record);
  // Lab mode: how many attempts wait for the lab server (shown in the top bar while any do).
  const lab = useLab();
  const uploads = uploadsSummary(lab.uploads, lab.user?.id ?? null);
  // The lab server refused this attempt's upload (a 4xx): its sentence, kept until the menu dismisses it.
  const refused = record ? lab.uploads.refused.find((e) => e.attemptId === record.id)?.refused : undefined;
  const speedRef = useRef(1);
  const [speed, setSpeed] = useState(1);
  // An instructor watching live may pause a practice attempt: the clock stands still (speed 0) until they resume.
  const watched = useStationMessages(lab.user?.role === 'trainee' && record?.traineeId ? record.id : null);
  const pausedRef = useRef(false);
  // The help, the settings and the leave question stop the clock too (WCAG 2.2.1, timing adjustable):
  // sim time, and with it the cement's setting and an exam's running time, waits while the trainee
  // reads. The loop advances the session by 0 s meanwhile, so no tick runs and the command log, its
  // sim times and every score are what they would be had the dialog never opened.
  const dialogPausedRef = useRef(false);
  const getSpeed = useCallback(() => (pausedRef.current || dialogPausedRef.current ? 0 : speedRef.current), []);
  const heldReason = useCallback(() => (pausedRef.current ? PAUSED_REASON : null), []);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [declineOpen, setDeclineOpen] = useState(false);
  const [counselOpen, setCounselOpen] = useState(false);
  const [leaveOpen, setLeaveOpen] = useState(false);
  const helpOpen = useKeyHelpOpen();
  // Each Shift+X asks the case screen's film to start measuring (a count, so every press is a new request).
  const [measureRequest, setMeasureRequest] = useState(0);
  const settings = useSettings();
  // Stored images live in the UI (pixels); a ref hands the full list to the debrief without a render race.
  const storedRef = useRef<StoredImage[]>([]);
  const [stored, setStored] = useState<readonly StoredImage[]>([]);
  const onStored = useCallback((image: StoredImage) => {
    storedRef.current = [...storedRef.current, image];
    setStored(storedRef.current);
  }, []);

  const onUi = useCallback((effect: UiEffect) => {
    if (effect === 'help') toggleKeyHelp();
    else if (effect === 'settings') setSettingsOpen(true);
    else if (effect === 'invert') updateSettings({ inverted: !getSettings().inverted });
    else if (effect === 'decline') setDeclineOpen(true);
    else if (effect === 'counsel') setCounselOpen(true);
    else if (effect === 'measure') setMeasureRequest((n) => n + 1);
    else if (effect === 'leave') setLeaveOpen(true);
    else {
      const next = SPEEDS[(SPEEDS.indexOf(speedRef.current as (typeof SPEEDS)[number]) + 1) % SPEEDS.length];
      speedRef.current = next;
      setSpeed(next);
    }
  }, []);

  const controls = useProcedureControls(session, store, onUi, heldReason);
  const paused = watched.pausedBy !== null;
  const { setPedal: releasePedal } = controls;
  useEffect(() => {
    // The beam goes off before the hold, so a pedal held at the pause cannot keep exposing.
    if (paused) releasePedal(false);
    pausedRef.current = paused;
  }, [paused, releasePedal]);
  const dialogPaused = helpOpen || settingsOpen || leaveOpen;
  useEffect(() => {
    if (dialogPaused) releasePedal(false);
    dialogPausedRef.current = dialogPaused;
  }, [dialogPaused, releasePedal]);
  useGameLoop(session, store, getSpeed);
  const snap = useSimSnapshot(store);

  // The keymap is the procedure's key scope; the help and settings dialogs capture keys while open.
  const { run, setPedal } = controls;
  const keymap = useKeymap();
  const bindings = useMemo(
    () => keymapBindings(keymap, settings.pedalKey, run, setPedal),
    [keymap, settings.pedalKey, run, setPedal],
  );
  useKeyScope('Procedure', bindings, { note: PEDAL_NOTE, remappable: true });

  // The pointer chooses the skin entry on the AP image; the planned entry is marked there until the skin is punctured.
  const { perform } = controls;
  const onApPoint = useCallback((p: ImagePoint) => perform((ctx) => entryAtImagePoint(ctx, p)), [perform]);
  const choosingEntry = snap.phase === 'access' && (!snap.trocar || snap.trocar.milestone === 'outside');
  const { anatomy, carm: carmNow } = snap;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the marker depends on the entry and the AP pose only (listed), not on every frame's snapshot
  const entryMarker = useMemo(
    () => (choosingEntry ? safeMarker(() => imagePointOfEntry(snap, controls.entry)) : null),
    [
      choosingEntry,
      controls.entry,
      anatomy,
      carmNow.view,
      carmNow.orbitDeg,
      carmNow.tiltDeg,
      carmNow.zoom,
      carmNow.patientRotation,
    ],
  );

  const done = snap.phase === 'debrief' || snap.finished;
  const { close } = controls;
  const { finish: saveFinished, abandon } = autosave;
  useEffect(() => {
    if (!done) return;
    close();
    const finalSnapshot = session.snapshot();
    saveFinished(finalSnapshot);
    onFinished({ session, finalSnapshot, storedImages: storedRef.current });
  }, [done, close, onFinished, session, saveFinished]);

  // Another tab plays this attempt now: stop the clock and the controls here (that tab writes it).
  const { takenOver } = autosave;
  useEffect(() => {
    if (!takenOver) return;
    close();
    speedRef.current = 0;
    setSpeed(0);
  }, [takenOver, close]);

  // Leaving asks first (LeaveDialog); an exam attempt left is recorded as abandoned (autosave).
  const abort = () => setLeaveOpen(true);
  const stay = useCallback(() => setLeaveOpen(false), []);
  const leave = () => {
    setLeaveOpen(false);
    close();
    abandon();
    onAbort();
  };

  // The attempt as it stands, as a file the history can import (offered when saving fails).
  const exportAttempt = useCallback(() => {
    const id = record?.id.slice(0, 8) ?? 'unsaved';
    const file = record ? sessionAttemptFile(session, record) : toAttemptFile(session, APP_VERSION);
    saveJson(`attempt-${session.scenario.id}-${session.seed}-${id}.json`, file);
  }, [session, record]);

  // Declining in case review: the command carries the chosen reason; the machine ends the attempt.
  const onDecline = useCallback(
    (reason: DeclineReason) => {
      setDeclineOpen(false);
      perform(() => ({ command: { type: 'case.decline', reason } }));
    },
    [perform],
  );
  const closeDecline = useCallback(() => setDeclineOpen(false), []);
  // Counselling in recovery: the topics discussed go with the command (sim/core/counselTopics.ts).
  const onCounsel = useCallback(
    (topics: readonly CounselTopic[]) => {
      setCounselOpen(false);
      perform(() => ({ command: { type: 'counsel.give', topics } }));
    },
    [perform],
  );
  const closeCounsel = useCallback(() => setCounselOpen(false), []);
  const canCounsel = snap.allowed.includes('counsel.give');
  // Measuring the pre-operative lateral in case review: the four corners go into the log for the debrief.
  const onMeasure = useCallback(
    (corners: MeasuredCorners) => perform(() => ({ command: { type: 'case.measure', corners } })),
    [perform],
  );
  const canDecline = snap.allowed.includes('case.decline');

  // The top bar's buttons print their keys as remapped (none where a key is turned off).
  const printedKey = (id: string) => {
    const combo = keymap.find((a) => a.id === id)?.keys[0];
    return combo === undefined ? 'no key' : comboLabel(combo);
  };

  const mode = session.mode;
  const hint = shownHint(mode, snap, controls.entry.side);
  const inCase = CASE_PHASES.has(snap.phase);
  const carm = snap.carm;
  const lastStored = (view: 'AP' | 'lateral') => [...stored].reverse().find((i) => i.view === view) ?? null;
  // Single plane: the monitor of the view the arm is at (or swinging to) is live, the other shows
  // the last stored image of its view. Biplane: both planes are live monitors.
  const roleOf = (view: 'AP' | 'lateral') => (carm.kind === 'biplane' || carm.view === view ? 'live' : 'reference');

  // The action buttons: in the case screens all of them under the case; in the OR the step's own
  // under the step's panel and the rest folded at the end of the side column (phaseActions.ts).
  // The balloon's panel has the syringe's buttons, so the step's list leaves them out.
  const actionBar = (part: 'all' | 'step' | 'more') => (
    <ActionBar
      snapshot={snap}
      pedalKey={settings.pedalKey}
      exposing={carm.exposing}
      onAction={controls.run}
      onPedal={controls.setPedal}
      mode={mode}
      part={part}
      omit={part === 'step' && snap.phase === 'balloon' ? ['balloon'] : []}
    />
  );

  return (
    // The screen is the page's one main landmark, and the case's title its h1 (WCAG 1.3.1, 2.4.6).
    <main
      className={autosave.failure ? 'procedure has-save-warning' : 'procedure'}
      data-testid="procedure"
      data-mode={mode}
    >
      <header className="topbar">
        <div className="brand">
          Kypho<span>Sim</span>
        </div>
        <h1 className="case-title">
          {start.scenario.title}
          <span className={`badge mode-${mode}`}>{mode === 'practice' ? 'PRACTICE' : 'EXAM'}</span>
          <span className="badge">seed {session.seed}</span>
        </h1>
        <SimClock timeS={snap.timeS} speed={paused || dialogPaused ? 0 : speed} />
        <UploadsWaiting summary={uploads} compact />
        <div className="topbar-buttons">
          <button type="button" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => onUi('help')}>
            Help <kbd>{printedKey('ui.help')}</kbd>
          </button>
          <button
            type="button"
            tabIndex={-1}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => setSettingsOpen(true)}
          >
            Settings <kbd>{printedKey('ui.settings')}</kbd>
          </button>
          <button type="button" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={abort}>
            Menu
          </button>
        </div>
      </header>

      {autosave.failure && <SaveWarning failure={autosave.failure} onExport={exportAttempt} />}
      {refused && (
        <p className="upload-refused-line" role="alert" data-testid="upload-refused-here">
          The lab server refused this attempt ({refused.status}): {refused.message} It is still saved in this browser.
        </p>
      )}

      <PhaseHeader
        phase={snap.phase}
        mode={mode}
        hint={hint}
        canAdvance={snap.allowed.includes('phase.next')}
        stateValue={snap.stateValue}
        cavityDevice={start.scenario.equipment.cavityDevice}
        levels={
          start.scenario.secondLevel
            ? {
                names: [start.scenario.level, start.scenario.secondLevel.level],
                current: Math.max(0, snap.levels.length - 1),
              }
            : undefined
        }
        canMoveToNextLevel={snap.allowed.includes('level.next')}
      />

      {inCase ? (
        <CaseScreen
          scenario={start.scenario}
          segmentationFinding={segmentationFinding(segmentationOf(snap.anatomy), start.scenario.level)}
          mode={mode}
          checklist={snap.checklist}
          canTick={snap.allowed.includes('checklist.tick')}
          onTick={controls.tick}
          canDecline={canDecline}
          onDecline={() => setDeclineOpen(true)}
          anatomy={snap.anatomy}
          seed={session.seed}
          canMeasure={snap.allowed.includes('case.measure')}
          onMeasure={onMeasure}
          measureRequest={measureRequest}
          antibiotic={ALLERGEN_LABELS[snap.patient.antibioticChoice]}
          patient={snap.phase === 'preOp' ? snap.patient : undefined}
        />
      ) : (
        <div className="or">
          <div className="or-stage">
            <div className="or-monitors">
              {(['AP', 'lateral'] as const).map((view) => (
                <XRayMonitor
                  key={view}
                  store={store}
                  view={view}
                  inverted={settings.inverted}
                  sizePx={MONITOR_PX}
                  live={carm.exposing && carm.view === view}
                  movingS={carm.view === view ? Math.ceil(carm.movingS) : 0}
                  active={roleOf(view) === 'live'}
                  role={roleOf(view)}
                  stored={lastStored(view)}
                  onStored={onStored}
                  onImagePoint={view === 'AP' && choosingEntry ? onApPoint : undefined}
                  marker={view === 'AP' ? entryMarker : null}
                />
              ))}
            </div>
            <div className="or-log">
              <PatientMonitorPanel patient={snap.patient} mode={mode} />
              <div className="or-feed">
                <StatusLine status={controls.status} />
                <EventsFeed events={snap.events} mode={mode} />
              </div>
            </div>
          </div>
          <OrPanels
            snapshot={snap}
            scenario={start.scenario}
            mode={mode}
            entry={controls.entry}
            onAction={controls.run}
            stepActions={actionBar('step')}
            moreActions={actionBar('more')}
            patientMonitorElsewhere
          />
        </div>
      )}

      {inCase && (
        <footer className="procedure-foot">
          <EventsFeed events={snap.events} mode={mode} />
          <div className="controls">
            <StatusLine status={controls.status} />
            {actionBar('all')}
          </div>
        </footer>
      )}

      <InstructorMessages messages={watched} />
      {takenOver && <TakenOverDialog onLeave={onAbort} />}
      {settingsOpen && !takenOver && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
      {declineOpen && canDecline && !takenOver && <DeclineDialog onDecline={onDecline} onCancel={closeDecline} />}
      {counselOpen && canCounsel && !takenOver && <CounselDialog onCounsel={onCounsel} onCancel={closeCounsel} />}
      {leaveOpen && !takenOver && (
        <LeaveDialog
          question={leaveQuestion(mode, Boolean(record?.traineeId))}
          exam={mode === 'exam'}
          onLeave={leave}
          onStay={stay}
        />
      )}
    </main>
  );
}
