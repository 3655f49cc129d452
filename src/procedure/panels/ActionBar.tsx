import type { SimSnapshot } from '../../../sim/session';
import type { ActionGroup, KeyAction } from '../input/actionTypes';
import { GROUP_LABELS } from '../input/actionLabels';
import { comboLabel } from '../../keyboard/keyCombo';
import { KEYMAP } from '../input/keymap';
import { ActionButton, keepFocus } from './ActionButton';
import type { TrainingMode } from '../../../sim/core';
import { shows } from '../examVisibility';

interface Props {
  /** The latest snapshot: which commands the machine accepts, and the words of state-dependent buttons. */
  readonly snapshot: SimSnapshot;
  readonly pedalKey: string;
  readonly exposing: boolean;
  readonly onAction: (action: KeyAction) => void;
  readonly onPedal: (down: boolean) => void;
  readonly mode: TrainingMode;
}

/**
 * Pointer buttons for every action the machine accepts now (plus the UI actions), generated from
 * the keymap with their keys printed on them.
 */
export function ActionBar({ snapshot, pedalKey, exposing, onAction, onPedal, mode }: Props) {
  const { allowed } = snapshot;
  const nextAlways = !shows(mode, 'actionBar.nextStepOnlyWhenAccepted') && snapshot.phase !== 'debrief';
  const offered = (a: KeyAction) =>
    !a.commandType || allowed.includes(a.commandType) || (nextAlways && a.commandType === 'phase.next');
  const visible = KEYMAP.filter((a) => !a.hiddenFromBar && offered(a));
  const groups = new Map<ActionGroup, KeyAction[]>();
  for (const a of visible) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);

  return (
    // The bar's buttons are worked by their keys (not in the tab order); the bar itself takes the
    // focus so that a keyboard can scroll it when it overflows (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable to be scrolled from the keyboard
    <nav className="action-bar" aria-label="Actions" data-testid="action-bar" tabIndex={0}>
      {[...groups].map(([group, actions]) => (
        <div key={group} className="action-group">
          <span className="action-group-label">{GROUP_LABELS[group]}</span>
          {actions.map((a) =>
            a.held ? (
              <button
                key={a.id}
                type="button"
                tabIndex={-1}
                className={`action pedal${exposing ? ' on' : ''}`}
                data-testid={`action-${a.id}`}
                onMouseDown={keepFocus}
                onPointerDown={(e) => {
                  e.currentTarget.setPointerCapture(e.pointerId);
                  onPedal(true);
                }}
                onPointerUp={() => onPedal(false)}
                onPointerCancel={() => onPedal(false)}
                onLostPointerCapture={() => onPedal(false)}
              >
                {a.label} <kbd>{comboLabel(pedalKey)}</kbd>
              </button>
            ) : (
              <ActionButton
                key={a.id}
                action={a}
                text={a.barLabel ? a.barLabel(snapshot) : a.label}
                testId={`action-${a.id}`}
                onAction={onAction}
              />
            ),
          )}
        </div>
      ))}
    </nav>
  );
}
