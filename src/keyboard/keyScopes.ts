import { baseKey, comboLabel } from './keyCombo';

/**
 * The pure half of the keyboard layer: scoped key maps and the rule that picks the binding a key
 * press runs. No DOM here (keyboardLayer.ts turns browser events into KeyPress values), so the
 * precedence, modal capture, repeat and held-key rules are unit-tested in Node.
 *
 * A scope is a screen's or a dialog's key map. Precedence, highest first:
 *  1. the most recently enabled modal scope (a dialog): it captures every key, nothing below sees one;
 *  2. otherwise every enabled screen scope, the most recently enabled first;
 *  3. then the fallback scopes (keys that work on any screen unless the screen binds them: F1).
 * The first binding that matches runs; a key nobody binds is left to the browser.
 */

/** Where the key was pressed: on the page, in a text input, or in another form control (textarea, select, editable text, or Enter/Space on a focused button). */
export type KeyTarget = 'page' | 'input' | 'form';

/** A key going down, as the pure layer sees it. */
export interface KeyPress {
  /** KeyboardEvent.key. */
  readonly key: string;
  /** The combo (keyCombo.ts), or null while Ctrl, Alt or Meta is held (those belong to the browser). */
  readonly combo: string | null;
  /** Auto-repeat of a held key. */
  readonly repeat: boolean;
  readonly target: KeyTarget;
}

/** In `keys`: any key at all but Escape, modifiers included (a "press a key" field). Escape always stays the way out. */
export const ANY_KEY = '*any*';

/** One key binding: data a screen declares, run by the layer. */
export interface KeyBinding {
  readonly id: string;
  /** Key combos (keyCombo.ts: "w", "Shift+w", "ArrowUp", "?"), or [ANY_KEY]. */
  readonly keys: readonly string[];
  /** Words for the help listing; a binding without a label is not listed. */
  readonly label?: string;
  /** Section of the help listing (default: the scope's name). */
  readonly group?: string;
  /** Runs on key down (for a held binding: on the first press only). */
  readonly onDown: (press: KeyPress) => void;
  /** Held bindings: runs when the key goes up, the window loses focus, the page is hidden or the scope goes away. */
  readonly onUp?: () => void;
  /** A held key (the fluoro pedal): onDown once on the press, auto-repeat ignored, onUp on release. */
  readonly held?: boolean;
  /** false: auto-repeat is consumed but does not run the binding again (default true). */
  readonly repeat?: boolean;
  /** Shift+<key> runs it too ("M" and "Shift+M" toggle the mode alike). */
  readonly ignoreShift?: boolean;
  /**
   * Whether it runs while focus is in a form control: 'never' (default: typing is typing),
   * 'inputs' (also from an <input>: Enter in the seed field starts the case) or 'always'.
   */
  readonly inForms?: 'never' | 'inputs' | 'always';
}

export interface ScopeState {
  readonly bindings: readonly KeyBinding[];
  /** A disabled scope gets no keys and is not listed (default true). */
  readonly enabled?: boolean;
  /** A dialog: while it is the top modal scope, it gets every key and the scopes below none. */
  readonly modal?: boolean;
  /** Below every screen scope: gets only the keys no screen binds. */
  readonly fallback?: boolean;
  /** A sentence for the help listing (e.g. how the pedal behaves). */
  readonly note?: string;
  /**
   * Its keys are the trainee's own (remapped or turned off one by one in Settings: the procedure's
   * keymap), so the switch that turns the other screens' single-character shortcuts off leaves
   * them alone.
   */
  readonly remappable?: boolean;
}

export interface ScopeHandle {
  /** New bindings or options (every render; unchanged data is cheap). */
  update(state: ScopeState): void;
  /** The scope goes: its held keys are released. */
  remove(): void;
}

/** What the help overlay lists: the keys of the screen scopes now active, the ones they shadow left out. */
export interface HelpRow {
  /** Printed keys ("Shift+W", "Space"). */
  readonly keys: readonly string[];
  readonly label: string;
}
export interface HelpSection {
  readonly title: string;
  readonly rows: readonly HelpRow[];
}
export interface HelpListing {
  readonly sections: readonly HelpSection[];
  readonly notes: readonly string[];
}

