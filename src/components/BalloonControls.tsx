import type { MouseEvent } from 'react';
import type { CommandType } from '../../sim/commands';
import type { KeyAction } from '../input/actionTypes';
import { comboLabel } from '../input/keyCombo';
import { BALLOON_HOLD_S, INFLATE_FINE_STEP_ML, INFLATE_STEP_ML, KEYMAP } from '../input/keymap';

interface Props {
  /** Command types the machine accepts now: a button is live only while its command is. */
  readonly allowed: readonly CommandType[];
  readonly onAction: (action: KeyAction) => void;
}

/** Words on the panel's small buttons (the keymap's full label is their tooltip and the help overlay's line). */
const SHORT: Readonly<Record<string, string>> = {
  'balloon.insert': 'Insert',
  'balloon.inflate': `+${INFLATE_STEP_ML} mL`,
  'balloon.inflateFine': `+${INFLATE_FINE_STEP_ML} mL`,
  'balloon.withdraw': `−${INFLATE_STEP_ML} mL`,
  'balloon.withdrawFine': `−${INFLATE_FINE_STEP_ML} mL`,
  'balloon.hold': `Hold ${BALLOON_HOLD_S} s`,
  'balloon.deflate': 'Deflate',
  'balloon.remove': 'Remove',
};

/** Buttons never take focus: Space and Enter must stay the pedal and "next" (as on the action bar). */
const keepFocus = (e: MouseEvent) => e.preventDefault();

/**
 * The inflation syringe under the pointer: one button per balloon action of the keymap (insert,
 * inflate and withdraw in coarse and fine steps, hold, deflate, remove), with its key printed on
 * it. They run the very keymap actions the keys run, so the command log cannot tell them apart.
 */
export function BalloonControls({ allowed, onAction }: Props) {
  const actions = KEYMAP.filter((a) => a.group === 'balloon');
  return (
    <div className="balloon-controls" role="group" aria-label="Inflation syringe" data-testid="balloon-controls">
      {actions.map((a) => (
        <button
          key={a.id}
          type="button"
          tabIndex={-1}
          className="action"
          data-testid={`control-${a.id}`}
          title={`${a.label} (${a.keys.map(comboLabel).join(' or ')})`}
          aria-label={a.label}
          disabled={a.commandType !== undefined && !allowed.includes(a.commandType)}
          onMouseDown={keepFocus}
          onClick={() => onAction(a)}
        >
          {SHORT[a.id] ?? a.label} {a.keys[0] !== undefined && <kbd>{comboLabel(a.keys[0])}</kbd>}
        </button>
      ))}
    </div>
  );
}
