import { useCallback } from 'react';
import { PHASES } from '../../sim/procedure';
import type { SnapshotStore } from '../procedure/loop/snapshotStore';
import { useSimSnapshot } from '../procedure/loop/useSimSnapshot';
import type { EntryDraft } from '../procedure/input/actionTypes';
import { EventsFeed } from '../procedure/panels/EventsFeed';
import { KeyboardHintsContext } from '../procedure/panels/keyboardHints';
import { OrPanels } from '../procedure/panels/OrPanels';
import { XRayMonitor } from '../procedure/panels/XRayMonitor';
import { useSettings } from '../settings/settingsStore';
import { formatClock } from '../ui/format';
import { LiveMessageBox } from './LiveMessageBox';
import type { LiveReplay } from './liveReplay';
import { useLiveAttempt } from './useLiveAttempt';
import '../procedure/procedure.css';
import './live.css';

export interface LiveAttemptScreenProps {
  /** The attempt to watch (an id from GET /api/attempts). */
  readonly attemptId: string;
  /** Back to where the instructor came from. */
  readonly onClose: () => void;
}

const MONITOR_PX = 384;
/** Both monitors show their own view's last image: the viewer keeps no stored references. */
const LIVE_ROLE = 'live' as const;
/** The trainee's entry draft is not in the log (only the entry they set is): the panels get a neutral one. */
const NO_DRAFT: EntryDraft = { side: 'left', lateralMm: 0, cranialMm: 0 };
const phaseLabel = (id: string) => PHASES.find((p) => p.id === id)?.label ?? id;

/**
 * An instructor watches a station's attempt as it is played: the command log arrives over the
 * live stream and is replayed here by the simulator, so the monitors and the OR panels show what
 * the station's simulation holds at its last upload, in the attempt's own mode (an exam shows
 * what the trainee sees, no more). Beside them, the messages to the trainee (not for an exam).
 */
export function LiveAttemptScreen({ attemptId, onClose }: LiveAttemptScreenProps) {
  const { state, endStatus, lastUpdateMs } = useLiveAttempt(attemptId);
  const file = state.status === 'live' || state.status === 'ended' ? state.replay.file : null;
  return (
    // The viewer is the page's one main landmark and its title the h1, as on the procedure screen
    // (WCAG 1.3.1, 2.4.6).
    <main className="live-screen" data-testid="live-screen" data-state={state.status}>
      <header className="topbar">
        <div className="brand">
          Kypho<span>Sim</span>
        </div>
        <h1 className="case-title">
          {file ? (
            <>
              Watching {file.trainee?.name ?? 'a trainee'}
              {file.station ? ` at ${file.station}` : ''}: {file.scenario.title}
              <span className={`badge mode-${file.mode}`}>{file.mode === 'practice' ? 'PRACTICE' : 'EXAM'}</span>
              <span className="badge">seed {file.seed}</span>
            </>
          ) : (
            'Watching an attempt live'
          )}
        </h1>
        <div className="topbar-buttons">
          <button type="button" onClick={onClose} data-testid="live-close">
            Close
          </button>
        </div>
      </header>
      {state.status === 'connecting' && <p className="live-line">Connecting to the station's attempt…</p>}
      {state.status === 'failed' && (
        <p className="live-line live-error" role="alert" data-testid="live-error">
          {state.error}
        </p>
      )}
      {(state.status === 'live' || state.status === 'ended') && (
        <LiveOr
          replay={state.replay}
          store={state.store}
          monitorStore={state.monitorStore}
          ended={state.status === 'ended'}
          endStatus={endStatus}
          lastUpdateMs={lastUpdateMs}
          attemptId={attemptId}
        />
      )}
    </main>
  );
}

interface LiveOrProps {
  readonly replay: LiveReplay;
  readonly store: SnapshotStore;
  readonly monitorStore: SnapshotStore;
  readonly ended: boolean;
  readonly endStatus: string | null;
  readonly lastUpdateMs: number | null;
  readonly attemptId: string;
}

function LiveOr({ replay, store, monitorStore, ended, endStatus, lastUpdateMs, attemptId }: LiveOrProps) {
  const snap = useSimSnapshot(store);
  const settings = useSettings();
  const noAction = useCallback(() => undefined, []);
  const { file } = replay;
  const carm = snap.carm;
  return (
    <div className="live-body">
      <p
        className="live-line"
        data-testid="live-status"
        data-log-count={replay.applied}
        data-tick={replay.session.tick}
        aria-live="polite"
      >
        <span className={ended ? 'live-dot ended' : 'live-dot'} aria-hidden="true" />
        {ended ? `The attempt is ${endStatus ?? 'over'}.` : 'Live.'} {phaseLabel(snap.phase)} · sim time{' '}
        <span data-testid="live-sim-time">{formatClock(snap.timeS)}</span> ·{' '}
        <span data-testid="live-log-count">{replay.applied}</span> commands
        {lastUpdateMs !== null && ` · last update ${new Date(lastUpdateMs).toLocaleTimeString()}`}
      </p>
      <div className="live-main">
        <div className="or live-or">
          <div className="or-monitors">
            {(['AP', 'lateral'] as const).map((view) => (
              <XRayMonitor
                key={view}
                store={monitorStore}
                view={view}
                inverted={settings.inverted}
                sizePx={MONITOR_PX}
                live={carm.exposing && carm.view === view}
                movingS={carm.view === view ? Math.ceil(carm.movingS) : 0}
                active={carm.view === view}
                role={LIVE_ROLE}
                stored={null}
                onStored={noAction}
              />
            ))}
          </div>
          {/* The trainee's panels, to look at: nothing on them acts from here, so they print no keys. */}
          <div className="live-panels" inert data-testid="live-panels">
            <KeyboardHintsContext.Provider value={false}>
              <OrPanels
                snapshot={snap}
                scenario={file.scenario}
                mode={file.mode}
                entry={NO_DRAFT}
                onAction={noAction}
              />
            </KeyboardHintsContext.Provider>
          </div>
        </div>
        <aside className="live-side">
          <LiveMessageBox attemptId={attemptId} mode={file.mode} ended={ended} />
          <EventsFeed events={snap.events} mode={file.mode} />
        </aside>
      </div>
    </div>
  );
}

export default LiveAttemptScreen;