export interface KeyRegistry {
  register(name: string, state: ScopeState): ScopeHandle;
  /** A key went down; true when a binding took it (the caller then prevents the browser's default). */
  keyDown(press: KeyPress): boolean;
  /** A key went up (KeyboardEvent.key); true when it is a held binding's key. */
  keyUp(key: string): boolean;
  /** Release every held key (window blur, page hidden). */
  releaseHeld(): void;
  /** Ids of the held bindings now down (for tests and diagnostics). */
  heldDown(): readonly string[];
  /** Names of the enabled scopes that get keys now, highest precedence first. */
  activeScopes(): readonly string[];
  helpListing(): HelpListing;
  /** Changes whenever the help listing may change (scopes come, go, or change their keys or words). */
  version(): number;
  subscribe(listener: () => void): () => void;
}

interface Scope {
  readonly id: number;
  readonly name: string;
  state: ScopeState;
  /** When it was last enabled: later wins. */
  activatedAt: number;
  signature: string;
  removed: boolean;
}

interface Down {
  readonly scope: Scope;
  readonly binding: KeyBinding;
  /** baseKey of the key that pressed it: its key up releases it. */
  readonly base: string;
}

const isEnabled = (s: ScopeState) => s.enabled !== false;

/** What the help listing depends on (handlers change every render and do not count). */
function signatureOf(name: string, s: ScopeState): string {
  return JSON.stringify([
    name,
    isEnabled(s),
    !!s.modal,
    !!s.fallback,
    s.note ?? '',
    s.bindings.map((b) => [b.id, b.keys, b.label ?? '', b.group ?? '']),
  ]);
}

function allowedIn(b: KeyBinding, target: KeyTarget): boolean {
  if (target === 'page') return true;
  const policy = b.inForms ?? 'never';
  return policy === 'always' || (policy === 'inputs' && target === 'input');
}

function matches(b: KeyBinding, press: KeyPress): boolean {
  if (b.keys.includes(ANY_KEY)) return press.key !== 'Escape';
  const c = press.combo;
  if (c === null) return false;
  if (b.keys.includes(c)) return true;
  return !!b.ignoreShift && c.startsWith('Shift+') && b.keys.includes(c.slice('Shift+'.length));
}

/** Whether a held binding is pressed by a key (key up: by its base key, whatever the modifiers). */
function heldByBase(b: KeyBinding, base: string): boolean {
  return b.keys.includes(base) || (!!b.ignoreShift && b.keys.includes(`Shift+${base}`));
}

export interface KeyRegistryOptions {
  /**
   * Whether single-character shortcuts run in scopes that are not `remappable` (default: always).
   * Read at every key press, so a change in the settings applies at once.
   */
  readonly characterKeys?: () => boolean;
}

/**
 * A character key in the sense of WCAG 2.1.4: a letter, digit, punctuation mark or symbol typed
 * alone or with Shift ("h", "H", "?", "'"); Space, Enter, Esc, Tab, F-keys and arrows are not.
 */
export function isCharacterKey(press: KeyPress): boolean {
  return press.combo !== null && [...press.key].length === 1 && press.key !== ' ';
}

