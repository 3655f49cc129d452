import type { MouseEvent } from 'react';
import type { KeyAction } from '../input/actionTypes';
import { comboLabel } from '../../keyboard/keyCombo';
import { useKeyboardHints } from './keyboardHints';

/** Buttons never take focus: Space and Enter must stay the pedal and "next", not "click the last button". */
export const keepFocus = (e: MouseEvent) => e.preventDefault();

interface Props {
  readonly action: KeyAction;
  /** Words on the button (the action's label unless the caller has shorter or state-dependent ones). */
  readonly text: string;
  readonly testId: string;
  readonly disabled?: boolean;
  readonly ariaLabel?: string;
  /** Extra class names (the step's grid gives a long-worded button the whole row: `wide`). */
  readonly className?: string;
  readonly onAction: (action: KeyAction) => void;
}

/** A pointer button for a keymap action, with its first key printed on it and all its keys in the tooltip (where keyboard hints are on). */
export function ActionButton({ action, text, testId, disabled, ariaLabel, className, onAction }: Props) {
  const keyboardHints = useKeyboardHints();
  return (
    <button
      type="button"
      tabIndex={-1}
      className={className ? `action ${className}` : 'action'}
      data-testid={testId}
      title={
        keyboardHints && action.keys.length > 0
          ? `${action.label} (${action.keys.map(comboLabel).join(' or ')})`
          : action.label
      }
      aria-label={ariaLabel}
      disabled={disabled}
      onMouseDown={keepFocus}
      onClick={() => onAction(action)}
    >
      {text} {keyboardHints && action.keys[0] !== undefined && <kbd>{comboLabel(action.keys[0])}</kbd>}
    </button>
  );
}
