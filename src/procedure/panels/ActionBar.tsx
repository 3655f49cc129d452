import type { SimSnapshot } from '../../../sim/session';
import type { ActionGroup, KeyAction } from '../input/actionTypes';
import { GROUP_LABELS } from '../input/actionLabels';
import { comboLabel } from '../../keyboard/keyCombo';
import { useKeymap } from '../input/useKeymap';
import { ActionButton, keepFocus } from './ActionButton';
import type { TrainingMode } from '../../../sim/core';
import { shows } from '../examVisibility';
import { Panel } from '../../ui/Panel';
import { isStepAction, stepLabel } from '../input/phaseActions';

/**
 * The most characters a step's button shows in one cell of the side column's grid (about 136 px of
 * 12 px text beside its key); a longer label (a state-dependent one) takes the whole row.
 */
const STEP_CELL_CHARS = 16;

interface Props {
  /** The latest snapshot: which commands the machine accepts, and the words of state-dependent buttons. */
  readonly snapshot: SimSnapshot;
  readonly pedalKey: string;
  readonly exposing: boolean;
  readonly onAction: (action: KeyAction) => void;
  readonly onPedal: (down: boolean) => void;
  readonly mode: TrainingMode;
  /**
   * 'all' (the default): every group, open (the case screens' bar). 'step': only the actions the
   * current step is worked with (phaseActions.ts), the next step last. 'more': the others, one
   * folded panel per group. Groups listed in `omit` are left out (a panel that has their buttons).
   */
  readonly part?: 'all' | 'step' | 'more';
  readonly omit?: readonly ActionGroup[];
}

/**
 * Pointer buttons for every action the machine accepts now (plus the UI actions), generated from
 * the keymap with their keys printed on them. In the OR the step's own actions come first and the
 * others fold away (`part`), so the step's buttons stay on a laptop's screen without scrolling.
 */
export function ActionBar({ snapshot, pedalKey, exposing, onAction, onPedal, mode, part = 'all', omit = [] }: Props) {
  const { allowed, phase } = snapshot;
  const nextAlways = !shows(mode, 'actionBar.nextStepOnlyWhenAccepted') && phase !== 'debrief';
  const offered = (a: KeyAction) =>
    !a.commandType || allowed.includes(a.commandType) || (nextAlways && a.commandType === 'phase.next');
  const inPart = (a: KeyAction) =>
    part === 'all' || (part === 'step') === isStepAction(phase, a.id, a.group) || a.id === 'phase.next';
  const keymap = useKeymap();
  const visible = keymap.filter(
    (a) =>
      !a.hiddenFromBar &&
      offered(a) &&
      !omit.includes(a.group) &&
      inPart(a) &&
      !(part === 'more' && a.id === 'phase.next'),
  );
  // In the step's part the next step closes the list: its own row, last.
  const ownRow = (a: KeyAction) => part === 'step' && a.id === 'phase.next';
  const groups = new Map<ActionGroup, KeyAction[]>();
  for (const a of visible.filter((x) => !ownRow(x))) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  const nextRow = visible.filter(ownRow);

  const textOf = (a: KeyAction) =>
    a.barLabel ? a.barLabel(snapshot) : part === 'step' ? stepLabel(a.id, a.label) : a.label;
  const button = (a: KeyAction) =>
    a.held ? (
      <button
        key={a.id}
        type="button"
        tabIndex={-1}
        className={`action pedal${exposing ? ' on' : ''}`}
        aria-label={textOf(a) !== a.label ? a.label : undefined}
        title={a.label}
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
        {textOf(a)} <kbd>{comboLabel(pedalKey)}</kbd>
      </button>
    ) : (
      <ActionButton
        key={a.id}
        action={a}
        text={textOf(a)}
        ariaLabel={part === 'step' && !a.barLabel && stepLabel(a.id, a.label) !== a.label ? a.label : undefined}
        className={part === 'step' && textOf(a).length > STEP_CELL_CHARS ? 'wide' : undefined}
        testId={`action-${a.id}`}
        onAction={onAction}
      />
    );
  if (part === 'more')
    return (
      <nav className="action-more" aria-label="More actions" data-testid="action-bar-more">
        {[...groups].map(([group, actions]) => (
          <Panel key={group} title={`${GROUP_LABELS[group]} (${actions.length})`} testId={`actions-${group}`} collapsed>
            <div className="action-group">{actions.map(button)}</div>
          </Panel>
        ))}
      </nav>
    );
  return (
    // The bar's buttons are worked by their keys (not in the tab order); the bar itself takes the
    // focus so that a keyboard can scroll it when it overflows (WCAG 2.1.1).
    <nav
      className={part === 'step' ? 'action-bar step-actions' : 'action-bar'}
      aria-label={part === 'step' ? 'Actions of this step' : 'Actions'}
      data-testid="action-bar"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable to be scrolled from the keyboard
      tabIndex={0}
    >
      {[...groups].map(([group, actions]) => (
        <div key={group} className={`action-group group-${group}`}>
          <span className="action-group-label">{GROUP_LABELS[group]}</span>
          {actions.map(button)}
        </div>
      ))}
      {nextRow.length > 0 && <div className="action-group group-next">{nextRow.map(button)}</div>}
    </nav>
  );
}
