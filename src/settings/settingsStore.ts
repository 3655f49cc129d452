import { useSyncExternalStore } from 'react';

/**
 * User preferences that outlive a session, persisted in localStorage: the fluoro pedal key, the
 * procedure's remapped keys and image inversion. A tiny external store so every component reads
 * the same values.
 */

/**
 * Keys the trainee chose instead of the keymap's (WCAG 2.2 success criterion 2.1.4, character key
 * shortcuts: each can be remapped or turned off): action id -> its combos (keyCombo.ts), an empty
 * list for an action whose key is off. Actions not listed keep the keymap's keys.
 */
export type KeyOverrides = Readonly<Record<string, readonly string[]>>;

export interface Settings {
  /** Key (KeyboardEvent.key, letters lower-cased) that acts as the held fluoro pedal. */
  readonly pedalKey: string;
  /** Show the X-ray inverted (bone light on dark). */
  readonly inverted: boolean;
  /** The procedure's remapped keys (src/procedure/input/keyRemap.ts applies and checks them). */
  readonly keyOverrides: KeyOverrides;
  /**
   * Single-character shortcuts (a letter, digit or symbol alone, "H" for the history) on the
   * screens whose keys cannot be remapped: the menu, history, debrief, lab and instructor screens
   * and the dialogs. Off, those screens are worked with Tab and Enter and only their named keys
   * (Enter, Esc, F1, the arrows) remain (WCAG 2.2, 2.1.4 character key shortcuts: a shortcut of one
   * character can be turned off or remapped; the procedure's own keys are remapped instead).
   */
  readonly characterKeys: boolean;
}

/** The fluoro pedal's key until the user changes it: Space, as on the README's key map. */
export const DEFAULT_PEDAL_KEY = ' ';

const STORAGE_KEY = 'kyphosim.settings.v1';
const DEFAULTS: Settings = { pedalKey: DEFAULT_PEDAL_KEY, inverted: false, keyOverrides: {}, characterKeys: true };

/** The overrides of a stored object, anything malformed left out (a hand-edited or older entry). */
export function keyOverridesOf(data: unknown): KeyOverrides {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const out: Record<string, readonly string[]> = {};
  for (const [id, keys] of Object.entries(data)) {
    if (Array.isArray(keys) && keys.every((k) => typeof k === 'string' && k.length > 0)) out[id] = keys;
  }
  return out;
}

function load(): Settings {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return DEFAULTS;
    const data = JSON.parse(raw) as Partial<Settings>;
    return {
      pedalKey: typeof data.pedalKey === 'string' && data.pedalKey.length > 0 ? data.pedalKey : DEFAULTS.pedalKey,
      inverted: typeof data.inverted === 'boolean' ? data.inverted : DEFAULTS.inverted,
      keyOverrides: keyOverridesOf(data.keyOverrides),
      characterKeys: typeof data.characterKeys === 'boolean' ? data.characterKeys : DEFAULTS.characterKeys,
    };
  } catch {
    // Storage disabled (private mode, file://) or corrupt: fall back to the defaults.
    return DEFAULTS;
  }
}

let current: Settings = load();
const listeners = new Set<() => void>();

/** The current settings (stable reference until they change). */
export function getSettings(): Settings {
  return current;
}

/** Change some settings, persist them and notify subscribers. */
export function updateSettings(patch: Partial<Settings>): void {
  current = { ...current, ...patch };
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // Not persisted; the change still applies to this page.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** React hook: the current settings, re-rendering when they change. */
export function useSettings(): Settings {
  // The same settings when rendered to a string (the unit tests render panels that print keys).
  return useSyncExternalStore(subscribe, getSettings, getSettings);
}
