import { useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { getSettings } from '../settings/settingsStore';
import { createKeyRegistry, type HelpListing, type KeyBinding, type ScopeHandle } from './keyScopes';

/**
 * The app's one registry of key scopes; KeyboardProvider (in App.tsx) feeds it the window's keys.
 * The settings' switch for single-character shortcuts is read at each press.
 */
export const keyboard = createKeyRegistry({ characterKeys: () => getSettings().characterKeys });

export interface KeyScopeOptions {
  /** A disabled scope gets no keys and is not listed (default true). */
  readonly enabled?: boolean;
  /** A dialog: captures every key while it is the most recent modal scope. */
  readonly modal?: boolean;
  /** Gets only the keys no screen binds (the app-wide F1). */
  readonly fallback?: boolean;
  /** A sentence for the help listing. */
  readonly note?: string;
  /** Its keys are remapped one by one in Settings (the procedure's keymap): see ScopeState.remappable. */
  readonly remappable?: boolean;
}

/**
 * Declare a screen's or a dialog's key bindings for as long as the component is mounted. The
 * bindings may be new objects every render (the latest handlers run); memoize them where the
 * component renders every frame. A scope mounted or enabled later takes precedence over earlier
 * ones for the keys both bind.
 */
export function useKeyScope(name: string, bindings: readonly KeyBinding[], options: KeyScopeOptions = {}): void {
  const { enabled = true, modal = false, fallback = false, note, remappable = false } = options;
  const state = useMemo(
    () => ({ bindings, enabled, modal, fallback, note, remappable }),
    [bindings, enabled, modal, fallback, note, remappable],
  );
  const handle = useRef<ScopeHandle | null>(null);
  const latest = useRef(state);
  latest.current = state;

  // Layout effects: the keys are bound from the first painted frame, and unbound (held keys
  // released) before the next screen paints.
  useLayoutEffect(() => {
    const h = keyboard.register(name, latest.current);
    handle.current = h;
    return () => {
      h.remove();
      handle.current = null;
    };
  }, [name]);
  useLayoutEffect(() => {
    handle.current?.update(state);
  }, [state]);
}

/** The keys of the screen scopes now active, for a help overlay; re-renders when they change. */
export function useHelpListing(): HelpListing {
  useSyncExternalStore(keyboard.subscribe, keyboard.version);
  return keyboard.helpListing();
}
