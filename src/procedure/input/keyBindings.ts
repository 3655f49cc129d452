import type { KeyBinding } from '../../keyboard/keyScopes';
import { GROUP_LABELS } from './actionLabels';
import type { KeyAction } from './actionTypes';

/** How the pedal behaves, under the procedure's keys in the help overlay. */
export const PEDAL_NOTE =
  'The fluoro pedal is held: the beam is on while the key is down and goes off when you release it or leave the window.';

/**
 * The keymap as the keyboard layer's bindings for the procedure's scope: each action runs on its
 * keys; Next step and the General group ignore auto-repeat (a held Enter never skips phases);
 * the held pedal acts on its configured key (Shift or not), down and up.
 */
export function keymapBindings(
  keymap: readonly KeyAction[],
  pedalKey: string,
  run: (action: KeyAction) => void,
  pedal: (down: boolean) => void,
): KeyBinding[] {
  return keymap.map((a): KeyBinding => {
    const words = { id: a.id, label: a.label, group: GROUP_LABELS[a.group] };
    if (a.held) {
      return {
        ...words,
        keys: [pedalKey],
        held: true,
        ignoreShift: true,
        onDown: () => pedal(true),
        onUp: () => pedal(false),
      };
    }
    return { ...words, keys: a.keys, repeat: !(a.id === 'phase.next' || a.group === 'general'), onDown: () => run(a) };
  });
}
