import { type ReactNode, useState } from 'react';
import type { TrainingMode } from '../../sim/core';
import type { ScenarioEntry } from '../scenarios/loadScenarios';
import { useScenarioEntries } from './useScenarioEntries';
import { useKeyScope } from '../keyboard/useKeyScope';
import type { CaseStart } from '../attempt/attemptTypes';
import { parseSeed } from './seedInput';
import './menu.css';

/** Menu choices that survive a round trip to a case and back. */
export interface MenuState {
  readonly selected: number;
  readonly mode: TrainingMode;
  readonly seed: number;
  /** The seed box's first text when it is not the seed (an address's refused ?seed=). */
  readonly seedText?: string;
}

const NONE: readonly ScenarioEntry[] = [];

interface Props {
  readonly state: MenuState;
  readonly onChange: (next: MenuState) => void;
  readonly onStart: (start: CaseStart) => void;
  /** Extra content under the start button (the trainee's record panel). */
  readonly side?: ReactNode;
  /** Opens the scenario editor (E). */
  readonly onEditor?: () => void;
}

/** Title, scenario list, practice/exam toggle. ↑/↓ select, M toggles the mode, Enter starts. */
export function MenuScreen({ state, onChange, onStart, side, onEditor }: Props) {
  const loaded = useScenarioEntries();
  const SCENARIOS = loaded ?? NONE;
  const selected = Math.min(state.selected, Math.max(0, SCENARIOS.length - 1));
  const entry = SCENARIOS[selected];

  // The seed box keeps its own text: a seed outside 0..2^32-1 is shown as refused (and no case
  // starts) rather than wrapped or rounded into another patient.
  const [seedText, setSeedText] = useState(() => state.seedText ?? String(state.seed));
  const seedInput = parseSeed(seedText);
  const start = () => {
    if (entry?.ok && seedInput.ok) onStart({ scenario: entry.scenario, seed: seedInput.seed, mode: state.mode });
  };

  // Keys are case-blind and work with Shift held. Enter starts from the seed or name field too
  // (typing there is typing otherwise).
  const n = SCENARIOS.length;
  const select = (i: number) => onChange({ ...state, selected: (i + n) % n });
  const toggleMode = () => onChange({ ...state, mode: state.mode === 'practice' ? 'exam' : 'practice' });
  useKeyScope('Menu', [
    {
      id: 'menu.start',
      keys: ['Enter'],
      label: 'Start the selected case',
      onDown: start,
      repeat: false,
      ignoreShift: true,
      inForms: 'inputs',
    },
    // Until the scenarios are loaded the arrows are left to the browser.
    ...(n > 0
      ? [
          {
            id: 'menu.next',
            keys: ['ArrowDown'],
            label: 'Next scenario',
            onDown: () => select(selected + 1),
            ignoreShift: true,
          },
          {
            id: 'menu.previous',
            keys: ['ArrowUp'],
            label: 'Previous scenario',
            onDown: () => select(selected - 1),
            ignoreShift: true,
          },
        ]
      : []),
    { id: 'menu.mode', keys: ['m'], label: 'Practice / exam', onDown: toggleMode, ignoreShift: true },
    ...(onEditor
      ? [
          {
            id: 'menu.editor',
            keys: ['e'],
            label: 'Open the scenario editor',
            onDown: onEditor,
            ignoreShift: true,
            repeat: false,
          },
        ]
      : []),
  ]);

  return (
    <main className="menu">
      <header className="menu-head">
        <h1>
          Kypho<span>Sim</span>
        </h1>
        <p className="menu-tagline">Fluoroscopy-guided balloon kyphoplasty and vertebroplasty trainer</p>
        <p className="menu-description">
          Review the case, prepare and position the patient, set up the C-arm and then work only through what
          fluoroscopy shows you: dock the trocar on the pedicle, advance it under AP and lateral views, inflate the
          balloon while watching its pressure, and inject cement while watching for leaks. Every shot costs dose. The
          debrief scores leakage, needle placement, height restoration, radiation, cement timing and process.
        </p>
      </header>

      <section className="menu-body">
        <div className="menu-list">
          <h2 id="menu-scenarios-heading">Scenarios</h2>
          {loaded === null && <p className="menu-loading">Loading scenarios…</p>}
          {loaded !== null && SCENARIOS.length === 0 && (
            <p className="menu-error">No scenario files found in levels/.</p>
          )}
          {/* The listbox holds only its options: axe (aria-required-children) refuses a heading or a message inside it. */}
          <div role="listbox" aria-labelledby="menu-scenarios-heading">
            {SCENARIOS.map((s, i) => (
              // biome-ignore lint/a11y/useFocusableInteractive: the list is worked from the keyboard by the menu's key scope (↑/↓ select, Enter starts), not by focusing its options
              // biome-ignore lint/a11y/useKeyWithClickEvents: the click is the pointer's way to select; the keyboard's is ↑/↓ on the menu's key scope
              <div
                key={s.file}
                role="option"
                aria-selected={i === selected}
                data-testid="scenario-item"
                data-scenario-id={s.ok ? s.scenario.id : undefined}
                data-selected={i === selected}
                className={`menu-item${i === selected ? ' selected' : ''}${s.ok ? '' : ' invalid'}`}
                onClick={() => onChange({ ...state, selected: i })}
                onDoubleClick={() =>
                  s.ok && seedInput.ok && onStart({ scenario: s.scenario, seed: seedInput.seed, mode: state.mode })
                }
              >
                {s.ok ? (
                  <>
                    <div className="menu-item-title">
                      {s.scenario.teaching && (
                        <span
                          className={`menu-difficulty ${s.scenario.teaching.difficulty}`}
                          data-testid="scenario-difficulty"
                        >
                          {s.scenario.teaching.difficulty}
                        </span>
                      )}
                      {s.scenario.title}
                      {s.own && (
                        <span className="menu-own" data-testid="scenario-own">
                          {' '}
                          · your scenario v{s.scenario.version ?? 1}
                        </span>
                      )}
                    </div>
                    <div className="menu-item-meta">
                      {s.scenario.level} · {s.scenario.procedure} · {s.scenario.approach} · {s.scenario.patient.age} y{' '}
                      {s.scenario.patient.sex} · T-score {s.scenario.patient.tScore}
                    </div>
                    {i === selected && s.scenario.teaching && (
                      <ul
                        className="menu-objectives"
                        aria-label="What this case teaches"
                        data-testid="scenario-objectives"
                      >
                        {s.scenario.teaching.objectives.map((o) => (
                          <li key={o}>{o}</li>
                        ))}
                      </ul>
                    )}
                  </>
                ) : (
                  <>
                    <div className="menu-item-title">{s.file}: invalid scenario</div>
                    <pre className="menu-error" data-testid="scenario-error">
                      {s.error}
                    </pre>
                  </>
                )}
              </div>
            ))}
          </div>
        </div>

        <aside className="menu-side">
          <h2>Mode</h2>
          <div className="mode-toggle" role="radiogroup" aria-label="Training mode" data-testid="mode-toggle">
            {(['practice', 'exam'] as const).map((m) => (
              // biome-ignore lint/a11y/useSemanticElements: a segmented toggle of two styled buttons (M toggles it from the keyboard); a native radio cannot look like one
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={state.mode === m}
                className={state.mode === m ? 'on' : ''}
                data-testid={`mode-${m}`}
                onClick={() => onChange({ ...state, mode: m })}
              >
                {m === 'practice' ? 'Practice' : 'Exam'}
              </button>
            ))}
          </div>
          <p className="menu-note">
            {state.mode === 'practice'
              ? 'Practice: hints such as the ideal trajectory and the cement phase are shown.'
              : 'Exam: no hints. The attempt is recorded for your instructor.'}
          </p>

          <label className="seed">
            Seed
            <input
              type="text"
              inputMode="numeric"
              data-testid="seed"
              aria-invalid={!seedInput.ok}
              aria-describedby={seedInput.ok ? undefined : 'seed-error'}
              value={seedText}
              onChange={(e) => {
                setSeedText(e.target.value);
                const parsed = parseSeed(e.target.value);
                if (parsed.ok) onChange({ ...state, seed: parsed.seed });
              }}
            />
          </label>
          {!seedInput.ok && (
            <p className="menu-error" id="seed-error" role="alert" data-testid="seed-error">
              {seedInput.error}
            </p>
          )}

          <button
            type="button"
            className="primary start"
            data-testid="start"
            disabled={!entry?.ok || !seedInput.ok}
            onClick={start}
          >
            Start case <kbd>Enter</kbd>
          </button>
          <p className="menu-keys">
            <kbd>↑</kbd> <kbd>↓</kbd> select · <kbd>M</kbd> practice / exam · <kbd>Enter</kbd> start
            {onEditor && (
              <>
                {' '}
                · <kbd>E</kbd> scenario editor
              </>
            )}
          </p>
          {side}
        </aside>
      </section>
    </main>
  );
}
