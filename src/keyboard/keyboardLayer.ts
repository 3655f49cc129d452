import { comboFromEvent } from './keyCombo';
import type { KeyPress, KeyRegistry, KeyTarget } from './keyScopes';

/**
 * The DOM half of the keyboard layer: the one keydown/keyup listener of the app. It turns browser
 * events into KeyPress values for the scope registry (keyScopes.ts), prevents the browser's default
 * for the keys a binding took, and releases held keys when the window loses focus or the page is
 * hidden, so the beam can never stay on while the trainee is elsewhere.
 */

/** Typing in a form field, or activating a focused button with Enter/Space, is not a simulator key. */
export function isFormTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'BUTTON' && (key === 'Enter' || key === ' ');
}

function targetOf(e: KeyboardEvent): KeyTarget {
  if (!isFormTarget(e.target, e.key)) return 'page';
  return e.target instanceof HTMLInputElement ? 'input' : 'form';
}

/** A keydown event as the registry sees it. */
export function keyPressOf(e: KeyboardEvent): KeyPress {
  return { key: e.key, combo: comboFromEvent(e), repeat: e.repeat, target: targetOf(e) };
}

/** Listen to the window's keys for a registry; returns the function that stops listening. */
export function listenForKeys(registry: KeyRegistry, win: Window = window): () => void {
  const doc = win.document;
  const onKeyDown = (e: KeyboardEvent) => {
    if (registry.keyDown(keyPressOf(e))) e.preventDefault();
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (registry.keyUp(e.key)) e.preventDefault();
  };
  const releaseHeld = () => registry.releaseHeld();
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') releaseHeld();
  };
  win.addEventListener('keydown', onKeyDown);
  win.addEventListener('keyup', onKeyUp);
  win.addEventListener('blur', releaseHeld);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    releaseHeld();
    win.removeEventListener('keydown', onKeyDown);
    win.removeEventListener('keyup', onKeyUp);
    win.removeEventListener('blur', releaseHeld);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
