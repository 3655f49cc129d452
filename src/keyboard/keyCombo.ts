/**
 * Key combos as plain strings ("w", "Shift+w", "ArrowUp", "Shift+ArrowUp", "?", " "), built from a
 * KeyboardEvent's `key` so that the map follows the user's keyboard layout.
 *
 * Shift is part of a combo only for letters and named keys (arrows, Enter, Tab...). For symbols
 * and digits Shift is how the character is typed ("?" is Shift+/ on a US layout), so it is
 * left out and "?" matches whatever layout produces it.
 */

export interface KeyLike {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
}

const isLetter = (k: string): boolean => k.length === 1 && k.toLowerCase() !== k.toUpperCase();

/** The key part of a combo, without modifiers: letters lower-cased, everything else as the browser names it. */
export function baseKey(key: string): string {
  return isLetter(key) ? key.toLowerCase() : key;
}

/**
 * Combo string for a key event, or null when Ctrl, Alt or Meta is held (those belong to the
 * browser and the operating system, never to the simulator).
 */
export function comboFromEvent(e: KeyLike): string | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.key === 'Shift' || e.key === 'Control' || e.key === 'Alt' || e.key === 'Meta') return null;
  const key = baseKey(e.key);
  const shiftCounts = isLetter(key) || key.length > 1;
  return e.shiftKey && shiftCounts ? `Shift+${key}` : key;
}

const NAMES: Readonly<Record<string, string>> = {
  ' ': 'Space',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
};

/** Human label for a combo, as printed on key caps: "Shift+w" -> "Shift+W", " " -> "Space". */
export function comboLabel(combo: string): string {
  const shift = combo.startsWith('Shift+') && combo.length > 'Shift+'.length;
  const key = shift ? combo.slice('Shift+'.length) : combo;
  const name = NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  return shift ? `Shift+${name}` : name;
}