export function createKeyRegistry(options: KeyRegistryOptions = {}): KeyRegistry {
  const scopes: Scope[] = [];
  const down = new Map<string, Down>();
  const listeners = new Set<() => void>();
  let clock = 0;
  let nextId = 0;
  let version = 0;

  const changed = () => {
    version += 1;
    for (const l of listeners) l();
  };

  const downKey = (scope: Scope, binding: KeyBinding) => `${scope.id}:${binding.id}`;

  /** Release a held binding, running the scope's latest version of it. */
  const release = (key: string) => {
    const d = down.get(key);
    if (!d) return;
    down.delete(key);
    const latest = d.scope.state.bindings.find((b) => b.id === d.binding.id) ?? d.binding;
    latest.onUp?.();
  };

  const releaseScope = (scope: Scope, keep: (b: KeyBinding) => boolean = () => false) => {
    for (const [key, d] of [...down]) {
      if (d.scope === scope && !keep(d.binding)) release(key);
    }
  };

  /** Scopes that get keys now, highest precedence first. */
  const candidates = (): Scope[] => {
    const live = scopes.filter((s) => isEnabled(s.state)).sort((a, b) => b.activatedAt - a.activatedAt);
    const modal = live.find((s) => s.state.modal);
    if (modal) return [modal];
    return [...live.filter((s) => !s.state.fallback), ...live.filter((s) => s.state.fallback)];
  };

  return {
    register(name, state) {
      const scope: Scope = {
        id: nextId++,
        name,
        state,
        activatedAt: isEnabled(state) ? ++clock : 0,
        signature: signatureOf(name, state),
        removed: false,
      };
      scopes.push(scope);
      changed();
      return {
        update(next) {
          if (scope.removed || next === scope.state) return;
          const wasEnabled = isEnabled(scope.state);
          scope.state = next;
          if (!isEnabled(next)) releaseScope(scope);
          else {
            if (!wasEnabled) scope.activatedAt = ++clock;
            // A held binding that is gone (or no longer held) is released, not left stuck down.
            releaseScope(scope, (b) => next.bindings.some((n) => n.id === b.id && n.held));
          }
          const signature = signatureOf(name, next);
          if (signature !== scope.signature) {
            scope.signature = signature;
            changed();
          }
        },
        remove() {
          if (scope.removed) return;
          releaseScope(scope);
          scope.removed = true;
          scopes.splice(scopes.indexOf(scope), 1);
          changed();
        },
      };
    },

    keyDown(press) {
      const characterOff = isCharacterKey(press) && options.characterKeys?.() === false;
      for (const scope of candidates()) {
        if (characterOff && !scope.state.remappable) continue;
        for (const b of scope.state.bindings) {
          if (!allowedIn(b, press.target) || !matches(b, press)) continue;
          if (b.held) {
            const key = downKey(scope, b);
            if (press.repeat || down.has(key)) return true;
            down.set(key, { scope, binding: b, base: baseKey(press.key) });
            b.onDown(press);
            return true;
          }
          if (press.repeat && b.repeat === false) return true;
          b.onDown(press);
          return true;
        }
      }
      return false;
    },

    keyUp(key) {
      const base = baseKey(key);
      let handled = false;
      for (const [k, d] of [...down]) {
        if (d.base === base) {
          release(k);
          handled = true;
        }
      }
      // Key up of a held key is taken whether or not it was down, as the pedal always was, but only
      // by the scopes that get keys now: under a dialog the key is the dialog's (Space toggles a
      // checkbox on key up, and taking that key up would cancel the toggle).
      return handled || candidates().some((s) => s.state.bindings.some((b) => b.held && heldByBase(b, base)));
    },

    releaseHeld() {
      for (const k of [...down.keys()]) release(k);
    },

    heldDown() {
      return [...down.values()].map((d) => d.binding.id);
    },

    activeScopes() {
      return candidates().map((s) => s.name);
    },

    helpListing() {
      const live = scopes
        .filter((s) => isEnabled(s.state) && !s.state.modal)
        .sort((a, b) => b.activatedAt - a.activatedAt);
      const ordered = [...live.filter((s) => !s.state.fallback), ...live.filter((s) => s.state.fallback)];
      const claimed = new Set<string>();
      const sections = new Map<string, HelpRow[]>();
      const notes: string[] = [];
      for (const scope of ordered) {
        if (scope.state.note) notes.push(scope.state.note);
        for (const b of scope.state.bindings) {
          if (b.keys.includes(ANY_KEY)) continue;
          // A key a higher scope binds is that scope's: listed once, where it acts.
          const free = b.keys.filter((k) => !claimed.has(k));
          for (const k of b.keys) claimed.add(k);
          if (!b.label || free.length === 0) continue;
          const title = b.group ?? scope.name;
          const rows = sections.get(title) ?? [];
          rows.push({ keys: free.map(comboLabel), label: b.label });
          sections.set(title, rows);
        }
      }
      return { sections: [...sections].map(([title, rows]) => ({ title, rows })), notes };
    },

    version: () => version,

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
