import type { CommandType } from '../../../sim/core';
import type { KeyAction } from '../input/actionTypes';
import { ActionButton } from './ActionButton';
import { BALLOON_HOLD_S, INFLATE_FINE_STEP_ML, INFLATE_STEP_ML } from '../input/keymap';
import { useKeymap } from '../input/useKeymap';

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

/**
 * The inflation syringe under the pointer: one button per balloon action of the keymap (insert,
 * inflate and withdraw in coarse and fine steps, hold, deflate, remove), with its key printed on
 * it. They run the very keymap actions the keys run, so the command log cannot tell them apart.
 */
export function BalloonControls({ allowed, onAction }: Props) {
  const actions = useKeymap().filter((a) => a.group === 'balloon');
  return (
    <fieldset className="balloon-controls" aria-label="Inflation syringe" data-testid="balloon-controls">
      {actions.map((a) => (
        <ActionButton
          key={a.id}
          action={a}
          text={SHORT[a.id] ?? a.label}
          testId={`control-${a.id}`}
          ariaLabel={a.label}
          disabled={a.commandType !== undefined && !allowed.includes(a.commandType)}
          onAction={onAction}
        />
      ))}
    </fieldset>
  );
}
