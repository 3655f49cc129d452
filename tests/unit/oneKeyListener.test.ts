import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One keyboard layer for every screen: only src/keyboard/ listens to key events on the window or
 * the document. Screens and dialogs declare their keys with useKeyScope, so precedence, modal
 * capture, repeats and the held pedal are decided in one place (src/keyboard/keyScopes.ts).
 */
const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
const KEYBOARD = join(SRC, 'keyboard') + sep;

const KEY_LISTENER = /addEventListener\(\s*['"`]key(down|up|press)['"`]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|tsx)$/.test(p) ? [p] : [];
  });
}

export function keyListenersOutsideTheLayer(files: readonly { path: string; source: string }[]): string[] {
  return files.filter((f) => !f.path.startsWith(KEYBOARD) && KEY_LISTENER.test(f.source)).map((f) => f.path);
}

describe('the keyboard layer', () => {
  it('is the only key listener in src/', () => {
    const files = sourceFiles(SRC).map((path) => ({ path, source: readFileSync(path, 'utf8') }));
    expect(files.length).toBeGreaterThan(50);
    expect(keyListenersOutsideTheLayer(files).map((p) => relative(ROOT, p))).toEqual([]);
  });

  it('would catch a screen that listens for itself', () => {
    const screen = join(SRC, 'menu', 'X.tsx');
    for (const source of [
      "window.addEventListener('keydown', onKey);",
      'document.addEventListener("keyup", f, { capture: true });',
      'addEventListener(`keypress`, f)',
    ]) {
      expect(keyListenersOutsideTheLayer([{ path: screen, source }])).toEqual([screen]);
    }
    const layer = join(KEYBOARD, 'keyboardLayer.ts');
    expect(keyListenersOutsideTheLayer([{ path: layer, source: "win.addEventListener('keydown', f);" }])).toEqual([]);
  });
});
