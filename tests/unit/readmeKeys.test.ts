import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comboLabel } from '../../src/keyboard/keyCombo';
import { KEYMAP, PEDAL_ACTION_ID, RESERVED_KEYS } from '../../src/procedure/input/keymap';
import { DEFAULT_PEDAL_KEY } from '../../src/settings/settingsStore';

/**
 * The README's key table (## Controls) is written by hand; the keymap (src/procedure/input/keymap.ts)
 * is what the app runs. This keeps the two together: every keymap action has a row with its key(s)
 * that names its command type (when it sends one), and every key a row names is bound. Keys are
 * compared as printed on key caps (comboLabel), case-insensitively.
 */

interface Row {
  readonly line: number;
  /** The keys cell split into key labels, upper-cased ("SHIFT+T", "↑", "\\"). */
  readonly keys: readonly string[];
  /** The command types named in backticks in the command cell ("time.wait"). */
  readonly commands: readonly string[];
}

/** Rows whose first cell is no key, and why. */
const NOT_KEYS: Readonly<Record<string, string>> = {
  'Click on the AP image': 'a pointer action (src/procedure/input/pointerEntry.ts), not a key',
};

/** Keys a row may name that the keymap does not bind, and why. */
const BOUND_ELSEWHERE: Readonly<Record<string, string>> = {
  [comboLabel(DEFAULT_PEDAL_KEY)]: 'the fluoro pedal: remappable, Space by default (settingsStore.ts)',
  ...Object.fromEntries(
    RESERVED_KEYS.map((k) => [comboLabel(k), 'reserved by the procedure screen (closing overlays)']),
  ),
  Backspace: "the lateral film's own key scope while measuring (case.measure)",
};

const norm = (label: string): string => label.toUpperCase();

/** The rows of the first table under "## Controls", group headings (bold, no command) left out. */
function controlRows(readme: string): Row[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.trim() === '## Controls');
  if (start < 0) throw new Error('README.md has no "## Controls" section');
  const first = lines.findIndex((l, i) => i > start && l.startsWith('|'));
  const rows: Row[] = [];
  for (let i = first + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const [keysCell, , commandCell] = lines[i]
      .slice(1, -1)
      .split(' | ')
      .map((c) => c.trim());
    if (keysCell.startsWith('**') || keysCell in NOT_KEYS) continue;
    const keys = keysCell
      .replace(/\(.*?\)/g, ' ') // notes: "(hold, remappable)", "(Shift+[ / Shift+])"
      .replaceAll('\\\\', '\\') // Markdown's escaped backslash
      .split(/\s+/)
      .filter((k) => k !== '' && k !== '/' && k !== 'or')
      .map(norm);
    const commands = [...commandCell.matchAll(/`([^`\s]+)[^`]*`/g)].map((m) => m[1]);
    rows.push({ line: i + 1, keys, commands });
  }
  return rows;
}

const rows = controlRows(readFileSync('README.md', 'utf8'));

describe("the README's key table", () => {
  it('is found and parsed', () => {
    expect(rows.length).toBeGreaterThan(30);
  });

  it('has a row for every keymap action with its key, naming its command type', () => {
    const missing: string[] = [];
    for (const action of KEYMAP) {
      // The pedal's key lives in the settings; the keymap lists it with no key.
      const keys = action.id === PEDAL_ACTION_ID ? [DEFAULT_PEDAL_KEY] : action.keys;
      for (const combo of keys) {
        const label = comboLabel(combo);
        const found = rows.some(
          (r) =>
            r.keys.includes(norm(label)) &&
            (action.commandType === undefined || r.commands.includes(action.commandType)),
        );
        if (!found) {
          const command = action.commandType ? ` naming \`${action.commandType}\`` : '';
          missing.push(`${action.id}: no row with key ${label}${command}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('names only keys the keymap binds', () => {
    const bound = new Set(KEYMAP.flatMap((a) => a.keys.map((k) => norm(comboLabel(k)))));
    const elsewhere = new Set(Object.keys(BOUND_ELSEWHERE).map(norm));
    const unbound = rows.flatMap((r) =>
      r.keys
        .filter((k) => !bound.has(k) && !elsewhere.has(k))
        .map((k) => `README.md:${r.line}: ${k} is not in the keymap`),
    );
    expect(unbound).toEqual([]);
  });
});
