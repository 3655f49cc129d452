import { baseKey, comboLabel } from '../../keyboard/keyCombo';
import type { KeyOverrides } from '../../settings/settingsStore';
import type { KeyAction } from './actionTypes';

/**
 * Remapping the procedure's keys (WCAG 2.2, 2.1.4 character key shortcuts: every single-key
 * shortcut can be remapped or turned off). The keymap (keymap.ts) stays the one list of actions;
 * the trainee's overrides (settingsStore.ts, persisted in localStorage) replace an action's keys.
 * Pure, so the rules are unit-tested: a key may do one thing only, and the keys that run the
 * app itself are refused with a sentence that says why.
 */

/** Keys no action may take: modifiers alone, F1 (the help on every screen), Esc (the way out of every dialog). */
const NOT_ASSIGNABLE: Readonly<Record<string, string>> = {
  Shift: 'is a modifier',
  Control: 'is a modifier',
  Alt: 'is a modifier',
  Meta: 'is a modifier',
  CapsLock: 'is a modifier',
  AltGraph: 'is a modifier',
  F1: 'opens the help on every screen',
  Escape: 'closes dialogs and stops a key change',
};

/**
 * The keymap with the overrides applied. An override replaces its action's keys; a key the keymap
 * gives another action by default but an override has taken is dropped there, so one key never
 * runs two actions (a stored override can outlive a keymap that gained that key).
 */
export function applyKeyOverrides(keymap: readonly KeyAction[], overrides: KeyOverrides): KeyAction[] {
  const taken = new Set(
    Object.entries(overrides)
      .filter(([id]) => keymap.some((a) => a.id === id))
      .flatMap(([, keys]) => keys),
  );
  return keymap.map((a) => {
    const own = overrides[a.id];
    if (own) return { ...a, keys: [...own] };
    const keys = a.keys.filter((k) => !taken.has(k));
    return keys.length === a.keys.length ? a : { ...a, keys };
  });
}

/** The combos a held pedal key answers to (Shift or not). */
const pedalCombos = (pedalKey: string): string[] => [pedalKey, `Shift+${pedalKey}`];

/** The actions (other than `exceptId`) that a combo runs now, by their words. */
function usersOf(keymap: readonly KeyAction[], combos: readonly string[], exceptId: string): string[] {
  return keymap.filter((a) => a.id !== exceptId && a.keys.some((k) => combos.includes(k))).map((a) => a.label);
}

/**
 * Why `combo` cannot become the key of action `actionId`, or null when it can. `combo` is what the
 * key press made (keyCombo.ts), null for one with Ctrl, Alt or Meta held; `keymap` is the keymap
 * with the overrides already in force; `pedalKey` the fluoro pedal's key.
 */
export function remapProblem(
  actionId: string,
  combo: string | null,
  keymap: readonly KeyAction[],
  pedalKey: string,
): string | null {
  if (combo === null) return 'Ctrl, Alt and Meta belong to the browser: choose a key without them.';
  const base = combo.startsWith('Shift+') ? combo.slice('Shift+'.length) : combo;
  const why = NOT_ASSIGNABLE[base];
  if (why) return `${comboLabel(base)} ${why}: choose another key.`;
  if (pedalCombos(pedalKey).includes(combo)) return `${comboLabel(combo)} is the fluoro pedal: choose another key.`;
  const users = usersOf(keymap, [combo], actionId);
  if (users.length > 0) {
    return `${comboLabel(combo)} is already used (${users.join(', ')}): change or turn off that key first.`;
  }
  return null;
}

/** Why `key` (KeyboardEvent.key) cannot be the held fluoro pedal, or null when it can. */
export function pedalKeyProblem(key: string, keymap: readonly KeyAction[], pedalId: string): string | null {
  const base = baseKey(key);
  const why = NOT_ASSIGNABLE[base] ?? (base === 'Enter' || base === 'Tab' ? 'steps through the case' : undefined);
  if (why) return `${comboLabel(base)} ${why}: it cannot be the pedal.`;
  const users = usersOf(keymap, pedalCombos(base), pedalId);
  return users.length > 0 ? `${comboLabel(base)} is already used (${users.join(', ')}).` : null;
}

/** The overrides with one action's keys set (null: back to the keymap's own keys). */
export function withOverride(overrides: KeyOverrides, actionId: string, keys: readonly string[] | null): KeyOverrides {
  const { [actionId]: _, ...rest } = overrides;
  return keys === null ? rest : { ...rest, [actionId]: keys };
}
