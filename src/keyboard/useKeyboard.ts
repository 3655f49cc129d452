import { useEffect, useRef } from 'react';
import type { KeyAction } from '../procedure/input/actionTypes';
import { actionForCombo } from '../procedure/input/keymap';
import { baseKey, comboFromEvent } from './keyCombo';

export interface KeyboardHandlers {
  /** When false, only Escape reaches onEscape (e.g. while a modal captures keys). */
  readonly enabled: boolean;
  /** Key (baseKey form) acting as the held fluoro pedal. */
  readonly pedalKey: string;
  readonly onAction: (action: KeyAction) => void;
  readonly onPedal: (down: boolean) => void;
  readonly onEscape: () => void;
}

/** Typing in a form field, or activating a focused button with Enter/Space, is not a simulator key. */
export function isFormTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'BUTTON' && (key === 'Enter' || key === ' ');
}

/**
 * Binds the keymap to window key events. The pedal acts on key down (auto-repeat ignored) and
 * key up, and is released when the window loses focus or the page is hidden, so the beam can
 * never stay on while the trainee is elsewhere.
 */
export function useKeyboard(handlers: KeyboardHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;

  useEffect(() => {
    let pedalDown = false;
    const releasePedal = () => {
      if (!pedalDown) return;
      pedalDown = false;
      ref.current.onPedal(false);
    };

    const onKeyDown = (e: KeyboardEvent) => {
      const h = ref.current;
      if (isFormTarget(e.target, e.key)) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        h.onEscape();
        return;
      }
      if (!h.enabled) return;
      if (!e.ctrlKey && !e.altKey && !e.metaKey && baseKey(e.key) === h.pedalKey) {
        e.preventDefault();
        if (e.repeat || pedalDown) return;
        pedalDown = true;
        h.onPedal(true);
        return;
      }
      const combo = comboFromEvent(e);
      if (combo === null) return;
      const action = actionForCombo(combo);
      if (!action) return;
      e.preventDefault();
      if (e.repeat && (action.id === 'phase.next' || action.group === 'general')) return;
      h.onAction(action);
    };

    const onKeyUp = (e: KeyboardEvent) => {
      if (baseKey(e.key) === ref.current.pedalKey) {
        e.preventDefault();
        releasePedal();
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') releasePedal();
    };

    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', releasePedal);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      releasePedal();
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', releasePedal);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
}
